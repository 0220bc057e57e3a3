import type { Client, WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { inPool, timed } from '../pool';
import { pollUntil } from '../poll';
import type { RoundOutcome, RoundSpec } from '../round-plan';
import { DECISIONS, PhaseClock, committeeScore, emptyOutcome } from '../round-plan';
import { announceSignal, caseStageQuery, committeeOutcomeSignal, decideUpdate } from './contract';
import { sentAgain } from './careful-call';
import { bareCaseStart } from './start';
import type { bareCaseWorkflow } from './workflow';

const WAIT_MS = 10 * 60_000;

interface BareCase {
  caseId: string;
  handle: WorkflowHandle<typeof bareCaseWorkflow>;
  /** The task a reviewer would find for it now. */
  openTaskId: string | null;
}

/**
 * One round on the bare side, shaped as Laurel's: every case started, then each decision taken
 * for every case, then the committee's outcome, the notice, and the announcement. The Temporal
 * client is called directly; a task's id comes from the case itself (its query, then each Update's
 * answer), as a reviewer reads it from an inbox.
 */
export async function runBareRound(client: Client, taskQueue: string, spec: RoundSpec): Promise<RoundOutcome> {
  const outcome = emptyOutcome('bare', spec);
  const clock = new PhaseClock(outcome);
  const retried = outcome.retriedAnswers;
  let alive: BareCase[] = [];
  const indexes = Array.from({ length: spec.cases }, (_, i) => i + 1);

  await inPool(indexes, spec.concurrency, async (i) => {
    const { caseId, workflowId, start } = bareCaseStart(client, taskQueue, spec.tag, i);
    outcome.submittedAt[workflowId] = Date.now();
    const handle = await timed(outcome.startMs, () => sentAgain(`start ${caseId}`, retried, start));
    alive.push({ caseId, handle, openTaskId: null });
    outcome.caseWorkflowIds.push(workflowId);
  });
  clock.phase('submissions');

  // A query the worker is too busy to answer in time fails and is not retried by the client: it is read again, as not yet.
  const stage = (c: BareCase) => c.handle.query(caseStageQuery).catch(() => null);
  await inPool(alive, spec.concurrency, async (c) => {
    const first = await pollUntil(`${c.caseId}'s first step`, () => stage(c), (s) => s !== null && s.stepsRecorded >= 1, WAIT_MS);
    c.openTaskId = first!.openTaskId;
  });
  clock.phase('first steps');

  for (const review of DECISIONS) {
    const decided: BareCase[] = [];
    await inPool(alive, spec.concurrency, async (c) => {
      const taskId = c.openTaskId!;
      const decision = { taskId, decision: review.decision, actorId: review.account, ...(review.kind === 'committee-review' && { score: committeeScore(taskId, review.account) }) };
      const updateId = randomUUID();
      const update = () => c.handle.executeUpdate(decideUpdate, { args: [decision], updateId });
      try {
        const reply = await timed(outcome.decisionMs[review.name], () => sentAgain(`${review.name} of ${c.caseId}`, retried, update));
        c.openTaskId = reply.openTaskId;
        decided.push(c);
      } catch (err) {
        outcome.errors.push(`${review.name} Update on ${c.caseId}: ${err instanceof Error ? err.message : err}`);
      }
    });
    // A case whose decision failed goes no further.
    alive = decided;
    clock.phase(review.name);
  }
  clock.reviewsDone();

  const noticeEndsAt = new Date(Date.now() + spec.noticePeriodSeconds * 1000).toISOString();
  await inPool(alive, spec.concurrency, (c, i) => sentAgain(`outcome of ${c.caseId}`, retried, () => c.handle.signal(committeeOutcomeSignal, { selected: true, rank: i + 1, noticeEndsAt })));
  clock.phase('committee round');
  await inPool(alive, spec.concurrency, (c) => pollUntil(`${c.caseId}'s notice end`, () => stage(c), (s) => s?.status === 'notice-ended', WAIT_MS).then(() => undefined));
  clock.phase('public notice');
  const announcedAt = new Date().toISOString();
  await inPool(alive, spec.concurrency, (c) => sentAgain(`announcement of ${c.caseId}`, retried, () => c.handle.signal(announceSignal, { announcedAt })));
  // A bare case ends once its emails are delivered: its result is the round's last event.
  await inPool(alive, spec.concurrency, async (c) => {
    const status = await c.handle.result();
    if (status !== 'announced') outcome.errors.push(`${c.caseId} ended ${status}`);
  });
  clock.phase('announcement and emails');
  clock.done();
  return outcome;
}
