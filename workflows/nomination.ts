import { ActivityFailure, ApplicationFailure, condition, getExternalWorkflowHandle, proxyActivities, setHandler } from '@temporalio/workflow';
import type { CaseStatus } from '../domain/statuses';
import { isTerminal } from '../domain/statuses';
import type { ReviewStep, TaskKind } from '../domain/tasks';
import { isDecisionOf } from '../domain/tasks';
import type { CaseActivities, CaseSettings, CaseStep, CommitteeOutcome, Compensation, Deadlines, NominationInput, Promotion, TaskDecision, WithdrawRequest } from './contract';
import {
  REFUSALS,
  caseStatusQuery,
  caseWorkflowId,
  committeeOutcomeSignal,
  completeTaskUpdate,
  deadlinesChangedSignal,
  lodgeObjectionUpdate,
  promotedSignal,
  reportFraudUpdate,
  sealedFormResubmittedUpdate,
  withdrawUpdate,
} from './contract';

const { recordCaseStep, enterSelectionPool, recordVote } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const { deliverEmail } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes' },
});
// A compensation that keeps failing becomes a task for a person instead of blocking the others.
const { compensate } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '5 seconds', maximumAttempts: 4 },
});

type StepExtra = Omit<CaseStep, 'caseId' | 'campaignId' | 'seq' | 'at' | 'status'>;
type StepOutcome = { outboxIds: string[]; settings: CaseSettings; roundClosed?: boolean };
type SideTask = { kind: 'objection' | 'fraud-report' | 'incident'; subjectId?: string };

/** The review that follows a passed one; the committee's approval leads to selection instead. */
const NEXT_REVIEW: Record<Exclude<ReviewStep, 'committee-review'>, ReviewStep> = {
  'seal-check': 'field-review',
  'field-review': 'branch-shortlist',
  'branch-shortlist': 'committee-review',
};

/** Statuses a fraud report can no longer change. */
const BEYOND_FRAUD: readonly CaseStatus[] = ['rejected', 'expired', 'withdrawn', 'disqualified'];

