import type { Db } from './client';

// Laurel's own copy of closed cases' workflow histories (`CaseHistory`), kept past Temporal's
// retention. The history is stored as the JSON text it was given: this module does not read it.

export interface ArchivedHistory {
  caseId: string;
  workflowId: string;
  runId: string;
  /** When the history was read from the server: a case changed after this is archived again. */
  archivedAt: Date;
  events: number;
  history: string;
}

export async function archivedHistory(db: Db, caseId: string): Promise<ArchivedHistory | null> {
  return db.caseHistory.findUnique({ where: { caseId } });
}

export async function saveArchivedHistory(db: Db, archived: ArchivedHistory): Promise<void> {
  const { caseId, ...row } = archived;
  await db.caseHistory.upsert({ where: { caseId }, create: archived, update: row });
}

export interface ArchiveCandidate {
  id: string;
  workflowId: string;
  status: string;
  updatedAt: Date;
  /** When its history was last archived; null if never. */
  archivedAt: Date | null;
}

/**
 * One page, in id order, of the cases in one of `statuses` and unchanged since `settledBefore`,
 * with when each was last archived.
 */
export async function archiveCandidates(
  db: Db,
  { statuses, settledBefore, afterId, take }: { statuses: readonly string[]; settledBefore: Date; afterId?: string; take: number },
): Promise<ArchiveCandidate[]> {
  const page = await db.case.findMany({
    where: { status: { in: [...statuses] }, updatedAt: { lt: settledBefore }, ...(afterId && { id: { gt: afterId } }) },
    select: { id: true, workflowId: true, status: true, updatedAt: true },
    orderBy: { id: 'asc' },
    take,
  });
  if (page.length === 0) return [];
  const archived = await db.caseHistory.findMany({ where: { caseId: { in: page.map((c) => c.id) } }, select: { caseId: true, archivedAt: true } });
  const archivedAt = new Map(archived.map((a) => [a.caseId, a.archivedAt]));
  return page.map((c) => ({ ...c, archivedAt: archivedAt.get(c.id) ?? null }));
}
