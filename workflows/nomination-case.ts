import { ActivityFailure, ApplicationFailure, condition, getExternalWorkflowHandle, proxyActivities, setHandler } from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import type { CaseStatus } from '../domain/statuses';
import { canReportFraud, canWithdraw } from '../domain/statuses';
import type { ReviewStep, TaskKind } from '../domain/tasks';
import { isDecisionOf } from '../domain/tasks';
import type {
  CaseActivities,
  CaseSettings,
  CaseStep,
  CommitteeOutcome,
  Compensation,
  Deadlines,
  NominationInput,
  Promotion,
  StepOutcome,
  TaskDecision,
  WithdrawRequest,
} from './contract';
import {
  REFUSALS,
  caseStatusQuery,
  caseWorkflowId,
  committeeOutcomeSignal,
  committeeQuorumSignal,
  completeTaskUpdate,
  announceSignal,
  eligibilityReviewUpdate,
  deadlinesChangedSignal,
  lodgeObjectionUpdate,
  promotedSignal,
  reportFraudUpdate,
  sealedFormResubmittedUpdate,
  withdrawUpdate,
} from './contract';
import { emailDeliveryOptions } from './email-delivery-options';
import { Saga } from './saga';

const { recordCaseStep, enterSelectionPool, recordVote } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const { deliverEmail } = proxyActivities<CaseActivities>(emailDeliveryOptions);
// A compensation that keeps failing becomes a task for a person instead of blocking the others.
const { compensate } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '5 seconds', maximumAttempts: 4 },
});

/** The note a disqualification carries when the person who ruled gave no words of their own. */
const DISQUALIFIED_FOR: Partial<Record<TaskKind, string>> = {
  'objection-review': 'objection-upheld',
  'fraud-investigation': 'fraud-upheld',
  'eligibility-review': 'ineligible',
};

/** The case ended on its own course (rejected, expired, not selected): its last step is recorded. */
export class CaseEnded extends Error {}

/** A withdrawal or an upheld objection or fraud report cut the case's course short. */
export class CaseInterrupted extends Error {}

type StepExtra = Omit<CaseStep, 'caseId' | 'campaignId' | 'seq' | 'at' | 'status'>;
type SideTask = { kind: 'objection' | 'fraud-report' | 'eligibility' | 'incident'; subjectId?: string };
type Vote = { memberId: string; decision: string; score?: number; comment?: string };

/** A review decision accepted by its Update and answered once the step that carries it out is recorded. */
interface PendingDecision {
  decision: TaskDecision;
  settled: boolean;
}

