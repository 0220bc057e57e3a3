import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CaseStatus } from '../domain/statuses';
import type { TaskKind } from '../domain/tasks';

// The contract between the API (client side) and the case workflows. Ids and decisions only:
// personal data stays in the database.

export interface Actor {
  id: string;
  username: string;
}

export interface TaskDecision {
  taskId: string;
  decision: string;
  /** What the applicant is told. */
  comment?: string;
  /** For staff and auditors only. */
  note?: string;
  score?: number;
  /** The working group's check, at the field review, that the media awards claimed are real. */
  awardsVerified?: boolean;
  actor: Actor;
}

export interface CaseStatusReply {
  caseStatus: CaseStatus;
}

export interface WithdrawRequest {
  actor?: Actor;
  reason?: string;
}

export interface CommitteeOutcome {
  selected: boolean;
  rank: number;
  /** ISO time the public notice ends: winners are noticed until then, the others stay in reserve until then. */
  noticeEndsAt?: string;
}

export interface CaseSnapshot {
  status: CaseStatus;
  openTasks: { id: string; kind: TaskKind }[];
  steps: number;
}

export interface Deadlines {
  submissionDeadline: string;
  reviewDeadline: string;
  /** Grows with every change, so an older message never undoes a newer one. */
  version: number;
}

export interface Promotion {
  rank: number;
  noticeEndsAt: string;
}

export const completeTaskUpdate = defineUpdate<CaseStatusReply, [TaskDecision]>('completeTask');
export const withdrawUpdate = defineUpdate<CaseStatusReply, [WithdrawRequest]>('withdraw');
export const sealedFormResubmittedUpdate = defineUpdate<CaseStatusReply, [{ sealedFormId: string }]>('sealedFormResubmitted');
export const lodgeObjectionUpdate = defineUpdate<{ taskId: string }, [{ objectionId: string }]>('lodgeObjection');
export const reportFraudUpdate = defineUpdate<{ taskId: string }, [{ reportId: string; actor: Actor }]>('reportFraud');
/** An honouree imported after the case was submitted matches its nominee: the secretariat rules on its eligibility. */
export const eligibilityReviewUpdate = defineUpdate<{ taskId: string }, [{ reviewId: string }]>('openEligibilityReview');
/** The campaign's announcement (择期通报): a case waiting in notice-ended becomes announced. */
export const announceSignal = defineSignal<[{ announcedAt: string }]>('announce');
export const committeeOutcomeSignal = defineSignal<[CommitteeOutcome]>('committeeOutcome');
export const promotedSignal = defineSignal<[Promotion]>('promoted');
export const deadlinesChangedSignal = defineSignal<[Deadlines]>('deadlinesChanged');
export const caseStatusQuery = defineQuery<CaseSnapshot>('caseStatus');

/** Refusal types a validator raises; the API maps each to an HTTP status. */
export const REFUSALS = {
  taskNotOpen: 'task-not-open',
  decisionNotAllowed: 'decision-not-allowed',
  scoreRequired: 'score-required',
  scoreNotAllowed: 'score-not-allowed',
  caseClosed: 'case-closed',
  resubmissionNotRequested: 'resubmission-not-requested',
  alreadyScored: 'already-scored',
  awardsCheckNotAllowed: 'awards-check-not-allowed',
  notInNoticePeriod: 'not-in-notice-period',
} as const;

export function caseWorkflowId(caseId: string): string {
  return `nomination-${caseId}`;
}

export function committeeRoundWorkflowId(campaignId: string): string {
  return `committee-round-${campaignId}`;
}

export function committeeQuorumWorkflowId(campaignId: string): string {
  return `committee-quorum-${campaignId}`;
}

export function announcementWorkflowId(campaignId: string): string {
  return `announcement-${campaignId}`;
}

export function campaignWorkflowId(campaignId: string): string {
  return `campaign-${campaignId}`;
}

// Types that cross between the case workflow and its activities.

