// What one round asks of either side, and what it brings back. Shared by the Laurel driver and
// the bare client process, so it imports nothing of Laurel.
import { createHash } from 'node:crypto';

export type Side = 'laurel' | 'bare';

/** The secretariat's account: it opens and closes the campaigns and checks the seals. */
export const SECRETARIAT = 'secretariat';

/**
 * The six human decisions of a case's review path, in order: who decides, and how. The committee
 * of three votes in turn and every vote counts (quorum 3), so a case passes six Updates.
 */
export const DECISIONS = [
  { name: 'seal-check', kind: 'seal-check', role: 'secretariat', account: SECRETARIAT, decision: 'approve' },
  { name: 'field-review', kind: 'field-review', role: 'working group', account: 'wg-catering', decision: 'pass' },
  { name: 'branch-shortlist', kind: 'branch-shortlist', role: 'branch', account: 'branch-catering', decision: 'shortlist' },
  { name: 'committee vote 1', kind: 'committee-review', role: 'committee', account: 'committee1', decision: 'approve' },
  { name: 'committee vote 2', kind: 'committee-review', role: 'committee', account: 'committee2', decision: 'approve' },
  { name: 'committee vote 3', kind: 'committee-review', role: 'committee', account: 'committee3', decision: 'approve' },
] as const;
export type Decision = (typeof DECISIONS)[number];
export type DecisionName = Decision['name'];
export type Role = Decision['role'];

/** The roles whose inboxes are read, each once however many decisions it takes. */
export const ROLES: readonly Role[] = [...new Set(DECISIONS.map((d) => d.role))];
/** Votes a case needs: every committee member's. */
export const COMMITTEE_QUORUM = DECISIONS.filter((d) => d.kind === 'committee-review').length;

/** A member's score for a committee task: spread over 0–100, so that a winner cap, not a tie of everyone, decides the winners. */
export function committeeScore(taskId: string, member: string): number {
  return parseInt(createHash('sha256').update(`${taskId} ${member}`).digest('hex').slice(0, 8), 16) % 101;
}

/** Status emails a case that goes all the way sends: seal-check (the confirmation) … announced. */
export const EMAILS_PER_CASE = 8;

export interface RoundSpec {
  /** Names this round's cases and their applicants' addresses, e.g. `sqlite-r2-laurel`. */
  tag: string;
  cases: number;
  concurrency: number;
  noticePeriodSeconds: number;
}

export interface RoundOutcome {
  side: Side;
  spec: RoundSpec;
  /** Submission (Laurel: POST of the nomination) or workflow start (bare), ms each. */
  startMs: number[];
  /** Each decision (Laurel: POST …/complete) or Update (bare), ms, by decision. */
  decisionMs: Record<DecisionName, number[]>;
  /** Laurel only: by role, every read of its inbox (ms) and the most tasks one answered. */
  inboxMs: Record<string, number[]>;
  inboxLargest: Record<string, number>;
  /** Epoch ms each case's submission was sent, by workflow id. */
  submittedAt: Record<string, number>;
  /** The case workflows, then any others the round ran (Laurel's committee round, announcement, campaign clock). */
  caseWorkflowIds: string[];
  otherWorkflowIds: string[];
  /** Seconds from the first submission to the last committee vote answered, inbox probes left out. */
  reviewSeconds: number;
  /** Seconds from the first submission to the last email sent. */
  wallSeconds: number;
  /**
   * Laurel only: the API's CPU seconds while the inbox probes ran. Left out of its CPU per case as
   * their time is left out of its throughput: the probes measure the inbox, the bare side has none.
   */
  probeApiCpuSeconds: number;
  /** Named phases and their seconds, in order. */
  phases: { name: string; seconds: number }[];
  /** Calls answered otherwise than the happy path expects, in the end, in words. */
  errors: string[];
  /** Calls sent again with the same key after an answer that says "not now": Laurel's 5xx, 408, 429 or none; a Temporal call's failure other than the workflow's answer. */
  retriedAnswers: string[];
}

export function emptyOutcome(side: Side, spec: RoundSpec): RoundOutcome {
  return {
    side,
    spec,
    startMs: [],
    decisionMs: Object.fromEntries(DECISIONS.map((d) => [d.name, []])) as unknown as Record<DecisionName, number[]>,
    inboxMs: {},
    inboxLargest: {},
    submittedAt: {},
    caseWorkflowIds: [],
    otherWorkflowIds: [],
    reviewSeconds: 0,
    wallSeconds: 0,
    probeApiCpuSeconds: 0,
    phases: [],
    errors: [],
    retriedAnswers: [],
  };
}

/** An applicant's address, by round and case: the caught mail is counted by it. */
export function applicantAddress(tag: string, index: number): string {
  return `${tag}-${String(index).padStart(5, '0')}@bench.example.test`;
}

/** Marks the phases of a round as they end. */
export class PhaseClock {
  private last = performance.now();
  readonly startedAt = performance.now();
  /** Time spent on inbox probes, which pause the flow and are left out of its throughput. */
  probeMs = 0;

  constructor(private readonly outcome: RoundOutcome) {}

  phase(name: string): void {
    const now = performance.now();
    this.outcome.phases.push({ name, seconds: (now - this.last) / 1000 });
    this.last = now;
  }

  reviewsDone(): void {
    this.outcome.reviewSeconds = (performance.now() - this.startedAt - this.probeMs) / 1000;
  }

  done(): void {
    this.outcome.wallSeconds = (performance.now() - this.startedAt) / 1000;
  }
}
