import { ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { CaseActivities, CaseStep } from '../activities/case-activities';
import type { CaseStatus } from '../domain/statuses';
import { isTerminal } from '../domain/statuses';
import type { ReviewStep, TaskKind } from '../domain/tasks';
import { isDecisionOf } from '../domain/tasks';
import type { CommitteeOutcome, TaskDecision, WithdrawRequest } from './messages';
import {
  REFUSALS,
  caseStatusQuery,
  committeeOutcomeSignal,
  completeTaskUpdate,
  sealedFormResubmittedUpdate,
  withdrawUpdate,
} from './messages';

const { recordCaseStep, enterSelectionPool } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const { deliverEmail } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes' },
});

export interface NominationInput {
  caseId: string;
  campaignId: string;
}

type StepExtra = Omit<CaseStep, 'caseId' | 'campaignId' | 'seq' | 'at' | 'status'>;
type StepOutcome = { outboxIds: string[]; roundClosed?: boolean };

/** The review that follows a passed one; the committee's approval leads to selection instead. */
const NEXT_REVIEW: Record<Exclude<ReviewStep, 'committee-review'>, ReviewStep> = {
  'seal-check': 'field-review',
  'field-review': 'branch-shortlist',
  'branch-shortlist': 'committee-review',
};

function refuse(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

/** One nomination's whole life: seal check, reviews, selection, public notice, announcement. */
export async function nominationWorkflow({ caseId, campaignId }: NominationInput): Promise<CaseStatus> {
  let status: CaseStatus = 'seal-check';
  let seq = 0;
  let taskCount = 0;
  let openTask: { id: string; kind: TaskKind } | null = null;
  /** The accepted decision the main flow has yet to apply; `applied` is the last one it did apply. */
  let decision: TaskDecision | null = null;
  let applied: TaskDecision | null = null;
  let withdrawal: WithdrawRequest | null = null;
  let resubmitted = false;
  let outcome: CommitteeOutcome | null = null;
  let onNotice = false;

  setHandler(caseStatusQuery, () => ({ status, openTask, steps: seq }));

  setHandler(
    completeTaskUpdate,
    async (d) => {
      decision = d;
      await condition(() => applied === d);
      return { caseStatus: status };
    },
    {
      validator: (d) => {
        if (!openTask || openTask.id !== d.taskId || decision || withdrawal)
          refuse(REFUSALS.taskNotOpen, 'this task is no longer open');
        if (!isDecisionOf(openTask.kind, d.decision))
          refuse(REFUSALS.decisionNotAllowed, `"${d.decision}" is not a decision of a ${openTask.kind} task`);
        const scored = openTask.kind === 'committee-review' && d.decision === 'approve';
        if (scored && d.score === undefined) refuse(REFUSALS.scoreRequired, 'approving needs a score from 0 to 100');
        if (!scored && d.score !== undefined) refuse(REFUSALS.scoreNotAllowed, 'only a committee approval carries a score');
      },
    },
  );

  setHandler(
    withdrawUpdate,
    async (w) => {
      withdrawal = w;
      await condition(() => status === 'withdrawn');
      return { caseStatus: status };
    },
    {
      validator: (_w) => {
        if (isTerminal(status) || withdrawal) refuse(REFUSALS.caseClosed, `the case is already ${status}`);
      },
    },
  );

  setHandler(
    sealedFormResubmittedUpdate,
    async (_form) => {
      resubmitted = true;
      await condition(() => status !== 'resubmission-requested');
      return { caseStatus: status };
    },
    {
      validator: (_form) => {
        if (status !== 'resubmission-requested' || resubmitted)
          refuse(REFUSALS.resubmissionNotRequested, 'no resubmission of the sealed form is pending');
      },
    },
  );

  setHandler(committeeOutcomeSignal, (o) => {
    outcome ??= o;
  });

  const deliveries: Promise<void>[] = [];

  /** Records the next step and sends its emails in the background. */
  async function step(
    next: CaseStatus,
    extra: StepExtra = {},
    record: (s: CaseStep) => Promise<StepOutcome> = recordCaseStep,
  ): Promise<StepOutcome> {
    const result = await record({ caseId, campaignId, seq: ++seq, at: new Date().toISOString(), status: next, ...extra });
    status = next;
    // Email delivery retries on its own; the case must not wait on a slow mail server.
    deliveries.push(...result.outboxIds.map((id) => deliverEmail(id)));
    return result;
  }

  /** Marks the pending decision as applied (or superseded), releasing the Update that carried it. */
  function settle() {
    applied = decision;
    decision = null;
  }

  /** A step made by the pending decision. */
  async function decide(next: CaseStatus, extra: StepExtra = {}, record?: (s: CaseStep) => Promise<StepOutcome>) {
    const result = await step(next, extra, record);
    settle();
    return result;
  }

  async function finish(): Promise<CaseStatus> {
    await Promise.all(deliveries);
    return status;
  }

  function newTask(kind: TaskKind) {
    openTask = { id: `${caseId}.t${++taskCount}`, kind };
    return { taskId: openTask.id, kind };
  }

  /** Closes the open task with the decision (or cancels it) as part of the next step. */
  function closing(d?: TaskDecision): StepExtra {
    const task = openTask;
    openTask = null;
    if (!task) return {};
    if (!d) return { closeTask: { taskId: task.id, outcome: 'cancelled' } };
    return {
      closeTask: { taskId: task.id, outcome: 'completed', decision: d.decision, comment: d.comment, score: d.score, decidedBy: d.actor.id },
      note: d.comment,
      actorId: d.actor.id,
    };
  }

  async function endWithdrawn(): Promise<CaseStatus> {
    const w = withdrawal!;
    await decide('withdrawn', { ...closing(), note: w.reason, actorId: w.actor?.id, notice: onNotice ? 'withdraw' : undefined });
    return finish();
  }

  /** Waits for the open task's decision; null when the case was withdrawn meanwhile. */
  async function nextDecision(): Promise<TaskDecision | null> {
    await condition(() => decision !== null || withdrawal !== null);
    return withdrawal ? null : decision;
  }

  await step('seal-check', { openTask: newTask('seal-check') });

  let review: ReviewStep = 'seal-check';
  for (;;) {
    const d = await nextDecision();
    if (!d) return endWithdrawn();
    if (d.decision === 'reject') {
      await decide('rejected', closing(d));
      return finish();
    }
    if (d.decision === 'request-resubmission') {
      await decide('resubmission-requested', closing(d));
      await condition(() => resubmitted || withdrawal !== null);
      if (withdrawal) return endWithdrawn();
      resubmitted = false;
      await step('seal-check', { openTask: newTask('seal-check') });
      continue;
    }
    if (review === 'committee-review') {
      const pool = await decide('awaiting-selection', { ...closing(d), score: d.score }, enterSelectionPool);
      if (pool.roundClosed) {
        await step('not-selected', { note: 'round-already-closed' });
        return finish();
      }
      break;
    }
    review = NEXT_REVIEW[review];
    await decide(review, { ...closing(d), openTask: newTask(review) });
  }

  await condition(() => outcome !== null || withdrawal !== null);
  if (withdrawal) return endWithdrawn();
  const { selected, rank, noticeEndsAt } = outcome!;
  if (!selected) {
    await step('not-selected', { rank });
    return finish();
  }

  await step('public-notice', { rank, notice: 'publish' });
  onNotice = true;
  const noticeMs = Math.max(0, Date.parse(noticeEndsAt!) - Date.now());
  if (await condition(() => withdrawal !== null, noticeMs)) return endWithdrawn();
  await step('announced');
  return finish();
}
