import type { ThrottleState } from '../domain/login-throttle';
import { nextStateAfterFailure, throttleKey } from '../domain/login-throttle';
import type { Db } from './client';

/** The failed sign-ins of each username, kept in the database so that every API process sees the same counts. */
export function loginThrottle(db: Db) {
  return {
    async stateOf(username: string): Promise<ThrottleState | null> {
      return db.loginThrottle.findUnique({ where: { key: throttleKey(username) }, select: { failures: true, lastFailureAt: true, lockedUntil: true } });
    },

    /** Records a failure; answers the new state, which says whether it locked the username. */
    async recordFailure(username: string, now = Date.now()): Promise<ThrottleState> {
      const key = throttleKey(username);
      return db.$transaction(async (tx) => {
        const state = await tx.loginThrottle.findUnique({ where: { key } });
        const next = nextStateAfterFailure(state, now);
        await tx.loginThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
        return next;
      });
    },

    /** Forgets the username's failures, and with them any lock. */
    async recordSuccess(username: string): Promise<void> {
      await db.loginThrottle.deleteMany({ where: { key: throttleKey(username) } });
    },
  };
}
