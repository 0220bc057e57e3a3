import type { Db } from '../db/client';
import type { ArchiveCandidate } from '../db/history-archive';
import { archiveCandidates, archivedHistory, saveArchivedHistory } from '../db/history-archive';
import type { History } from './history-json';
import { historyFromJson, historyToJson } from './history-json';
import type { WorkflowHistories } from './workflow-histories';

/** Statuses after which a case's history is archived; an announced case stays open for later fraud findings. */
export const ARCHIVED_STATUSES = ['announced', 'rejected', 'not-selected', 'expired', 'withdrawn', 'disqualified'] as const;

const PAGE_SIZE = 500;

export interface StoredHistory {
  source: 'server' | 'archive';
  workflowId: string;
  runId?: string;
  history: History;
}

/** The case's workflow history: from the Temporal server while it holds it, then from Laurel's archive. */
export async function loadCaseHistory(db: Db, histories: WorkflowHistories, kase: { id: string; workflowId: string }): Promise<StoredHistory | null> {
  const history = await histories.fetch(kase.workflowId);
  if (history?.events?.length) {
    const runId = history.events[0].workflowExecutionStartedEventAttributes?.originalExecutionRunId ?? undefined;
    return { source: 'server', workflowId: kase.workflowId, runId, history };
  }
  const archived = await archivedHistory(db, kase.id);
  if (!archived) return null;
  return { source: 'archive', workflowId: archived.workflowId, runId: archived.runId, history: historyFromJson(JSON.parse(archived.history)) };
}

export interface ArchiveOptions {
  /** A case is archived this long after its last change at the earliest, so a history still being written is not taken. */
  graceMs?: number;
  /** At most this many histories fetched per sweep. */
  limit?: number;
  now?: () => number;
}

/**
 * Keeps the full history of every closed case in `CaseHistory`, payloads as the server holds them
 * (encrypted), so it can be read and replayed after Temporal's retention has removed it. A case
 * changed since its archive (an announced case found fraudulent) is archived again. Returns the
 * ids of the cases archived.
 */
export async function archiveClosedCases(db: Db, histories: WorkflowHistories, { graceMs = 60_000, limit = 100, now = Date.now }: ArchiveOptions = {}): Promise<string[]> {
  const settledBefore = new Date(now() - graceMs);
  const archived: string[] = [];
  for (let afterId: string | undefined; archived.length < limit; ) {
    const page = await archiveCandidates(db, { statuses: ARCHIVED_STATUSES, settledBefore, afterId, take: PAGE_SIZE });
    if (page.length === 0) break;
    afterId = page.at(-1)!.id;
    for (const c of page) {
      if (archived.length >= limit) break;
      if (!changedSinceArchived(c)) continue;
      if (await archiveCase(db, histories, c)) archived.push(c.id);
    }
  }
  return archived;
}

const changedSinceArchived = (c: ArchiveCandidate) => c.archivedAt === null || c.archivedAt.getTime() < c.updatedAt.getTime();

async function archiveCase(db: Db, histories: WorkflowHistories, c: ArchiveCandidate): Promise<boolean> {
  // Taken before reading: a change made meanwhile is newer than the archive, which is then renewed.
  const archivedAt = new Date();
  // Gone from the server already: whatever was archived before is all there is.
  const run = await histories.describe(c.workflowId);
  if (!run) return false;
  // Only an announced case rests while running; any other still finishing is archived once it has.
  if (run.running && c.status !== 'announced') return false;
  const history = await histories.fetch(c.workflowId, run.runId);
  if (!history) return false;
  await saveArchivedHistory(db, { caseId: c.id, workflowId: c.workflowId, runId: run.runId, archivedAt, events: history.events?.length ?? 0, history: historyToJson(history, 0) });
  return true;
}