export interface TaskClosure {
  taskId: string;
  outcome: 'completed' | 'cancelled';
  decision?: string;
  comment?: string;
  /** For staff and auditors only. */
  note?: string;
  score?: number;
  awardsVerified?: boolean;
  decidedBy?: string;
}

/** What a case workflow needs to know of its campaign; returned by every step, so it stays current. */
export interface CaseSettings {
  submissionDeadline: string;
  reviewDeadline: string;
  deadlinesVersion: number;
  committeeQuorum: number;
}

/** Completed steps a disqualification undoes (see the saga in the workflow). */
export type Compensation = 'revoke-shortlist' | 'revoke-approval' | 'revoke-winner' | 'withdraw-notice' | 'revoke-announcement' | 'notify-parties';

/** One transition of a case, written atomically: timeline, projection, tasks, notice and outbox. */
export interface CaseStep {
  caseId: string;
  campaignId: string;
  /** The workflow's step counter: makes a retried activity a no-op. */
  seq: number;
  at: string;
  status: CaseStatus;
  note?: string;
  actorId?: string;
  closeTask?: TaskClosure;
  openTask?: { taskId: string; kind: TaskKind };
  notice?: 'publish' | 'withdraw';
  score?: number;
  rank?: number;
  /** Other open tasks cancelled by this step (objections, investigations left open when the case ends). */
  cancelTasks?: string[];
  /** The objection or fraud report a task was opened for, or is ruled on. */
  subject?: { kind: 'objection' | 'fraud-report' | 'eligibility'; id: string; ruling?: string };
  /** False for steps that do not concern the applicant: no status email. */
  notify?: boolean;
}


export interface CompensationRequest {
  caseId: string;
  campaignId: string;
  action: Compensation;
  reason: string;
  at: string;
}

export interface CompensationResult {
  /** The reserve case that took a revoked winner's slot. */
  promoted?: { caseId: string; rank: number; noticeEndsAt: string };
  /** Emails queued by the compensation, for the workflow to deliver. */
  outboxIds?: string[];
}


/** The committee round's outcome, stored once: a second close answers the same. */
export interface RoundResult {
  winners: string[];
  notSelected: string[];
  noticeEndsAt: string;
  /** Each ranked case's rank; cases with the same score share one. Absent from rounds closed before ranks were shared. */
  ranks?: Record<string, number>;
}


/** What the close request waits for: the round ranked and stored; its cases are told after. */
export interface RoundSummary {
  winners: number;
  notSelected: number;
  noticeEndsAt: string;
}

/** One case of a closed round, as the round's workflow tells it. */
export interface RankedCase {
  caseId: string;
  rank: number;
  selected: boolean;
}

/** Answers once the round is ranked and stored, without waiting for its cases to be told. */
export const roundRankedUpdate = defineUpdate<RoundSummary>('roundRanked');

export interface NominationInput {
  caseId: string;
  campaignId: string;
  /** The branch channel's own nominations (推举) go from the seal check straight to the committee. */
  channel?: 'organisation' | 'self' | 'branch';
}

/** What every step returns: the emails it queued (the workflow delivers them) and the campaign's current settings. */
export interface StepOutcome {
  outboxIds: string[];
  settings: CaseSettings;
}

export interface CommitteeVote {
  caseId: string;
  taskId: string;
  memberId: string;
  decision: string;
  score?: number;
  comment?: string;
  /** Internal: staff and auditors only. */
  note?: string;
  at: string;
}

// The activities each workflow calls, by name and signature. The worker's implementations satisfy
// these; workflows and the history's narration refer to activities only through them.

export interface CaseActivities {
  recordCaseStep(step: CaseStep): Promise<StepOutcome>;
  /** The committee's approval, recorded together with the case's entry into the selection pool (unless the round has closed). */
  enterSelectionPool(step: CaseStep): Promise<StepOutcome & { roundClosed: boolean }>;
  recordVote(vote: CommitteeVote): Promise<void>;
  deliverEmail(outboxId: string): Promise<void>;
  compensate(request: CompensationRequest): Promise<CompensationResult>;
}

