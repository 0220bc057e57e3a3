import type { Db } from './client';

/** The cases the announcement reaches: winners whose notice ended with no objection upheld. */
export async function casesAwaitingAnnouncement(db: Db, campaignId: string): Promise<string[]> {
  const rows = await db.case.findMany({ where: { campaignId, status: 'notice-ended' }, select: { id: true }, orderBy: { id: 'asc' } });
  return rows.map((r) => r.id);
}

export async function countAwaitingAnnouncement(db: Db, campaignId: string): Promise<number> {
  return db.case.count({ where: { campaignId, status: 'notice-ended' } });
}

/** The time an announcement is scheduled for, shown on the dashboard; null when none is. */
export async function setAnnouncementSchedule(db: Db, campaignId: string, at: Date | null): Promise<void> {
  await db.campaign.update({ where: { id: campaignId }, data: { announceAt: at } });
}

/** The announcement was made: the schedule is spent. False when this announcement was marked already (a retry). */
export async function markAnnounced(db: Db, campaignId: string, announcedAt: Date): Promise<boolean> {
  const { count } = await db.campaign.updateMany({ where: { id: campaignId, OR: [{ announcedAt: null }, { announcedAt: { not: announcedAt } }] }, data: { announcedAt, announceAt: null } });
  return count > 0;
}

/** The announced honourees, as the public reads them: never phone, age or email (none is selected). */
export async function announcedHonourees(db: Db, campaignId: string) {
  const announced = await db.case.findMany({ where: { campaignId, status: 'announced' }, select: { id: true } });
  return db.noticeEntry.findMany({
    where: { caseId: { in: announced.map((c) => c.id) } },
    select: { caseId: true, name: true, unit: true, field: true, category: true },
    orderBy: { publishedAt: 'asc' },
  });
}