function refuse(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

function msUntil(iso: string): number {
  return Math.max(0, Date.parse(iso) - Date.now());
}

/**
 * One nomination's whole life: seal check, reviews, committee votes, selection, public notice and
 * objections, announcement — and, at any point up to and after the announcement, disqualification,
 * which undoes every completed step in reverse order (the saga's compensations).
 */
export async function nominationWorkflow({ caseId, campaignId }: NominationInput): Promise<CaseStatus> {
  let status: CaseStatus = 'seal-check';
  let seq = 0;
  let taskCount = 0;
  const openTasks = new Map<string, TaskKind>();
  const sideTasks = new Map<string, SideTask>();
  /** Side tasks whose decision is being applied: a second decision on them is refused. */
  const settling = new Set<string>();
  let reviewTask: string | null = null;
  /** The accepted review decision the main flow has yet to apply; `applied` is the last one it did apply. */
  let decision: TaskDecision | null = null;
  let applied: TaskDecision | null = null;
  let withdrawal: WithdrawRequest | null = null;
  let disqualification: { reason: string; actorId?: string } | null = null;
  let resubmitted = false;
  let outcome: CommitteeOutcome | null = null;
  let promotion: Promotion | null = null;
  let settings: CaseSettings | null = null;
  let deadlines: Deadlines | null = null;
  const votes: { memberId: string; decision: string; score?: number; comment?: string }[] = [];
  let votesRecorded = 0;
  const pendingObjections = new Set<string>();
  const openIncidents = new Set<string>();
  let noticeEndsAt: string | null = null;
  /** Completed steps that a disqualification must undo, in the order they were done. */
  const compensations: Compensation[] = [];
  const deliveries: Promise<void>[] = [];
  // Steps are written one at a time: handlers and the main flow both record them. Declared before
  // the handlers, which run as soon as they are set when an Update came with the first workflow task.
  let writing: Promise<unknown> = Promise.resolve();
  const interrupted = () => withdrawal !== null || disqualification !== null;
  const quorum = () => settings?.committeeQuorum ?? 1;

  setHandler(caseStatusQuery, () => ({ status, openTasks: [...openTasks].map(([id, kind]) => ({ id, kind })), steps: seq }));

  setHandler(deadlinesChangedSignal, (d) => {
    if (!deadlines || d.version > deadlines.version) deadlines = d;
  });
  setHandler(committeeOutcomeSignal, (o) => {
    outcome ??= o;
  });
  setHandler(promotedSignal, (p) => {
    if (status === 'not-selected') promotion ??= p;
  });

  setHandler(
    completeTaskUpdate,
    async (d) => {
      const kind = openTasks.get(d.taskId)!;
      if (kind === 'committee-review') return castVote(d);
      if (sideTasks.has(d.taskId)) return decideSideTask(d, kind);
      decision = d;
      await condition(() => applied === d);
      return { caseStatus: status };
    },
    {
      validator: (d) => {
        const kind = openTasks.get(d.taskId);
        if (!kind || settling.has(d.taskId)) refuse(REFUSALS.taskNotOpen, 'this task is no longer open');
        const isReview = d.taskId === reviewTask;
        if (isReview && (decision || interrupted())) refuse(REFUSALS.taskNotOpen, 'this task is no longer open');
        if (!isDecisionOf(kind, d.decision)) refuse(REFUSALS.decisionNotAllowed, `"${d.decision}" is not a decision of a ${kind} task`);
        if (kind === 'committee-review') {
          if (votes.some((v) => v.memberId === d.actor.id)) refuse(REFUSALS.alreadyScored, 'each committee member scores a case once');
          if (votes.length >= quorum()) refuse(REFUSALS.taskNotOpen, 'the committee has decided this case');
        }
        const scored = kind === 'committee-review' && d.decision === 'approve';
        if (scored && d.score === undefined) refuse(REFUSALS.scoreRequired, 'approving needs a score from 0 to 100');
        if (!scored && d.score !== undefined) refuse(REFUSALS.scoreNotAllowed, 'only a committee approval carries a score');
      },
    },
  );

  setHandler(
    withdrawUpdate,
    async (w) => {
      withdrawal = w;
      await condition(() => status === 'withdrawn' || status === 'disqualified');
      return { caseStatus: status };
    },
    {
      validator: (_w) => {
        if (isTerminal(status) || interrupted()) refuse(REFUSALS.caseClosed, `the case is already ${status}`);
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
        if (status !== 'resubmission-requested' || resubmitted || interrupted())
          refuse(REFUSALS.resubmissionNotRequested, 'no resubmission of the sealed form is pending');
      },
    },
  );

  setHandler(
    lodgeObjectionUpdate,
    async ({ objectionId }) => {
      const taskId = openSideTask('objection-review', { kind: 'objection', subjectId: objectionId });
      pendingObjections.add(taskId);
      await step(undefined, { openTask: { taskId, kind: 'objection-review' }, subject: { kind: 'objection', id: objectionId }, note: 'objection-lodged', notify: false });
      return { taskId };
    },
    {
      validator: (_objection) => {
        if (status !== 'public-notice' || !noticeEndsAt || Date.now() >= Date.parse(noticeEndsAt) || interrupted())
          refuse(REFUSALS.notInNoticePeriod, 'objections are taken during the public notice period only');
      },
    },
  );

  setHandler(
    reportFraudUpdate,
    async ({ reportId, actor }) => {
      const taskId = openSideTask('fraud-investigation', { kind: 'fraud-report', subjectId: reportId });
      await step(undefined, { openTask: { taskId, kind: 'fraud-investigation' }, subject: { kind: 'fraud-report', id: reportId }, note: 'fraud-reported', actorId: actor.id, notify: false });
      return { taskId };
    },
    {
      validator: (_report) => {
        if (BEYOND_FRAUD.includes(status) || disqualification) refuse(REFUSALS.caseClosed, `the case is already ${status}`);
      },
    },
  );

  /** Records a step (a new status, or the current one when `next` is undefined) and sends its emails in the background. */
  function step(next: CaseStatus | undefined, extra: StepExtra = {}, record: (s: CaseStep) => Promise<StepOutcome> = recordCaseStep): Promise<StepOutcome> {
    const run = writing.then(async () => {
      const to = next ?? status;
      const result = await record({ caseId, campaignId, seq: ++seq, at: new Date().toISOString(), status: to, ...extra });
      status = to;
      adoptSettings(result.settings);
      // Email delivery retries on its own; the case must not wait on a slow mail server.
      deliveries.push(...result.outboxIds.map((id) => deliverEmail(id)));
      return result;
    });
    writing = run.catch(() => undefined);
    return run;
  }

  function adoptSettings(s: CaseSettings) {
    settings = s;
    if (!deadlines || s.deadlinesVersion > deadlines.version)
      deadlines = { submissionDeadline: s.submissionDeadline, reviewDeadline: s.reviewDeadline, version: s.deadlinesVersion };
  }

  /** Marks the pending review decision as applied (or superseded), releasing the Update that carried it. */
  function settle() {
    applied = decision;
    decision = null;
  }

  async function decide(next: CaseStatus, extra: StepExtra = {}, record?: (s: CaseStep) => Promise<StepOutcome>) {
    const result = await step(next, extra, record);
    settle();
    return result;
  }

  function newTaskId() {
    return `${caseId}.t${++taskCount}`;
  }

  function openReviewTask(kind: ReviewStep) {
    reviewTask = newTaskId();
    openTasks.set(reviewTask, kind);
    return { taskId: reviewTask, kind };
  }

  function openSideTask(kind: TaskKind, side: SideTask) {
    const taskId = newTaskId();
    openTasks.set(taskId, kind);
    sideTasks.set(taskId, side);
    return taskId;
  }

  /** Closes the open review task with the decision (or cancels it) as part of the next step. */
  function closingReview(d?: TaskDecision): StepExtra {
    const taskId = reviewTask;
    reviewTask = null;
    if (!taskId) return {};
    openTasks.delete(taskId);
    if (!d) return { closeTask: { taskId, outcome: 'cancelled' } };
    return {
      closeTask: { taskId, outcome: 'completed', decision: d.decision, comment: d.comment, score: d.score, decidedBy: d.actor.id },
      note: d.comment,
      actorId: d.actor.id,
    };
  }

  async function castVote(d: TaskDecision) {
    votes.push({ memberId: d.actor.id, decision: d.decision, score: d.score, comment: d.comment });
    await recordVote({ caseId, taskId: d.taskId, memberId: d.actor.id, decision: d.decision, score: d.score, comment: d.comment, at: new Date().toISOString() });
    votesRecorded += 1;
    if (votes.length >= quorum()) await condition(() => status !== 'committee-review');
    return { caseStatus: status };
  }

  /** The committee's verdict once the quorum has voted: a strict majority approves; the score is the approvers' mean. */
  function committeeVerdict(taskId: string): TaskDecision {
    const counted = votes.slice(0, quorum());
    const approvals = counted.filter((v) => v.decision === 'approve');
    const approved = approvals.length * 2 > counted.length;
    const mean = approvals.reduce((sum, v) => sum + (v.score ?? 0), 0) / Math.max(approvals.length, 1);
    const single = counted.length === 1 ? counted[0] : undefined;
    return {
      taskId,
      decision: approved ? 'approve' : 'reject',
      score: approved ? Math.round(mean * 100) / 100 : undefined,
      // One member's decision keeps their words; several are summed up as approvals out of votes.
      comment: single ? single.comment : `${approvals.length}/${counted.length}`,
      actor: single ? { id: single.memberId, username: single.memberId } : { id: 'committee', username: 'committee' },
    };
  }

  async function decideSideTask(d: TaskDecision, kind: TaskKind) {
    settling.add(d.taskId);
    const side = sideTasks.get(d.taskId)!;
    await step(undefined, {
      closeTask: { taskId: d.taskId, outcome: 'completed', decision: d.decision, comment: d.comment, decidedBy: d.actor.id },
      subject: side.subjectId && side.kind !== 'incident' ? { kind: side.kind, id: side.subjectId, ruling: d.decision } : undefined,
      note: d.comment,
      actorId: d.actor.id,
      notify: false,
    });
    openTasks.delete(d.taskId);
    sideTasks.delete(d.taskId);
    settling.delete(d.taskId);
    pendingObjections.delete(d.taskId);
    openIncidents.delete(d.taskId);
    if (d.decision === 'uphold') {
      disqualification ??= { reason: d.comment || (kind === 'objection-review' ? 'objection-upheld' : 'fraud-upheld'), actorId: d.actor.id };
      // The caller learns the outcome, unless the saga now waits on an incident a person must resolve.
      await condition(() => status === 'disqualified' || openIncidents.size > 0);
    }
    return { caseStatus: status };
  }

  async function finish(): Promise<CaseStatus> {
    await Promise.all(deliveries);
    return status;
  }

  /** Runs one compensation; one that keeps failing opens an incident for the secretariat instead. */
  async function runCompensation(action: Compensation, reason: string) {
    try {
      const { promoted, outboxIds } = await compensate({ caseId, campaignId, action, reason, at: new Date().toISOString() });
      deliveries.push(...(outboxIds ?? []).map((id) => deliverEmail(id)));
      if (promoted)
        await getExternalWorkflowHandle(caseWorkflowId(promoted.caseId))
          .signal(promotedSignal, { rank: promoted.rank, noticeEndsAt: promoted.noticeEndsAt })
          .catch(() => undefined);
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      const taskId = openSideTask('compensation-incident', { kind: 'incident' });
      openIncidents.add(taskId);
      await step(undefined, { openTask: { taskId, kind: 'compensation-incident' }, note: `${action}: ${err.cause?.message ?? err.message}`, notify: false });
    }
  }

  function cancelOpenTasks(): StepExtra {
    const review = closingReview();
    const others = [...openTasks.keys()];
    for (const id of others) {
      openTasks.delete(id);
      sideTasks.delete(id);
    }
    return { ...review, cancelTasks: others };
  }

  /** Withdrawal or disqualification: undo what applies, in reverse order, then end the case. */
  async function endInterrupted(): Promise<CaseStatus> {
    if (disqualification) {
      const { reason, actorId } = disqualification;
      for (const action of [...compensations].reverse()) await runCompensation(action, reason);
      await runCompensation('notify-parties', reason);
      await condition(() => openIncidents.size === 0);
      await decide('disqualified', { ...cancelOpenTasks(), note: reason, actorId });
      return finish();
    }
    const w = withdrawal!;
    // Withdrawing frees the quota slot (in the step itself) and the notice entry and winner slot, if any.
    for (const action of [...compensations].reverse()) if (action === 'withdraw-notice' || action === 'revoke-winner') await runCompensation(action, w.reason ?? 'withdrawn');
    await decide('withdrawn', { ...cancelOpenTasks(), note: w.reason, actorId: w.actor?.id });
    return finish();
  }

  /** Waits for the new sealed form until the submission deadline, which may move meanwhile. */
  async function awaitResubmission(): Promise<'resubmitted' | 'expired' | 'interrupted'> {
    for (;;) {
      const current = deadlines!;
      const moved = await condition(() => resubmitted || interrupted() || deadlines !== current, msUntil(current.submissionDeadline));
      if (interrupted()) return 'interrupted';
      if (resubmitted) return 'resubmitted';
      if (!moved) return 'expired';
    }
  }

  /** Waits for the open review task's decision; null when the case was interrupted meanwhile. */
  async function nextDecision(): Promise<TaskDecision | null> {
    await condition(() => decision !== null || interrupted());
    return interrupted() ? null : decision;
  }

  await step('seal-check', { openTask: openReviewTask('seal-check') });

  let review: ReviewStep = 'seal-check';
  for (;;) {
    if (review === 'committee-review') {
      await condition(() => votesRecorded >= quorum() || interrupted());
      if (interrupted()) return endInterrupted();
      const verdict = committeeVerdict(reviewTask!);
      if (verdict.decision === 'reject') {
        await step('rejected', closingReview(verdict));
        return finish();
      }
      compensations.push('revoke-approval');
      const pool = await step('awaiting-selection', { ...closingReview(verdict), score: verdict.score }, enterSelectionPool);
      if (pool.roundClosed) {
        await step('not-selected', { note: 'round-already-closed' });
        return finish();
      }
      break;
    }
    const d = await nextDecision();
    if (!d) return endInterrupted();
    if (d.decision === 'reject') {
      await decide('rejected', closingReview(d));
      return finish();
    }
    if (d.decision === 'request-resubmission') {
      await decide('resubmission-requested', closingReview(d));
      const waited = await awaitResubmission();
      if (waited === 'interrupted') return endInterrupted();
      if (waited === 'expired') {
        await step('expired', { note: 'submission-deadline-passed' });
        return finish();
      }
      resubmitted = false;
      await step('seal-check', { openTask: openReviewTask('seal-check') });
      continue;
    }
    if (review === 'branch-shortlist') compensations.push('revoke-shortlist');
    review = NEXT_REVIEW[review];
    await decide(review, { ...closingReview(d), openTask: openReviewTask(review) });
  }

  await condition(() => outcome !== null || interrupted());
  if (interrupted()) return endInterrupted();
  let { rank } = outcome!;
  if (!outcome!.selected) {
    await step('not-selected', { rank });
    // A reserve until the notice period ends: a revoked winner's slot goes to the next-ranked case.
    await condition(() => promotion !== null || disqualification !== null, msUntil(outcome!.noticeEndsAt!));
    if (disqualification) return endInterrupted();
    const promoted = promotion as Promotion | null;
    if (!promoted) return finish();
    rank = promoted.rank;
    noticeEndsAt = promoted.noticeEndsAt;
  } else {
    noticeEndsAt = outcome!.noticeEndsAt!;
  }
  const noticeEnd = noticeEndsAt;

  await step('public-notice', { rank, notice: 'publish' });
  compensations.push('revoke-winner', 'withdraw-notice');
  const cut = await condition(() => interrupted(), msUntil(noticeEnd));
  // Announcement waits until every objection lodged during the notice is ruled.
  if (!cut) await condition(() => pendingObjections.size === 0 || interrupted());
  if (interrupted()) return endInterrupted();
  await step('announced');
  compensations.push('revoke-announcement');

  // An announced case stays open, idle, so that fraud found later can still undo it.
  await condition(() => disqualification !== null);
  return endInterrupted();
}
