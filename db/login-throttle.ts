import type { ThrottleState } from '../domain/login-throttle';
import type { AppError } from '../domain/errors';
import { nextStateAfterFailure, throttleKey, throttleRefusal } from '../domain/login-throttle';
import type { Db } from './client';

const errorCode = (err: unknown) => (err as { code?: string } | null)?.code;
/** Prisma's codes: the row was created meanwhile; the row no longer holds what was read. */
const CREATED_MEANWHILE = 'P2002';
const CHANGED_MEANWHILE = 'P2025';

/** The failed sign-ins of each username, kept in the database so that every API process sees the same counts. */
export function loginThrottle(db: Db) {
  const read = (key: string): Promise<ThrottleState | null> =>
    db.loginThrottle.findUnique({ where: { key }, select: { failures: true, lastFailureAt: true, lockedUntil: true } });

  /**
   * Writes `next` only if the row still holds `seen` (or still does not exist): false when another
   * attempt wrote first. One statement either way (updateMany would open a transaction), so no lock
   * is held between two awaits.
   */
  async function replace(key: string, seen: ThrottleState | null, next: ThrottleState): Promise<boolean> {
    try {
      if (seen) await db.loginThrottle.update({ where: { key, failures: seen.failures, lastFailureAt: seen.lastFailureAt }, data: next });
      else await db.loginThrottle.create({ data: { key, ...next } });
      return true;
    } catch (err) {
      if (errorCode(err) === (seen ? CHANGED_MEANWHILE : CREATED_MEANWHILE)) return false;
      throw err;
    }
  }

  return {
    async stateOf(username: string): Promise<ThrottleState | null> {
      return read(throttleKey(username));
    },

    /**
     * Records a failure; answers the new state, which says whether it locked the username.
     * Compare-and-set, not a transaction that reads then writes: that one loses simultaneous
     * failures on PostgreSQL (read committed) and fails on a busy SQLite file. Each retry follows
     * another failure's successful write, so simultaneous failures settle one by one.
     */
    async recordFailure(username: string, now = Date.now()): Promise<ThrottleState> {
      const key = throttleKey(username);
      for (;;) {
        const seen = await read(key);
        const next = nextStateAfterFailure(seen, now);
        if (await replace(key, seen, next)) return next;
      }
    },

    /**
     * Admits one attempt, or answers the refusal it must wait out. An admitted attempt is counted
     * as a failure before the password is checked (a right one then forgets it): simultaneous
     * attempts cannot all slip past a check made before any of them was counted.
     */
    async admitAttempt(username: string, now = Date.now()): Promise<{ refusal: AppError } | { counted: ThrottleState }> {
      const key = throttleKey(username);
      for (;;) {
        const seen = await read(key);
        const refusal = throttleRefusal(seen, now);
        if (refusal) return { refusal };
        const next = nextStateAfterFailure(seen, now);
        if (await replace(key, seen, next)) return { counted: next };
      }
    },

    /** Forgets the username's failures, and with them any lock. */
    async recordSuccess(username: string): Promise<void> {
      await db.loginThrottle.deleteMany({ where: { key: throttleKey(username) } });
    },
  };
}
