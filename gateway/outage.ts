import type { Client } from '@temporalio/client';
import { temporalReachable } from './health';
import { isTemporalUnavailable, temporarilyUnavailable } from './temporal-errors';

/** How long a call may go unanswered before Temporal is asked whether it is up at all. */
const PROBE_AFTER_MS = 2_000;
/** The probe's own limit: with the first wait, the caller hears of an outage within 5 s. */
const PROBE_MS = 2_000;

/** Whether Temporal answers within `ms`, by the clock here, whatever the client's own retries do. */
function answersWithin(temporal: Client, ms: number): Promise<boolean> {
  return Promise.race([temporalReachable(temporal, ms), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref())]);
}

/**
 * Runs a call that needs Temporal and answers within 5 s when Temporal is down: the SDK's own
 * retries would take about 20 s and end in an error no one recognises. While the call is slow but
 * Temporal answers the probe, it is waited for — a slow call that takes effect is reported as done.
 * Cut short, the call may still take effect once Temporal is back: the 503 tells the client to
 * retry with the same Idempotency-Key, which then finds it.
 */
export async function withinOutageBound<T>(temporal: Client, call: () => Promise<T>): Promise<T> {
  const running = call();
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  const outage = new Promise<never>((_, reject) => {
    const probe = async () => {
      const up = await answersWithin(temporal, PROBE_MS);
      if (settled) return;
      if (up) timer = setTimeout(probe, PROBE_AFTER_MS);
      else reject(temporarilyUnavailable(new Error('Temporal did not answer a health probe')));
    };
    timer = setTimeout(probe, PROBE_AFTER_MS);
  });
  try {
    return await Promise.race([running, outage]);
  } catch (err) {
    if (isTemporalUnavailable(err)) throw temporarilyUnavailable(err);
    throw err;
  } finally {
    settled = true;
    clearTimeout(timer);
    // A call cut short may still fail later; that failure is no one's to hear.
    running.catch(() => undefined);
  }
}
