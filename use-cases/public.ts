import { appendAuditEntry } from '../db/audit-log';
import { findCampaign } from '../db/campaigns';
import { findCaseStatus } from '../db/cases';
import { noticeEntry, noticeOf, publicCampaign } from '../db/notice';
import { createObjection, objectionTask, removeObjection } from '../db/objections';
import type { Principal } from '../domain/access';
import { AppError, conflict, notFound } from '../domain/errors';
import type { UseCaseDeps } from './deps';
import { idOfRequest } from './request-ids';

/** A campaign's title and dates, for anyone who nominates themselves or reads the notice. */
export async function readPublicCampaign({ db }: UseCaseDeps, id: string) {
  const c = await findCampaign(db, id);
  if (!c) throw notFound('campaign-not-found');
  return c;
}

export async function readNotice({ db }: UseCaseDeps, campaignId: string) {
  const campaign = await publicCampaign(db, campaignId);
  if (!campaign) throw notFound('campaign-not-found');
  return { ...(await noticeOf(db, campaign.id)), endsAt: campaign.noticeEndsAt };
}

/** Anyone may object to a winner during the notice period; each objection becomes a task for the secretariat. */
export async function lodgeObjection(
  { db, cases }: UseCaseDeps,
  principal: Principal | undefined,
  campaignId: string,
  o: { caseId: string; reason: string; contact?: string },
  requestId?: string,
) {
  const entry = await noticeEntry(db, o.caseId);
  if (!entry || entry.campaignId !== campaignId) throw notFound();
  const objectionId = requestId && idOfRequest(requestId, 'objection');
  // A retry of an objection whose review is open already is answered as the first was.
  if (objectionId && (await objectionTask(db, objectionId))) return { objectionId, caseId: entry.caseId };
  if (entry.withdrawnAt) throw conflict('not-in-notice-period');
  const kase = await findCaseStatus(db, entry.caseId);
  if (kase?.status !== 'public-notice') throw conflict('not-in-notice-period');
  const lodgedBy = principal?.kind === 'user' ? principal.user.id : null;
  const stored = await createObjection(db, { id: objectionId, caseId: kase.id, campaignId: entry.campaignId, reason: o.reason, contact: o.contact, lodgedBy });
  try {
    await cases.lodgeObjection(kase.id, stored.id, lodgedBy ?? undefined, requestId);
  } catch (err) {
    // Refused, the objection goes; cut short by an outage it stays, for the Update may yet arrive.
    if (err instanceof AppError && err.status < 500) await removeObjection(db, stored.id);
    throw err;
  }
  await appendAuditEntry(db, { actorId: lodgedBy ?? undefined, action: 'objection-lodged', caseId: kase.id, details: { objectionId: stored.id, reason: o.reason } });
  return { objectionId: stored.id, caseId: kase.id };
}
