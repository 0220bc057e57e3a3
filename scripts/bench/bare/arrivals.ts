import type { Client } from '@temporalio/client';
import type { ArrivalsOutcome, ArrivalsSpec } from '../arrivals-plan';
import { emptyArrivals } from '../arrivals-plan';
import { timed } from '../pool';
import { COMMITTEE_QUORUM, applicantAddress } from '../round-plan';
import { atSteadyRate } from '../steady-rate';
import { sentAgain } from './careful-call';
import { bareWorkflowId } from './contract';
import type { bareCaseWorkflow } from './workflow';

/** Bare cases started at a steady rate, as Laurel's applicants submit: the workflow start is the arrival. */
export async function startBareArrivals(client: Client, taskQueue: string, spec: ArrivalsSpec): Promise<ArrivalsOutcome> {
  const outcome = emptyArrivals('bare', spec);
  const started = performance.now();
  await atSteadyRate(spec.cases, spec.rate, async (i) => {
    const caseId = `${spec.tag}-${i}`;
    const workflowId = bareWorkflowId(caseId);
    const start = () =>
      client.workflow.start<typeof bareCaseWorkflow>('bareCaseWorkflow', {
        workflowId,
        taskQueue,
        args: [{ caseId, applicantEmail: applicantAddress(spec.tag, i), quorum: COMMITTEE_QUORUM }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
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
