import { setTimeout as sleep } from 'node:timers/promises';

/** Arrivals waiting for an answer at once; past it the rate is not held and the shortfall shows. */
const MAX_IN_FLIGHT = 256;

/**
 * Calls `arrive(1)` … `arrive(count)` at a steady `rate` a second, open loop: each leaves at its
 * time whether or not the earlier ones were answered (at most MAX_IN_FLIGHT waiting). Answers once
 * every arrival has been answered, or throws the first arrival's failure then (an arrival records
 * the failures it expects itself); throws the reason once `stop` is aborted.
 */
export async function atSteadyRate(count: number, rate: number, arrive: (index: number) => Promise<void>, stop?: AbortSignal): Promise<void> {
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  let failed: { reason: unknown } | undefined;
  for (let i = 1; i <= count; i++) {
    stop?.throwIfAborted();
    const wait = started + ((i - 1) * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait, undefined, { signal: stop });
    if (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    const arrival: Promise<void> = arrive(i)
      .catch((reason: unknown) => void (failed ??= { reason }))
      .finally(() => inFlight.delete(arrival));
    inFlight.add(arrival);
  }
  await Promise.all(inFlight);
  if (failed) throw failed.reason;
}