function refuse(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

function msUntil(iso: string): number {
  return Math.max(0, Date.parse(iso) - Date.now());
}

/**
 * One nomination's state and its message handlers. The workflow function (`nomination.ts`) reads
 * as the process; this class keeps what the process and the handlers share: the status, the open
 * tasks, the committee's votes, the saga, and the lock that writes one step at a time.
 */
export class NominationCase {
  status: CaseStatus = 'seal-check';
  readonly saga = new Saga();
  withdrawal: WithdrawRequest | null = null;
  disqualification: { reason: string; actorId?: string } | null = null;

  private seq = 0;
  private taskCount = 0;
  private readonly openTasks = new Map<string, TaskKind>();
  private readonly sideTasks = new Map<string, SideTask>();
  /** Side tasks whose decision is being applied: a second decision on them is refused. */
  private readonly settling = new Set<string>();
  private reviewTask: string | null = null;
  private pending: PendingDecision | null = null;
  private resubmitted = false;
  private outcome: CommitteeOutcome | null = null;
  private promotion: Promotion | null = null;
  /** Votes this case needs: from the campaign's settings at each step, or a change signalled since. */
  private committeeQuorum: number | null = null;
  private deadlines: Deadlines | null = null;
  private readonly votes: Vote[] = [];
  private votesRecorded = 0;
  private readonly pendingObjections = new Set<string>();
  private readonly openIncidents = new Set<string>();
  private noticeEndsAt: string | null = null;
  /** The notice period is over and every objection ruled: from now the announcement may reach the case. */
  private noticeOver = false;
  private announcedAt: string | null = null;
  private readonly deliveries: Promise<void>[] = [];
  /** Steps are written one at a time: the process and the handlers both record them. */
  private readonly stepWriter = new Mutex();

  constructor(private readonly input: NominationInput) {}

  get interrupted(): boolean {
    return this.withdrawal !== null || this.disqualification !== null;
  }

  private get quorum(): number {
    return this.committeeQuorum ?? 1;
  }

  /** Sets the Update, Signal and Query handlers: the case's whole message API. */
  listen(): void {
    setHandler(caseStatusQuery, () => ({ status: this.status, openTasks: [...this.openTasks].map(([id, kind]) => ({ id, kind })), steps: this.seq }));
    setHandler(deadlinesChangedSignal, (d) => {
      if (!this.deadlines || d.version > this.deadlines.version) this.deadlines = d;
    });
    setHandler(committeeOutcomeSignal, (o) => {
      this.outcome ??= o;
    });
    setHandler(committeeQuorumSignal, ({ quorum }) => {
      this.committeeQuorum = quorum;
    });
    setHandler(announceSignal, ({ announcedAt }) => {
      // The database may show notice-ended a moment before the workflow has taken the step's result.
      if (this.noticeOver && !this.interrupted) this.announcedAt ??= announcedAt;
    });
    setHandler(promotedSignal, (p) => {
      if (this.status === 'not-selected') this.promotion ??= p;
    });
    setHandler(completeTaskUpdate, (d) => this.decideTask(d), { validator: (d) => this.validateDecision(d) });
    setHandler(withdrawUpdate, (w) => this.withdraw(w), {
      validator: (_w) => {
        if (!canWithdraw(this.status) || this.interrupted) refuse(REFUSALS.caseClosed, `the case is already ${this.status}`);
      },
    });
    setHandler(sealedFormResubmittedUpdate, () => this.takeResubmission(), {
      validator: (_form) => {
        if (this.status !== 'resubmission-requested' || this.resubmitted || this.interrupted)
          refuse(REFUSALS.resubmissionNotRequested, 'no resubmission of the sealed form is pending');
      },
    });
    setHandler(lodgeObjectionUpdate, ({ objectionId }) => this.lodgeObjection(objectionId), {
      validator: (_objection) => {
        if (this.status !== 'public-notice' || !this.noticeEndsAt || Date.now() >= Date.parse(this.noticeEndsAt) || this.interrupted)
          refuse(REFUSALS.notInNoticePeriod, 'objections are taken during the public notice period only');
      },
    });
    setHandler(reportFraudUpdate, ({ reportId, actor }) => this.openFraudInvestigation(reportId, actor.id), {
      validator: (_report) => {
        if (!canReportFraud(this.status) || this.disqualification) refuse(REFUSALS.caseClosed, `the case is already ${this.status}`);
      },
    });
    setHandler(eligibilityReviewUpdate, ({ reviewId }) => this.openEligibilityReview(reviewId), {
      validator: (_review) => {
        if (!canReportFraud(this.status) || this.disqualification) refuse(REFUSALS.caseClosed, `the case is already ${this.status}`);
      },
    });
  }

  // ------------------------------------------------------------------ steps

  /** Records a step (a new status, or the current one when `next` is undefined) and sends its emails in the background. */
  record(next: CaseStatus | undefined, extra: StepExtra = {}, write: (s: CaseStep) => Promise<StepOutcome> = recordCaseStep): Promise<StepOutcome> {
    return this.stepWriter.runExclusive(async () => {
      const to = next ?? this.status;
      const { caseId, campaignId } = this.input;
      const result = await write({ caseId, campaignId, seq: ++this.seq, at: new Date().toISOString(), status: to, ...extra });
      this.status = to;
      this.adoptSettings(result.settings);
      // Email delivery retries on its own; the case must not wait on a slow mail server.
      this.deliveries.push(...result.outboxIds.map((id) => deliverEmail(id)));
      return result;
    });
  }

  /** Records the step that carries out the pending review decision, then answers the Update that brought it. */
  async settle(next: CaseStatus, extra: StepExtra = {}): Promise<void> {
    await this.record(next, extra);
    if (this.pending) this.pending.settled = true;
    this.pending = null;
  }

  /** Ends the case on its own course: records the last step and leaves the process. */
  async end(next: CaseStatus, extra: StepExtra = {}): Promise<never> {
    await this.record(next, extra);
    throw new CaseEnded(next);
  }

  private adoptSettings(s: CaseSettings) {
    this.committeeQuorum = s.committeeQuorum;
    if (!this.deadlines || s.deadlinesVersion > this.deadlines.version)
      this.deadlines = { submissionDeadline: s.submissionDeadline, reviewDeadline: s.reviewDeadline, version: s.deadlinesVersion };
  }

  /** Waits until `ready`, or `timeoutMs`; answers whether it became ready. A withdrawal or disqualification cuts the wait. */
  async waitFor(ready: () => boolean, timeoutMs?: number): Promise<boolean> {
    const done = () => ready() || this.interrupted;
    const became = timeoutMs === undefined ? (await condition(done), true) : await condition(done, timeoutMs);
    if (this.interrupted) throw new CaseInterrupted();
    return became;
  }

  // ------------------------------------------------------------------ reviews

  /** Opens a review stage: the step closes the review passed before it (answering its Update) and opens this stage's task. */
  async openReview(kind: ReviewStep): Promise<void> {
    const closing = this.pending ? this.closeReview(this.pending.decision) : {};
    this.reviewTask = this.newTaskId();
    this.openTasks.set(this.reviewTask, kind);
    const openTask = { taskId: this.reviewTask, kind };
    if (this.pending) await this.settle(kind, { ...closing, openTask });
    else await this.record(kind, { openTask });
  }

  /**
   * The decision on the open review task. A rejection ends the case here; any other decision stays
   * pending, carried out by the step that follows it.
   */
  async reviewDecision(): Promise<string> {
    await this.waitFor(() => this.pending !== null);
    const d = this.pending!.decision;
    if (d.decision === 'reject') {
      await this.settle('rejected', this.closeReview(d));
      throw new CaseEnded('rejected');
    }
    return d.decision;
  }

  /** Asks for a new sealed form and waits for it until the submission deadline, which may move meanwhile. */
  async awaitResubmission(): Promise<void> {
    await this.settle('resubmission-requested', this.closeReview(this.pending!.decision));
    for (;;) {
      const current = this.deadlines!;
      const moved = await this.waitFor(() => this.resubmitted || this.deadlines !== current, msUntil(current.submissionDeadline));
      if (this.resubmitted) break;
      if (!moved) await this.end('expired', { note: 'submission-deadline-passed' });
    }
    this.resubmitted = false;
  }

  /** The committee's verdict once the quorum has voted: a strict majority approves, scored by the approvers' mean; a majority against ends the case. */
  async committeeVerdict(): Promise<TaskDecision> {
    await this.waitFor(() => this.votesRecorded >= this.quorum);
    const counted = this.votes.slice(0, this.quorum);
    const approvals = counted.filter((v) => v.decision === 'approve');
    const approved = approvals.length * 2 > counted.length;
    const mean = approvals.reduce((sum, v) => sum + (v.score ?? 0), 0) / Math.max(approvals.length, 1);
    const single = counted.length === 1 ? counted[0] : undefined;
    const verdict: TaskDecision = {
      taskId: this.reviewTask!,
      decision: approved ? 'approve' : 'reject',
      score: approved ? Math.round(mean * 100) / 100 : undefined,
      // One member's decision keeps their words; several are summed up as approvals out of votes.
      comment: single ? single.comment : `${approvals.length}/${counted.length}`,
      actor: single ? { id: single.memberId, username: single.memberId } : { id: 'committee', username: 'committee' },
    };
    if (!approved) await this.end('rejected', this.closeReview(verdict));
    return verdict;
  }

  /** Records the committee's approval and puts the case in the selection pool; a round already closed ends it not selected. */
  async enterSelectionPool(verdict: TaskDecision): Promise<void> {
    const pool = await this.record('awaiting-selection', { ...this.closeReview(verdict), score: verdict.score }, enterSelectionPool);
    if ((pool as StepOutcome & { roundClosed?: boolean }).roundClosed) await this.end('not-selected', { note: 'round-already-closed' });
  }

  /** Closes the open review task with the decision (or cancels it) as part of the next step. */
  private closeReview(d?: TaskDecision): StepExtra {
    const taskId = this.reviewTask;
    this.reviewTask = null;
    if (!taskId) return {};
    this.openTasks.delete(taskId);
    if (!d) return { closeTask: { taskId, outcome: 'cancelled' } };
    return {
      closeTask: { taskId, outcome: 'completed', decision: d.decision, comment: d.comment, note: d.note, score: d.score, awardsVerified: d.awardsVerified, decidedBy: d.actor.id },
      note: d.comment,
      actorId: d.actor.id,
    };
  }

  // ------------------------------------------------------------------ selection and notice

  /** The committee round's outcome for this case. */
  async committeeOutcome(): Promise<CommitteeOutcome> {
    await this.waitFor(() => this.outcome !== null);
    return this.outcome!;
  }

  /** In reserve until the notice ends: a revoked winner's slot goes to the best-ranked reserve case. */
  async awaitPromotion(until: string): Promise<Promotion | null> {
    await this.waitFor(() => this.promotion !== null, msUntil(until));
    return this.promotion;
  }

  /** The public notice period: objections may be lodged until it ends; the announcement waits until every one is ruled. */
  async noticePeriod(endsAt: string): Promise<void> {
    await this.waitFor(() => false, msUntil(endsAt));
    await this.waitFor(() => this.pendingObjections.size === 0);
    this.noticeOver = true;
  }

  /** Marks when the notice ends, before the step that publishes it: objections are taken until then. */
  noticeUntil(endsAt: string): void {
    this.noticeEndsAt = endsAt;
  }

  /** After the notice: the case waits for the announcement the secretariat schedules (择期通报). */
  async awaitAnnouncement(): Promise<void> {
    await this.waitFor(() => this.announcedAt !== null);
  }

  /** An announced case stays open, idle, so that fraud found later can still undo it. */
  async stayOpenForLateFindings(): Promise<never> {
    await condition(() => this.disqualification !== null);
    throw new CaseInterrupted();
  }

  // ------------------------------------------------------------------ the saga's steps

  /** Runs one compensation; one that keeps failing opens an incident for the secretariat instead. */
  async compensate(action: Compensation, reason: string): Promise<void> {
    const { caseId, campaignId } = this.input;
    try {
      const { promoted, outboxIds } = await compensate({ caseId, campaignId, action, reason, at: new Date().toISOString() });
      this.deliveries.push(...(outboxIds ?? []).map((id) => deliverEmail(id)));
      if (promoted)
        await getExternalWorkflowHandle(caseWorkflowId(promoted.caseId))
          .signal(promotedSignal, { rank: promoted.rank, noticeEndsAt: promoted.noticeEndsAt })
          .catch(() => undefined);
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      const taskId = this.openSideTask('compensation-incident', { kind: 'incident' });
      this.openIncidents.add(taskId);
      await this.record(undefined, { openTask: { taskId, kind: 'compensation-incident' }, note: `${action}: ${err.cause?.message ?? err.message}`, notify: false });
    }
  }

  /** Waits until every compensation incident is resolved by a person. */
  async incidentsResolved(): Promise<void> {
    await condition(() => this.openIncidents.size === 0);
  }

  /** Cancels every task still open, as part of the case's last step. */
  cancelOpenTasks(): StepExtra {
    const review = this.closeReview();
    const others = [...this.openTasks.keys()];
    for (const id of others) {
      this.openTasks.delete(id);
      this.sideTasks.delete(id);
    }
    return { ...review, cancelTasks: others };
  }

  /** Waits for every email queued by the case's steps, and for every handler still answering. */
  async close(): Promise<CaseStatus> {
    await Promise.all(this.deliveries);
    return this.status;
  }

  // ------------------------------------------------------------------ handlers

  private validateDecision(d: TaskDecision): void {
    const kind = this.openTasks.get(d.taskId);
    if (!kind || this.settling.has(d.taskId)) refuse(REFUSALS.taskNotOpen, 'this task is no longer open');
    if (d.taskId === this.reviewTask && (this.reviewDecided(d.taskId) || this.interrupted)) refuse(REFUSALS.taskNotOpen, 'this task is no longer open');
    if (!isDecisionOf(kind, d.decision)) refuse(REFUSALS.decisionNotAllowed, `"${d.decision}" is not a decision of a ${kind} task`);
    if (kind === 'committee-review') {
      if (this.votes.some((v) => v.memberId === d.actor.id)) refuse(REFUSALS.alreadyScored, 'each committee member scores a case once');
      if (this.votes.length >= this.quorum) refuse(REFUSALS.taskNotOpen, 'the committee has decided this case');
    }
    if (d.awardsVerified !== undefined && kind !== 'field-review') refuse(REFUSALS.awardsCheckNotAllowed, 'only the field review checks the media awards');
    const scored = kind === 'committee-review' && d.decision === 'approve';
    if (scored && d.score === undefined) refuse(REFUSALS.scoreRequired, 'approving needs a score from 0 to 100');
    if (!scored && d.score !== undefined) refuse(REFUSALS.scoreNotAllowed, 'only a committee approval carries a score');
  }

  /**
   * Whether the review task already has its decision. A task whose opening step is still being
   * recorded (the previous decision still pending) is open: it is in the inbox already.
   */
  private reviewDecided(taskId: string): boolean {
    return this.pending !== null && this.pending.decision.taskId === taskId;
  }

  private async decideTask(d: TaskDecision) {
    const kind = this.openTasks.get(d.taskId)!;
    if (kind === 'committee-review') return this.castVote(d);
    if (this.sideTasks.has(d.taskId)) return this.decideSideTask(d, kind);
    // Decided while the step that opens it is still recorded: taken once that step is done.
    if (this.pending) {
      await condition(() => this.pending === null || this.interrupted);
      if (this.pending || this.interrupted || this.reviewTask !== d.taskId) refuse(REFUSALS.taskNotOpen, 'this task is no longer open');
    }
    const pending: PendingDecision = { decision: d, settled: false };
    this.pending = pending;
    await condition(() => pending.settled);
    return { caseStatus: this.status };
  }

  private async castVote(d: TaskDecision) {
    this.votes.push({ memberId: d.actor.id, decision: d.decision, score: d.score, comment: d.comment });
    await recordVote({ caseId: this.input.caseId, taskId: d.taskId, memberId: d.actor.id, decision: d.decision, score: d.score, comment: d.comment, note: d.note, at: new Date().toISOString() });
    this.votesRecorded += 1;
    if (this.votes.length >= this.quorum) await condition(() => this.status !== 'committee-review');
    return { caseStatus: this.status };
  }

  private async decideSideTask(d: TaskDecision, kind: TaskKind) {
    this.settling.add(d.taskId);
    const side = this.sideTasks.get(d.taskId)!;
    await this.record(undefined, {
      closeTask: { taskId: d.taskId, outcome: 'completed', decision: d.decision, comment: d.comment, note: d.note, decidedBy: d.actor.id },
      subject: side.subjectId && side.kind !== 'incident' ? { kind: side.kind, id: side.subjectId, ruling: d.decision } : undefined,
      note: d.comment,
      actorId: d.actor.id,
      notify: false,
    });
    this.openTasks.delete(d.taskId);
    this.sideTasks.delete(d.taskId);
    this.settling.delete(d.taskId);
    this.pendingObjections.delete(d.taskId);
    this.openIncidents.delete(d.taskId);
    if (d.decision === 'uphold' || d.decision === 'ineligible') {
      this.disqualification ??= { reason: d.comment || DISQUALIFIED_FOR[kind] || 'fraud-upheld', actorId: d.actor.id };
      // The caller learns the outcome, unless the saga now waits on an incident a person must resolve.
      await condition(() => this.status === 'disqualified' || this.openIncidents.size > 0);
    }
    return { caseStatus: this.status };
  }

  private async withdraw(w: WithdrawRequest) {
    this.withdrawal = w;
    await condition(() => this.status === 'withdrawn' || this.status === 'disqualified');
    return { caseStatus: this.status };
  }

  private async takeResubmission() {
    this.resubmitted = true;
    await condition(() => this.status !== 'resubmission-requested');
    return { caseStatus: this.status };
  }

  private async lodgeObjection(objectionId: string) {
    const taskId = this.openSideTask('objection-review', { kind: 'objection', subjectId: objectionId });
    this.pendingObjections.add(taskId);
    await this.record(undefined, { openTask: { taskId, kind: 'objection-review' }, subject: { kind: 'objection', id: objectionId }, note: 'objection-lodged', notify: false });
    return { taskId };
  }

  private async openEligibilityReview(reviewId: string) {
    const taskId = this.openSideTask('eligibility-review', { kind: 'eligibility', subjectId: reviewId });
    await this.record(undefined, { openTask: { taskId, kind: 'eligibility-review' }, subject: { kind: 'eligibility', id: reviewId }, note: 'eligibility-review-opened', notify: false });
    return { taskId };
  }

  private async openFraudInvestigation(reportId: string, actorId: string) {
    const taskId = this.openSideTask('fraud-investigation', { kind: 'fraud-report', subjectId: reportId });
    await this.record(undefined, { openTask: { taskId, kind: 'fraud-investigation' }, subject: { kind: 'fraud-report', id: reportId }, note: 'fraud-reported', actorId, notify: false });
    return { taskId };
  }

  private newTaskId() {
    return `${this.input.caseId}.t${++this.taskCount}`;
  }

  private openSideTask(kind: TaskKind, side: SideTask) {
    const taskId = this.newTaskId();
    this.openTasks.set(taskId, kind);
    this.sideTasks.set(taskId, side);
    return taskId;
  }
}
