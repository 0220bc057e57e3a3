import { FAILURE_WINDOW_MS, LOCK_AFTER_FAILURES, LOCK_MS, nextStateAfterFailure, waitBeforeNextAttempt } from '../../domain/login-throttle';
import type { ThrottleState } from '../../domain/login-throttle';

const now = Date.parse('2026-11-21T08:00:00Z');

function failures(n: number, at = now): ThrottleState {
  let state: ThrottleState | null = null;
  for (let i = 0; i < n; i++) state = nextStateAfterFailure(state, at);
  return state!;
}

test('the first three failures cost nothing', () => {
  expect(waitBeforeNextAttempt(failures(3 - 1), now)).toBe(0);
});

test('each failure past the third doubles the wait', () => {
  expect(waitBeforeNextAttempt(failures(3), now)).toBe(1000);
  expect(waitBeforeNextAttempt(failures(4), now)).toBe(2000);
  expect(waitBeforeNextAttempt(failures(6), now)).toBe(8000);
  expect(waitBeforeNextAttempt(failures(4), now + 1500)).toBe(500);
});

test('the tenth failure locks the username for fifteen minutes', () => {
  const state = failures(LOCK_AFTER_FAILURES);
  expect(state.lockedUntil?.getTime()).toBe(now + LOCK_MS);
  expect(waitBeforeNextAttempt(state, now + LOCK_MS - 1000)).toBe(1000);
  expect(waitBeforeNextAttempt(state, now + LOCK_MS)).toBe(0);
});

test('failures are forgotten after a quiet window, and a lock once it has expired', () => {
  expect(waitBeforeNextAttempt(failures(5), now + FAILURE_WINDOW_MS + 1)).toBe(0);
  expect(nextStateAfterFailure(failures(5), now + FAILURE_WINDOW_MS + 1).failures).toBe(1);
  expect(nextStateAfterFailure(failures(LOCK_AFTER_FAILURES), now + LOCK_MS + 1)).toEqual({ failures: 1, lastFailureAt: new Date(now + LOCK_MS + 1), lockedUntil: null });
});
