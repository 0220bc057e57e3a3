import type { DataConverter } from '@temporalio/common';
import type { Db } from '../db/client';
import { readCaseProjection } from '../db/case-projection';
import type { PayloadDecoder } from './history-events';
import { decodeHistory, payloadDecoder } from './history-events';
import type { StoredHistory } from './history-store';
import type { ReplayFailure } from './replay';
import { replayHistory } from './replay';
import type { CaseRecord, Disagreement } from './replay-check';
import { compareWithDatabase, compareWithHistory, reconstructCase } from './replay-check';

/** The verdict on one case's history replayed against the current workflow code. */
export interface ReplayReport {
  workflowId: string;
  runId?: string;
  source: 'server' | 'archive' | 'file';
  /** The code makes the commands the history recorded. */
  deterministic: boolean;
  failure?: ReplayFailure;
  events: number;
  /** The case status the replayed code reaches (null when no step completed). */
  status: string | null;
  /** The code computes the very steps (and result) the history recorded. */
  agreesWithHistory: boolean;
  /** The replayed state is the database's projection; null when there is no database record to compare. */
  agreesWithDatabase: boolean | null;
  disagreements: Disagreement[];
  replayMs: number;
}

/** The case's projection in the database, to compare a replay with; null for no such case. */
export function caseRecord(db: Db, caseId: string): Promise<CaseRecord | null> {
  return readCaseProjection(db, caseId);
}

export interface ReplayCaseOptions {
  /** The data converter of the workers that wrote the history. */
  dataConverter?: DataConverter;
  /** Its decoding half as already loaded (a client's), if at hand. */
  decoder?: PayloadDecoder;
  /** The database's projection of the case, when there is one to compare with. */
  record?: CaseRecord | null;
  workflowsPath?: string;
}

export async function replayStoredHistory(stored: Omit<StoredHistory, 'source'> & { source: ReplayReport['source'] }, options: ReplayCaseOptions = {}): Promise<ReplayReport> {
  const outcome = await replayHistory(stored.history, stored.workflowId, { dataConverter: options.dataConverter, workflowsPath: options.workflowsPath });
  const events = await decodeHistory(stored.history, options.decoder ?? payloadDecoder(options.dataConverter));
  const replayed = reconstructCase(outcome.trace);
  const withHistory = compareWithHistory(outcome.trace, events);
  const withDatabase = options.record ? compareWithDatabase(replayed, options.record) : [];
  return {
    workflowId: stored.workflowId,
    ...(stored.runId && { runId: stored.runId }),
    source: stored.source,
    deterministic: outcome.deterministic,
    ...(outcome.failure && { failure: outcome.failure }),
    events: outcome.events,
    status: replayed.status,
    agreesWithHistory: withHistory.length === 0,
    agreesWithDatabase: options.record ? withDatabase.length === 0 : null,
    disagreements: [...withHistory, ...withDatabase],
    replayMs: Math.round(outcome.ms * 10) / 10,
  };
}
