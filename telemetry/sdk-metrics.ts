import type { RuntimeOptions } from '@temporalio/worker';

/**
 * The Temporal SDK's own metrics (workflow and activity task latencies, slots, polls, the worker's
 * requests to the server), served by the SDK Core's Prometheus exporter at
 * `http://<bindAddress>/metrics`. Prometheus's conventions: durations in seconds with the unit in
 * the name, counters ending in `_total`. Nothing is served without an address.
 */
export function sdkMetricsTelemetry(bindAddress: string | undefined): RuntimeOptions['telemetryOptions'] | undefined {
  if (!bindAddress) return undefined;
  return { metrics: { prometheus: { bindAddress, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true } } };
}
