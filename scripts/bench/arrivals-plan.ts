import type { Side } from './round-plan';

// What an arrivals run asks of a side and what the side answers: the same on both sides, so the
// bare client (its own process) and the bench speak it over IPC.

export interface ArrivalsSpec {
  /** Names the run's cases and their applicants' addresses, e.g. `sqlite-a1-bare`. */
  tag: string;
  cases: number;
  /** Arrivals a second. */
  rate: number;
}

export interface ArrivalsOutcome {
  side: Side;
  spec: ArrivalsSpec;
  /** Epoch ms each arrival was sent (Laurel: the submission; bare: the workflow start), by workflow id. */
  sentAt: Record<string, number>;
  /** ms each took to be answered. */
  startMs: number[];
  /** Seconds from the first arrival sent to the last answered. */
  seconds: number;
  errors: string[];
  /** Calls sent again after a "not now" (round-plan.ts). */
  retriedAnswers: string[];
}

export function emptyArrivals(side: Side, spec: ArrivalsSpec): ArrivalsOutcome {
  return { side, spec, sentAt: {}, startMs: [], seconds: 0, errors: [], retriedAnswers: [] };
}
