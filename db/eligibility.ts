import { randomUUID } from 'node:crypto';
import { honoureeKey } from '../domain/honourees';
import { ACTIVE_STATUSES } from '../domain/statuses';
import type { Db } from './client';

/** A running case that names a registry entry, and the entry. */
export interface EligibilityMatch {
  caseId: string;
  honouree: { id: string; year: number; title: string };
}

/**
 * The running cases (and announced ones, which stay open for late findings) whose nominee is in
 * the registry under `keys`, matched as the submission check matches. A case's own registry
 * entry (it was announced) is not a match.
 */
export async function runningCasesInRegistry(db: Db, keys: readonly string[]): Promise<EligibilityMatch[]> {
  if (keys.length === 0) return [];
  const wanted = new Set(keys);
  const running = await db.case.findMany({
    where: { status: { in: [...ACTIVE_STATUSES, 'announced'] } },
    select: { id: true, category: true, nomineeName: true, nomineeUnit: true },
  });
  const byKey = new Map<string, string[]>();
  for (const c of running) {
    const key = honoureeKey(c.category === 'team' ? 'team' : 'individual', c.nomineeName, c.nomineeUnit);
    if (wanted.has(key)) byKey.set(key, [...(byKey.get(key) ?? []), c.id]);
  }
  if (byKey.size === 0) return [];
  const entries = await db.honouree.findMany({ where: { lookupKey: { in: [...byKey.keys()] } }, select: { id: true, lookupKey: true, year: true, title: true, caseId: true } });
  return entries.flatMap((e) => (byKey.get(e.lookupKey) ?? []).filter((caseId) => caseId !== e.caseId).map((caseId) => ({ caseId, honouree: { id: e.id, year: e.year, title: e.title } })));
}

/** The review of one case against one registry entry, opened once: a second import finds it. */
export async function eligibilityReviewFor(db: Db, caseId: string, honoureeId: string): Promise<{ id: string; taskId: string | null }> {
  return db.eligibilityReview.upsert({
    where: { caseId_honoureeId: { caseId, honoureeId } },
    create: { id: randomUUID(), caseId, honoureeId },
    update: {},
    select: { id: true, taskId: true },
  });
}

export async function linkEligibilityTask(db: Db, reviewId: string, taskId: string): Promise<void> {
  await db.eligibilityReview.update({ where: { id: reviewId }, data: { taskId } });
}

/** The registry entry a review is about, for the task and the case view. */
export async function eligibilityReviewsOf(db: Db, caseId: string) {
  const reviews = await db.eligibilityReview.findMany({ where: { caseId }, orderBy: { openedAt: 'asc' } });
  const honourees = await db.honouree.findMany({ where: { id: { in: reviews.map((r) => r.honoureeId) } } });
  const byId = new Map(honourees.map((h) => [h.id, h]));
  return reviews.map((r) => ({ ...r, honouree: byId.get(r.honoureeId) ?? null }));
}

/** Reviews whose case has not opened its task yet (Temporal was out of reach), oldest first. */
export async function reviewsWithoutTask(db: Db, ids?: readonly string[], take = 500) {
  return db.eligibilityReview.findMany({ where: { taskId: null, ruling: null, ...(ids && { id: { in: [...ids] } }) }, orderBy: { openedAt: 'asc' }, take });
}

/** A review whose case ended before it could open its task: nothing is left to rule on. */
export async function closeUnopenedReview(db: Db, reviewId: string): Promise<void> {
  await db.eligibilityReview.update({ where: { id: reviewId }, data: { ruling: 'case-closed', ruledAt: new Date() } });
}