/** The votes one case waiting for the committee now needs. */
export interface CaseQuorum {
  caseId: string;
  quorum: number;
}

export interface CommitteeActivities {
  /** Rounds started before the ranking was told in pages; kept while any of them may still run. */
  closeCommitteeRound(request: { campaignId: string; closedAt: string }): Promise<RoundResult>;
  rankCommitteeRound(request: { campaignId: string; closedAt: string }): Promise<RoundSummary>;
  rankedCasesPage(request: { campaignId: string; after: RankedCase | null; limit: number }): Promise<RankedCase[]>;
  /** Every case of the campaign waiting for committee votes, with the votes it needs under the committee and quorum as they are now. */
  committeeQuorums(request: { campaignId: string }): Promise<CaseQuorum[]>;
}

export interface CampaignActivities {
  loadCampaignDeadlines(campaignId: string): Promise<Deadlines>;
  /** Clocks that told before the running cases were told in pages; kept while any of them may replay it. */
  listActiveCases(campaignId: string): Promise<string[]>;
  activeCasesPage(request: { campaignId: string; after: string | null; limit: number }): Promise<string[]>;
  sendReviewReminders(request: { campaignId: string; reviewDeadline: string; daysBefore: number }): Promise<string[]>;
  escalateOverdueTasks(request: { campaignId: string; reviewDeadline: string; at: string }): Promise<number>;
}

export type ActivityName = keyof CaseActivities | keyof CommitteeActivities | keyof CampaignActivities;

/** What one run of the housekeeping did. */
export interface HousekeepingReport {
  /** Whether the audit chain's head was signed (at most daily). */
  anchored: boolean;
  /** Campaigns whose clock was (re)started. */
  campaignClocks: number;
  /** Cases stored while Temporal was out of reach, whose workflow was started now. */
  casesStarted: number;
  /** Closed cases whose history was archived. */
  historiesArchived: number;
  /** Account emails handed to delivery late. */
  emailsDelivered: number;
  /** Eligibility reviews put to their cases now. */
  eligibilityReviewsOpened: number;
}

export interface HousekeepingActivities {
  anchorAuditHead(): Promise<boolean>;
  startCampaignClocks(): Promise<number>;
  startCasesWithoutWorkflow(): Promise<number>;
  archiveClosedCaseHistories(): Promise<number>;
  /** Account emails (invitations, resets) queued while Temporal was out of reach, handed to their delivery workflow. */
  deliverStrandedEmails(): Promise<number>;
  /** Eligibility reviews an honouree import stored while their case could not be reached, put to the case now. */
  openPendingEligibilityReviews(): Promise<number>;
}

export const HOUSEKEEPING_SCHEDULE_ID = 'laurel-housekeeping';

/** Reviewers' hourly digest of the tasks that arrived for them. */
export const TASK_DIGEST_SCHEDULE_ID = 'laurel-task-digest';

export interface TaskDigestActivities {
  /** Queues one digest per reviewer with new tasks since their last one; answers the outbox ids to deliver. */
  queueTaskDigests(request: { at: string }): Promise<string[]>;
}

export function emailDeliveryWorkflowId(outboxId: string): string {
  return `email-${outboxId}`;
}

/** A case's quorum, when the campaign's committee or quorum changed while the case waits for votes. */
export const committeeQuorumSignal = defineSignal<[{ quorum: number }]>('committeeQuorum');

export interface AnnouncementInput {
  campaignId: string;
  /** ISO time the announcement is made. */
  at: string;
}

export interface AnnouncementActivities {
  /** Tells every case of the campaign waiting in notice-ended that it is announced; answers how many. */
  announceWaitingCases(request: { campaignId: string; announcedAt: string }): Promise<number>;
  /** Records that the announcement was made. */
  recordAnnouncement(request: { campaignId: string; announcedAt: string; cases: number }): Promise<void>;
}
