import { randomUUID } from 'node:crypto';
import { parseIsoDuration } from '../domain/duration';
import type { CompensationResult } from '../workflows/contract';
import type { Db, Tx } from './client';
import { directSql } from './client';
import { unitAccountEmails } from './users';

// What the saga's compensations change: each is idempotent, so a retry never doubles its effect.

/** Marks the decisions of one kind that a disqualification undoes; a second run finds nothing left to mark. */
export async function revokeDecision(db: Db, caseId: string, kind: string, decision: string, at: Date) {
  await db.task.updateMany({ where: { caseId, kind, decision, revokedAt: null }, data: { revokedAt: at } });
}

export async function publishCorrection(tx: Tx | Db, caseId: string, kind: 'notice-withdrawn' | 'announcement-revoked', reason: string, at: Date) {
  const kase = await tx.case.findUniqueOrThrow({ where: { id: caseId } });
  await tx.noticeCorrection.upsert({
    where: { caseId_kind: { caseId, kind } },
    create: { id: randomUUID(), caseId, campaignId: kase.campaignId, kind, name: kase.nomineeName, unit: kase.nomineeUnit, reason, publishedAt: at },
    update: {},
  });
}

/**
 * Frees a revoked winner's slot. While the public notice is still open, the best-ranked case of the
 * reserve (approved, not selected) takes it and gets a full notice period of its own. Idempotent:
 * a retry finds the promotion already made and reports it again.
 */
export async function revokeWinner(db: Db, caseId: string, campaignId: string, at: Date): Promise<Pick<CompensationResult, 'promoted'>> {
  return db.$transaction(async (tx) => {
    const campaign = await tx.campaign.update({ where: { id: campaignId }, data: { selectionLock: { increment: 1 } } });
    const revoked = await tx.case.update({ where: { id: caseId }, data: { selected: false } });
    const period = parseIsoDuration(campaign.publicNoticePeriod) ?? 0;
    const already = await tx.case.findUnique({ where: { promotedFor: caseId } });
    if (already) return { promoted: { caseId: already.id, rank: revoked.rank ?? already.rank ?? 0, noticeEndsAt: new Date(at.getTime() + period).toISOString() } };
    if (!campaign.noticeEndsAt || at >= campaign.noticeEndsAt) return {};
    const next = await tx.case.findFirst({
      where: { campaignId, status: 'not-selected', selected: false, rank: { not: null }, promotedFor: null },
      orderBy: { rank: 'asc' },
    });
    if (!next) return {};
    await tx.case.update({ where: { id: next.id }, data: { selected: true, promotedFor: caseId } });
    return { promoted: { caseId: next.id, rank: revoked.rank ?? next.rank ?? 0, noticeEndsAt: new Date(at.getTime() + period).toISOString() } };
  });
}

/** Publishes that the announcement of the case is revoked, and takes its honouree out of the registry it entered then. */
export async function revokeAnnouncement(db: Db, caseId: string, reason: string, at: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    await publishCorrection(tx, caseId, 'announcement-revoked', reason, at);
    await tx.honouree.deleteMany({ where: { caseId } });
  });
}

/** Takes the case off the public notice and publishes why. */
export async function withdrawFromNotice(db: Db, caseId: string, reason: string, at: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.noticeEntry.updateMany({ where: { caseId, withdrawnAt: null }, data: { withdrawnAt: at } });
    await publishCorrection(tx, caseId, 'notice-withdrawn', reason, at);
  });
}

/** The submitting unit's active accounts with an email, and what their notice needs to say; a self-nomination's unit has none. */
export async function unitToNotify(db: Db, caseId: string) {
  const kase = await db.case.findUniqueOrThrow({ where: { id: caseId }, include: { campaign: true } });
  const emails = kase.unitId ? await unitAccountEmails(directSql(db), kase.unitId) : [];
  return { nomineeName: kase.nomineeName, campaignTitle: kase.campaign.title, emails };
}

export async function compensationRecorded(db: Db, caseId: string, action: string): Promise<boolean> {
  return (await db.auditEntry.findFirst({ where: { caseId, action }, select: { id: true } })) !== null;
}
