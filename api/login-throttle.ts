import type { Db } from '../db/client';
import { AppError } from '../domain/errors';

/** Failures forgotten after this long without another. */
export const FAILURE_WINDOW_MS = 15 * 60_000;
/** Failures allowed before each further attempt must wait. */
export const FREE_FAILURES = 3;
/** Failures after which the username is locked. */
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_MS = 15 * 60_000;

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

/**
 * How long the caller must still wait before trying this username again, in ms (0: go ahead).
 * After the free failures each attempt waits twice as long as the one before (1 s, 2 s, 4 s…);
 * at the lock threshold the username is locked outright.
 */
export function waitBeforeNextAttempt(state: ThrottleState | null, now: number): number {
  if (!state) return 0;
  if (state.lockedUntil) return Math.max(0, state.lockedUntil.getTime() - now);
  if (now - state.lastFailureAt.getTime() > FAILURE_WINDOW_MS || state.failures < FREE_FAILURES) return 0;
  const delay = 1000 * 2 ** (state.failures - FREE_FAILURES);
  return Math.max(0, state.lastFailureAt.getTime() + delay - now);
}

export function nextStateAfterFailure(state: ThrottleState | null, now: number): ThrottleState {
  const lockExpired = state?.lockedUntil && state.lockedUntil.getTime() <= now;
  const stale = !state || lockExpired || now - state.lastFailureAt.getTime() > FAILURE_WINDOW_MS;
  const failures = (stale ? 0 : state.failures) + 1;
  return { failures, lastFailureAt: new Date(now), lockedUntil: failures >= LOCK_AFTER_FAILURES ? new Date(now + LOCK_MS) : null };
}

function throttleKey(username: string): string {
  return username.trim().toLowerCase();
}

function refusal(waitMs: number, locked: boolean): AppError {
  const error = new AppError(429, locked ? 'account-locked' : 'login-throttled');
  error.retryAfterSeconds = Math.ceil(waitMs / 1000);
  return error;
}

/**
 * Failed sign-ins slow down and then lock a username, kept in the database so that every API
 * process sees the same counts. Unknown usernames are throttled alike, so refusals do not reveal
 * which accounts exist.
 */
export function loginThrottle(db: Db) {
  return {
    /** Refuses with 429 while the username must wait. */
    async check(username: string, now = Date.now()): Promise<void> {
      const state = await db.loginThrottle.findUnique({ where: { key: throttleKey(username) } });
      const wait = waitBeforeNextAttempt(state, now);
      if (wait > 0) throw refusal(wait, Boolean(state?.lockedUntil));
    },

    /** Records a failure; answers whether it locked the username. */
    async recordFailure(username: string, now = Date.now()): Promise<ThrottleState> {
      const key = throttleKey(username);
      return db.$transaction(async (tx) => {
        const state = await tx.loginThrottle.findUnique({ where: { key } });
        const next = nextStateAfterFailure(state, now);
        await tx.loginThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
        return next;
      });
    },

    async recordSuccess(username: string): Promise<void> {
      await db.loginThrottle.deleteMany({ where: { key: throttleKey(username) } });
    },
  };
}
