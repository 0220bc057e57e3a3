// The records a case's story is told from, and the lines it is told in.

export type HistorySource = 'workflow' | 'audit' | 'timeline';

export interface HistoryItem {
  at: string;
  source: HistorySource;
  actor: string;
  what: string;
  why?: string;
  /** The workflow event type, the audit action, or `TimelineEntry`. */
  eventType: string;
  /** The workflow event id, the audit entry id, or the timeline step number. */
  eventId: number;
}

/** What a narrator says of one record: who, what and why. */
export interface Told {
  actor: string;
  what: string;
  why?: string;
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
