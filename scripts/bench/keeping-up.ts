import type { Spread } from './stats';
import { percentile, spread } from './stats';

/** The worker keeps up when the last tenth of the arrivals reached their first step this fast (p95). */
export const KEEPING_UP_LAG_MS = 2_000;

/** How far the first steps kept up with arrivals sent at a steady rate. */
export interface KeepingUp {
  /** ms from sending an arrival to its first step recorded. */
  firstStepLagMs: Spread;
  /** That lag's p95 over the first and over the last tenth of the arrivals, in the order they were sent. */
  lagP95FirstTenthMs: number | null;
  lagP95LastTenthMs: number | null;
  /** Arrivals answered a second, held to at least 95% of the rate asked for, and the last tenth's p95 under KEEPING_UP_LAG_MS. */
  keptUp: boolean;
}

/** `sentAt` and `firstStepAt`: epoch ms by workflow id; an arrival without a first step is left out of the lags. */
export function keepingUp(sentAt: Record<string, number>, firstStepAt: Record<string, number>, achievedRate: number, rate: number): KeepingUp {
  const lags = Object.entries(sentAt)
    .sort(([, a], [, b]) => a - b)
    .filter(([id]) => firstStepAt[id] !== undefined)
    .map(([id, at]) => firstStepAt[id] - at);
  const tenth = Math.max(1, Math.floor(lags.length / 10));
  const lastTenth = percentile(lags.slice(-tenth), 95);
  return {
    firstStepLagMs: spread(lags),
    lagP95FirstTenthMs: percentile(lags.slice(0, tenth), 95),
    lagP95LastTenthMs: lastTenth,
    keptUp: achievedRate >= 0.95 * rate && lastTenth !== null && lastTenth < KEEPING_UP_LAG_MS,
  };
}
