import { AppError } from './errors';

// Failed sign-ins slow down and then lock a username. Unknown usernames are throttled alike, so
// refusals do not reveal which accounts exist.

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

/** One count per username, however it was typed. */
export function throttleKey(username: string): string {
  return username.trim().toLowerCase();
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

/** The 429 for a username that must still wait (with Retry-After), or null when it may try now. */
export function throttleRefusal(state: ThrottleState | null, now: number): AppError | null {
  const wait = waitBeforeNextAttempt(state, now);
  if (wait <= 0) return null;
  const error = new AppError(429, state?.lockedUntil ? 'account-locked' : 'login-throttled');
  error.retryAfterSeconds = Math.ceil(wait / 1000);
  return error;
}
