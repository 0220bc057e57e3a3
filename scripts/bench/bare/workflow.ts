import { ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { BareActivities, BareCaseInput, BareCommitteeOutcome, BareDecision, BareDecisionReply, BareReview, BareStatus } from './contract';
import { BARE_DECISIONS, announceSignal, caseStageQuery, committeeOutcomeSignal, decideUpdate } from './contract';

// The same activity options as Laurel's case workflow, so that retries behave alike.
const { recordStep, recordVote } = proxyActivities<BareActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const { deliverEmail } = proxyActivities<BareActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * A nomination's review path on bare Temporal: the four reviews, decided by Updates with a
 * validator (the committee's by one Update per member's vote), the committee's outcome and the announcement (Signals), the public notice (a timer); one activity per
 * step, an email per step. What Laurel adds (projection, tasks, audit chain, outbox, saga,
 * deadlines, side tasks) is left out on purpose: the difference is what the bench measures.
 */
export async function bareCaseWorkflow(input: BareCaseInput): Promise<BareStatus> {
  const kase = new BareCase(input);
  kase.listen();
  try {
    await kase.review('seal-check');
    await kase.review('field-review');
    await kase.review('branch-shortlist');
    await kase.committee();
    const outcome = await kase.committeeOutcome();
    if (!outcome.selected) {
      await kase.step('not-selected');
    } else {
      await kase.publicNotice(outcome.noticeEndsAt);
      await kase.announcement();
    }
  } catch (end) {
    if (!(end instanceof CaseRejected)) throw end;
  }
  await kase.deliveriesDone();
  await condition(allHandlersFinished);
  return kase.status;
}

class CaseRejected extends Error {}

function refuse(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

class BareCase {
  status: BareStatus = 'seal-check';
  private seq = 0;
  private stepsRecorded = 0;
  private taskCount = 0;
  private openTask: { id: string; kind: BareReview } | null = null;
  /** The decision on the open review, answered once the step that carries it out is recorded. */
  private pending: { decision: BareDecision; settled: boolean } | null = null;
  private readonly votes: BareDecision[] = [];
  private votesRecorded = 0;
  private outcome: BareCommitteeOutcome | null = null;
  private noticeOver = false;
  private announcedAt: string | null = null;
  private readonly deliveries: Promise<void>[] = [];

  constructor(private readonly input: BareCaseInput) {}

  listen(): void {
    setHandler(caseStageQuery, () => ({ status: this.status, openTaskId: this.openTask?.id ?? null, stepsRecorded: this.stepsRecorded }));
    setHandler(decideUpdate, (d) => this.decide(d), { validator: (d) => this.validate(d) });
    setHandler(committeeOutcomeSignal, (o) => {
      this.outcome ??= o;
    });
    setHandler(announceSignal, ({ announcedAt }) => {
      if (this.noticeOver) this.announcedAt ??= announcedAt;
    });
  }

  /** Records a step, then sends its email in the background, as Laurel's case does. */
  async step(status: BareStatus, decision?: BareDecision): Promise<void> {
    const seq = ++this.seq;
    const { caseId, applicantEmail } = this.input;
    await recordStep({ caseId, seq, status, at: new Date().toISOString(), decidedBy: decision?.actorId, score: decision?.score });
    this.stepsRecorded = seq;
    this.status = status;
    this.deliveries.push(deliverEmail({ caseId, seq, status, to: applicantEmail }));
  }

  /** Opens a review (its step also carries out the decision before it), then waits for its decision. */
  async review(kind: BareReview): Promise<void> {
    await this.open(kind);
    await condition(() => this.pending !== null);
    if (this.pending!.decision.decision === 'reject') await this.reject();
  }

  /** The committee's vote: a majority of the quorum approves. */
  async committee(): Promise<void> {
    await this.open('committee-review');
    await condition(() => this.votesRecorded >= this.input.quorum);
    const counted = this.votes.slice(0, this.input.quorum);
    const approvals = counted.filter((v) => v.decision === 'approve');
    this.openTask = null;
    if (approvals.length * 2 <= counted.length) {
      await this.step('rejected', counted[0]);
      throw new CaseRejected();
    }
    const score = approvals.reduce((sum, v) => sum + (v.score ?? 0), 0) / approvals.length;
    await this.step('awaiting-selection', { ...counted[0], score });
  }

  async committeeOutcome(): Promise<BareCommitteeOutcome> {
    await condition(() => this.outcome !== null);
    return this.outcome!;
  }

  async publicNotice(noticeEndsAt: string): Promise<void> {
    await this.step('public-notice');
    await sleep(Math.max(0, Date.parse(noticeEndsAt) - Date.now()));
    this.noticeOver = true;
    await this.step('notice-ended');
  }

  async announcement(): Promise<void> {
    await condition(() => this.announcedAt !== null);
    await this.step('announced');
  }

  async deliveriesDone(): Promise<void> {
    await Promise.all(this.deliveries);
  }

  /** Opens a review task; the step that opens it also carries out the decision before it, whose Update is then answered. */
  private async open(kind: BareReview): Promise<void> {
    this.openTask = { id: `${this.input.caseId}.t${++this.taskCount}`, kind };
    await this.step(kind, this.pending?.decision);
    this.settlePending();
  }

  private settlePending(): void {
    if (this.pending) this.pending.settled = true;
    this.pending = null;
  }

  private async reject(): Promise<never> {
    this.openTask = null;
    await this.step('rejected', this.pending!.decision);
    this.settlePending();
    throw new CaseRejected();
  }

  private validate(d: BareDecision): void {
    const task = this.openTask;
    if (!task || task.id !== d.taskId) refuse('task-not-open', 'this task is no longer open');
    if (task.kind !== 'committee-review' && this.pending) refuse('task-not-open', 'this task is no longer open');
    if (!BARE_DECISIONS[task.kind].includes(d.decision)) refuse('decision-not-allowed', `"${d.decision}" is not a decision of a ${task.kind} task`);
    if (task.kind === 'committee-review') {
      if (this.votes.some((v) => v.actorId === d.actorId)) refuse('already-scored', 'each committee member scores a case once');
      if (this.votes.length >= this.input.quorum) refuse('task-not-open', 'the committee has decided this case');
    }
    const scored = task.kind === 'committee-review' && d.decision === 'approve';
    if (scored && d.score === undefined) refuse('score-required', 'approving needs a score from 0 to 100');
    if (!scored && d.score !== undefined) refuse('score-not-allowed', 'only a committee approval carries a score');
  }

  private async decide(d: BareDecision): Promise<BareDecisionReply> {
    if (this.openTask?.kind === 'committee-review') {
      this.votes.push(d);
      await recordVote({ caseId: this.input.caseId, taskId: d.taskId, memberId: d.actorId, decision: d.decision, score: d.score });
      this.votesRecorded += 1;
      // The deciding vote is answered once the case has moved on; an earlier one, once recorded.
      if (this.votes.length >= this.input.quorum) await condition(() => this.status !== 'committee-review');
      return this.reply();
    }
    const pending = { decision: d, settled: false };
    this.pending = pending;
    await condition(() => pending.settled);
    return this.reply();
  }

  private reply(): BareDecisionReply {
    return { status: this.status, openTaskId: this.openTask?.id ?? null };
  }
}
