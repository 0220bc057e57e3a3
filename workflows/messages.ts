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
  comment?: string;
  score?: number;
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
  notInNoticePeriod: 'not-in-notice-period',
} as const;

export function caseWorkflowId(caseId: string): string {
  return `nomination-${caseId}`;
}

export function committeeRoundWorkflowId(campaignId: string): string {
  return `committee-round-${campaignId}`;
}

export function campaignWorkflowId(campaignId: string): string {
  return `campaign-${campaignId}`;
}
