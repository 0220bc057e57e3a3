import type { Db } from './client';

/** What anyone may read of a campaign: its title and dates. */
export async function publicCampaign(db: Db, id: string) {
  return db.campaign.findUnique({ where: { id }, select: { id: true, title: true, submissionDeadline: true, reviewDeadline: true, noticeEndsAt: true } });
}

/** The public notice list and its corrections: never phone, age or email (none is selected). */
export async function noticeOf(db: Db, campaignId: string) {
  const entries = await db.noticeEntry.findMany({
    where: { campaignId, withdrawnAt: null },
    select: { caseId: true, name: true, unit: true, field: true, category: true },
    orderBy: { publishedAt: 'asc' },
  });
  const corrections = await db.noticeCorrection.findMany({
    where: { campaignId },
    select: { caseId: true, kind: true, name: true, unit: true, reason: true, publishedAt: true },
    orderBy: { publishedAt: 'asc' },
  });
  return { entries, corrections };
}

export async function noticeEntry(db: Db, caseId: string) {
  return db.noticeEntry.findUnique({ where: { caseId } });
}
