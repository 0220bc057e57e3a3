import type { CaseStatus } from '../../domain/statuses';

// The records a case's story is told from, the case file they are told as, and its parts.

export type HistorySource = 'workflow' | 'audit' | 'timeline';

/**
 * The stages of a case, in the order of the process, named by the status that opens each: 公章审核,
 * 业务领域审核, 分支机构遴选, 评审委员会评审, 评选, 公示, 通报; then 撤回 and 取消资格, which cut it short.
 */
export const STAGES = [
  'seal-check',
  'field-review',
  'branch-shortlist',
  'committee-review',
  'awaiting-selection',
  'public-notice',
  'announced',
  'withdrawn',
  'disqualified',
] as const satisfies readonly CaseStatus[];
export type Stage = (typeof STAGES)[number];

/** What an item is about, for filtering: a person's decision, the machinery, and what lies between. */
export const HISTORY_KINDS = ['decision', 'submission', 'objection', 'report', 'correction', 'email', 'deadline', 'access', 'system'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** One record under an item's fold, in machine terms: event type and id, step, task, outbox, activity. */
export interface HistoryDetail {
  at: string;
  /** In Beijing time, as the row's. */
  atLocal: string;
  source: HistorySource;
  /** The workflow event type, the audit action, or `TimelineEntry`. */
  eventType: string;
  /** The workflow event id, the audit entry id, or the timeline step number. */
  eventId: number;
  actor: string;
  text: string;
  why?: string;
}

/** One row of the case file: who did what, when and why, in plain words; the records it stands for under `detail`. */
export interface HistoryItem {
  /** The ISO instant. */
  at: string;
  /** The same instant in Beijing time, as the page and the CSV show it. */
  atLocal: string;
  stage: Stage;
  kind: HistoryKind;
  source: HistorySource;
  actor: string;
  what: string;
  why?: string;
  /** A decision's internal note, for staff and auditors only. */
  note?: string;
  /** The workflow event type, the audit action, or `TimelineEntry` of the record the item leads with. */
  eventType: string;
  eventId: number;
  /** Every record the item stands for, its own first: nothing the history holds is left out. */
  detail: HistoryDetail[];
}

/** A decision as a stage's summary lists it. */
export interface StageDecision {
  at: string;
  atLocal: string;
  actor: string;
  what: string;
  why?: string;
  note?: string;
  /** The decision's code, when the record names one (`approve`, `reject`…). */
  decision?: string;
}

/** One stage of the case: when it opened and closed, who decided there and what. */
export interface StageSummary {
  stage: Stage;
  label: string;
  openedAt: string;
  openedAtLocal: string;
  /** When the case left the stage, or ended in it; absent while it is still there. */
  closedAt?: string;
  closedAtLocal?: string;
  /** The status the case left the stage for, or ended in. */
  outcome?: string;
  outcomeLabel?: string;
  decidedBy: string[];
  decisions: StageDecision[];
  /** Rows of the case file in this stage. */
  items: number;
}

/** The case's history as an auditor reads it. */
export interface CaseFile {
  items: HistoryItem[];
  stages: StageSummary[];
  /** Every kind with its words and how many rows are of it. */
  kinds: { kind: HistoryKind; label: string; count: number }[];
  /** How many records the history holds, folded ones included. */
  records: number;
}

/**
 * What a narrator says of one record: who, what and why in plain words, the record in machine
 * terms, and how the record relates to the others (the names it answers to, the ones it repeats).
 */
export interface Told {
  actor: string;
  /** In plain words, for a person. */
  what: string;
  why?: string;
  note?: string;
  /** The record in machine terms, for the fold. */
  machine: string;
  kind: HistoryKind;
  /** Names this record answers to: records that only repeat it fold under it. */
  keys?: string[];
  /** Names of the records this one only repeats, best first: it folds under the first found. */
  repeats?: string[];
  /** The status a step moves the case to. */
  movesTo?: string;
  /** The task a step opens. */
  opens?: string;
  /** The stage the record belongs to whatever the case's status: a withdrawal's or disqualification's own. */
  stage?: Stage;
  /**
   * Its plain words and actor say more than those of the record it repeats (an email's recipient,
   * who imported the list that opened an eligibility review): they take their place.
   */
  tellsBetter?: boolean;
  /** The decision's code. */
  decision?: string;
}

/** One record, told, with where it came from. */
export interface Narrated extends Told {
  at: string;
  source: HistorySource;
  eventType: string;
  eventId: number;
  /** The case's status when the record was made, where its narrator knows it. */
  status?: string;
  /** The case's status once the record was made, where its narrator knows it. */
  statusAfter?: string;
}

/** An entry of the audit log, its details as the JSON it was written as. */
export interface AuditRow {
  id: number;
  at: Date;
  actorId: string | null;
  action: string;
  details: string;
}

/** A row of the case's timeline: one per step the workflow recorded. */
export interface TimelineRow {
  seq: number;
  at: Date;
  status: string;
  note: string | null;
  actorId: string | null;
}
