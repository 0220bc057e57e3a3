import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError, isGrpcServiceError } from '@temporalio/client';
import type { Db } from '../db/client';
import type { History } from './history-json';
import { historyFromJson, historyToJson } from './history-json';

/** Statuses after which a case's history is archived; an announced case stays open for later fraud findings. */
export const ARCHIVED_STATUSES = ['announced', 'rejected', 'not-selected', 'expired', 'withdrawn', 'disqualified'] as const;

const GRPC_NOT_FOUND = 5;

function isNotFound(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError || (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND);
}

export interface StoredHistory {
  source: 'server' | 'archive';
  workflowId: string;
  runId?: string;
  history: History;
}

/** The case's workflow history: from the Temporal server while it holds it, then from Laurel's archive. */
export async function loadCaseHistory(db: Db, temporal: Client, kase: { id: string; workflowId: string }): Promise<StoredHistory | null> {
  try {
    const handle = temporal.workflow.getHandle(kase.workflowId);
    const history = await handle.fetchHistory();
    if (history.events?.length) {
      const runId = history.events[0].workflowExecutionStartedEventAttributes?.originalExecutionRunId ?? undefined;
      return { source: 'server', workflowId: kase.workflowId, runId, history };
    }
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const archived = await db.caseHistory.findUnique({ where: { caseId: kase.id } });
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
export async function archiveClosedCases(db: Db, temporal: Client, { graceMs = 60_000, limit = 100, now = Date.now }: ArchiveOptions = {}): Promise<string[]> {
  const settled = new Date(now() - graceMs);
  const archived: string[] = [];
  for (let cursor: string | undefined; archived.length < limit; ) {
    const page = await db.case.findMany({
      where: { status: { in: [...ARCHIVED_STATUSES] }, updatedAt: { lt: settled }, ...(cursor && { id: { gt: cursor } }) },
      select: { id: true, workflowId: true, status: true, updatedAt: true },
      orderBy: { id: 'asc' },
      take: 500,
    });
    if (page.length === 0) break;
    cursor = page.at(-1)!.id;
    const existing = await db.caseHistory.findMany({ where: { caseId: { in: page.map((c) => c.id) } }, select: { caseId: true, archivedAt: true } });
    const archivedAt = new Map(existing.map((e) => [e.caseId, e.archivedAt.getTime()]));
    for (const c of page) {
      if (archived.length >= limit) break;
      if ((archivedAt.get(c.id) ?? -1) >= c.updatedAt.getTime()) continue;
      if (await archiveCase(db, temporal, c)) archived.push(c.id);
    }
  }
  return archived;
}

async function archiveCase(db: Db, temporal: Client, c: { id: string; workflowId: string; status: string }): Promise<boolean> {
  const handle = temporal.workflow.getHandle(c.workflowId);
  // Taken before reading: a change made meanwhile is newer than the archive, which is then renewed.
  const archivedAt = new Date();
  let description;
  try {
    description = await handle.describe();
  } catch (err) {
    // Gone from the server already: whatever was archived before is all there is.
    if (isNotFound(err)) return false;
    throw err;
  }
  // Only an announced case rests while running; any other still finishing is archived once it has.
  if (description.status.name === 'RUNNING' && c.status !== 'announced') return false;
  const history = await temporal.workflow.getHandle(c.workflowId, description.runId).fetchHistory();
  const row = { workflowId: c.workflowId, runId: description.runId, archivedAt, events: history.events?.length ?? 0, history: historyToJson(history, 0) };
  await db.caseHistory.upsert({ where: { caseId: c.id }, create: { caseId: c.id, ...row }, update: row });
  return true;
}
