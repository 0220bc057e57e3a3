import type { Client } from '@temporalio/client';
import type { ArrivalsOutcome, ArrivalsSpec } from '../arrivals-plan';
import { emptyArrivals } from '../arrivals-plan';
import { timed } from '../pool';
import { atSteadyRate } from '../steady-rate';
import { sentAgain } from './careful-call';
import { bareCaseStart } from './start';

/** Bare cases started at a steady rate, as Laurel's applicants submit: the workflow start is the arrival. */
export async function startBareArrivals(client: Client, taskQueue: string, spec: ArrivalsSpec): Promise<ArrivalsOutcome> {
  const outcome = emptyArrivals('bare', spec);
  const started = performance.now();
  await atSteadyRate(spec.cases, spec.rate, async (i) => {
    const { caseId, workflowId, start } = bareCaseStart(client, taskQueue, spec.tag, i);
    outcome.sentAt[workflowId] = Date.now();
    try {
      await timed(outcome.startMs, () => sentAgain(`start ${caseId}`, outcome.retriedAnswers, start));
    } catch (err) {
      delete outcome.sentAt[workflowId];
      outcome.errors.push(`start ${caseId}: ${err instanceof Error ? err.message : err}`);
    }
  });
  outcome.seconds = (performance.now() - started) / 1000;
  return outcome;
}
