import { ACTIVE_STATUSES } from '../domain/statuses';
import { REVIEW_STEPS } from '../domain/tasks';
import type { Deadlines } from '../workflows/contract';
import type { Db } from './client';
import { toStaffUser } from './users';

export async function campaignDeadlines(db: Db, campaignId: string): Promise<Deadlines & { title: string }> {
  const c = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  return { title: c.title, submissionDeadline: c.submissionDeadline.toISOString(), reviewDeadline: c.reviewDeadline.toISOString(), version: c.deadlinesVersion };
}

/** Cases still running (started, not yet ended), which must follow a change of the campaign's dates. */
const running = (campaignId: string) => ({ campaignId, status: { in: [...ACTIVE_STATUSES] }, lastSeq: { gt: 0 } });

export async function activeCaseIds(db: Db, campaignId: string): Promise<string[]> {
  const rows = await db.case.findMany({ where: running(campaignId), select: { id: true } });
  return rows.map((r) => r.id);
}

/** The running cases in order of id, `limit` of them after `after`: the clock tells them a page at a time. */
export async function activeCaseIdsPage(db: Db, campaignId: string, after: string | null, limit: number): Promise<string[]> {
  const rows = await db.case.findMany({
    where: { ...running(campaignId), ...(after !== null && { id: { gt: after } }) },
    select: { id: true },
    orderBy: { id: 'asc' },
    take: limit,
  });
  return rows.map((r) => r.id);
}

/** Open review tasks of the campaign, counted by group and kind. */
export async function openReviewTaskCounts(db: Db, campaignId: string) {
  const groups = await db.task.groupBy({ by: ['candidateGroup', 'kind'], where: { campaignId, status: 'open', kind: { in: [...REVIEW_STEPS] } }, _count: true });
  return groups.map((g) => ({ group: g.candidateGroup, kind: g.kind, count: g._count }));
}

/** Active accounts that have an email address. */
export async function reachableUsers(db: Db) {
  const users = await db.user.findMany({ where: { disabled: false, email: { not: null } }, include: { unit: true } });
  return users.map((u) => ({ ...toStaffUser(u), email: u.email! }));
}

/** Marks every review task still open at the review deadline as escalated; answers how many. */
export async function escalateOpenReviews(db: Db, campaignId: string, reviewDeadline: Date, at: Date): Promise<number> {
  const { count } = await db.task.updateMany({
    where: { campaignId, status: 'open', kind: { in: [...REVIEW_STEPS] }, escalatedAt: null, dueAt: { lte: reviewDeadline } },
    data: { escalatedAt: at },
  });
  return count;
}
