import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

// The bare case's messages, shared by its workflow and its client. It copies the shape of Laurel's
// review path and nothing of Laurel's code: the bare side imports no Laurel module.

export type BareReview = 'seal-check' | 'field-review' | 'branch-shortlist' | 'committee-review';
export type BareStatus = BareReview | 'awaiting-selection' | 'public-notice' | 'notice-ended' | 'announced' | 'rejected' | 'not-selected';

/** The decisions each review takes: Laurel's happy path and its rejection (a resubmission request is not mirrored). */
export const BARE_DECISIONS: Record<BareReview, readonly string[]> = {
  'seal-check': ['approve', 'reject'],
  'field-review': ['pass', 'reject'],
  'branch-shortlist': ['shortlist', 'reject'],
  'committee-review': ['approve', 'reject'],
};

export interface BareCaseInput {
  caseId: string;
  applicantEmail: string;
  /** Committee votes that decide the case, as the bench's Laurel campaigns ask. */
  quorum: number;
}

export interface BareDecision {
  taskId: string;
  decision: string;
  score?: number;
  actorId: string;
}

export interface BareDecisionReply {
  status: BareStatus;
  /** The task the case opened next, as a reviewer would find it in the next inbox. */
  openTaskId: string | null;
}

export interface BareCommitteeOutcome {
  selected: boolean;
  rank: number;
  noticeEndsAt: string;
}

export interface BareCaseStage {
  status: BareStatus;
  openTaskId: string | null;
  /** Steps recorded so far: a task is open to reviewers once the step that opened it is recorded. */
  stepsRecorded: number;
}

export const decideUpdate = defineUpdate<BareDecisionReply, [BareDecision]>('decide');
export const committeeOutcomeSignal = defineSignal<[BareCommitteeOutcome]>('committeeOutcome');
export const announceSignal = defineSignal<[{ announcedAt: string }]>('announce');
export const caseStageQuery = defineQuery<BareCaseStage>('caseStage');

export function bareWorkflowId(caseId: string): string {
  return `bare-${caseId}`;
}

export interface BareStep {
  caseId: string;
  seq: number;
  status: BareStatus;
  at: string;
  decidedBy?: string;
  score?: number;
}

export interface BareVote {
  caseId: string;
  taskId: string;
  memberId: string;
  decision: string;
  score?: number;
}

export interface BareEmail {
  caseId: string;
  seq: number;
  status: BareStatus;
  to: string;
}

export interface BareActivities {
  /** One row per step, keyed by the step number: a retried activity writes nothing twice. */
  recordStep(step: BareStep): Promise<void>;
  recordVote(vote: BareVote): Promise<void>;
  deliverEmail(email: BareEmail): Promise<void>;
}
