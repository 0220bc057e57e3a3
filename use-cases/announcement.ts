import { announcedHonourees, countAwaitingAnnouncement, setAnnouncementSchedule } from '../db/announcement';
import { appendAuditEntry } from '../db/audit-log';
import { findCampaign } from '../db/campaigns';
import type { StaffUser } from '../domain/access';
import { AppError, conflict, notFound } from '../domain/errors';
import type { UseCaseDeps } from './deps';

/**
 * 择期通报: the secretariat chooses when the result is announced. At `at` every case waiting in
 * notice-ended is announced, its applicant and unit told. An announcement can be made only after
 * the notice period; one scheduled must be made or cancelled before another is.
 */
export async function scheduleAnnouncement(deps: UseCaseDeps, user: StaffUser, campaignId: string, requested: { at?: string }, requestId?: string) {
  const { db } = deps;
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw notFound('campaign-not-found');
  if (!campaign.noticeEndsAt) throw conflict('notice-not-started');
  const at = requested.at ? new Date(requested.at) : new Date();
  if (at < campaign.noticeEndsAt) {
    const endsAt = campaign.noticeEndsAt;
    throw new AppError(422, 'announcement-before-notice-ends', undefined, (language) => [
      { path: 'at', message: language === 'en' ? `the public notice ends at ${endsAt.toISOString()}` : `公示期至 ${beijing(endsAt)} 结束` },
    ]);
  }
  if (!(await deps.campaigns.scheduleAnnouncement(campaign.id, at))) {
    // A retried request finds the announcement it scheduled: that is its answer.
    if (requestId && requested.at && campaign.announceAt?.getTime() === at.getTime()) return { at, cases: await countAwaitingAnnouncement(db, campaign.id) };
    throw conflict('announcement-scheduled');
  }
  await setAnnouncementSchedule(db, campaign.id, at);
  await appendAuditEntry(db, { actorId: user.id, action: 'announcement-scheduled', details: { campaignId: campaign.id, at: at.toISOString() } });
  return { at, cases: await countAwaitingAnnouncement(db, campaign.id) };
}

/** Cancels the scheduled announcement; one already made cannot be, and the answer says when it was. */
export async function cancelAnnouncement(deps: UseCaseDeps, user: StaffUser, campaignId: string) {
  const { db } = deps;
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw notFound('campaign-not-found');
  const result = await deps.campaigns.cancelAnnouncement(campaign.id);
  if (result.outcome === 'none') throw notFound('no-announcement-scheduled');
  if (result.outcome === 'made') throw conflict('already-announced', `announced at ${result.announcedAt}`);
  if (campaign.announceAt) {
    await setAnnouncementSchedule(db, campaign.id, null);
    await appendAuditEntry(db, { actorId: user.id, action: 'announcement-cancelled', details: { campaignId: campaign.id, at: campaign.announceAt.toISOString() } });
  }
  return { cancelled: true as const };
}

/** The announced honourees of a campaign, for anyone; empty until the announcement is made. */
export async function readAnnouncement({ db }: UseCaseDeps, campaignId: string) {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw notFound('campaign-not-found');
  return { campaign, announcedAt: campaign.announcedAt, honourees: campaign.announcedAt ? await announcedHonourees(db, campaign.id) : [] };
}

function beijing(date: Date): string {
  return `${date.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}（北京时间）`;
}
