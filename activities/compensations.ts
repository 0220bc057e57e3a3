import { randomUUID } from 'node:crypto';
import { appendAuditEntry } from '../db/audit-log';
import type { Db, Tx } from '../db/client';
import { parseIsoDuration } from '../domain/duration';
import type { Compensation, CompensationRequest, CompensationResult } from '../workflows/contract';
import { renderDisqualificationNotice } from '../mail/templates';
import { queueEmail } from './outbox';

/** Marks the decisions of one kind that a disqualification undoes; a second run finds nothing left to mark. */
async function revokeDecision(db: Db, caseId: string, kind: string, decision: string, at: Date) {
  await db.task.updateMany({ where: { caseId, kind, decision, revokedAt: null }, data: { revokedAt: at } });
}

async function publishCorrection(tx: Tx | Db, caseId: string, kind: 'notice-withdrawn' | 'announcement-revoked', reason: string, at: Date) {
  const kase = await tx.case.findUniqueOrThrow({ where: { id: caseId } });
  await tx.noticeCorrection.upsert({
    where: { caseId_kind: { caseId, kind } },
    create: { id: randomUUID(), caseId, campaignId: kase.campaignId, kind, name: kase.nomineeName, unit: kase.recommendingUnit, reason, publishedAt: at },
    update: {},
  });
}

/**
 * Frees a revoked winner's slot. While the public notice is still open, the best-ranked case of the
 * reserve (approved, not selected) takes it and gets a full notice period of its own. Idempotent:
 * a retry finds the promotion already made and reports it again.
 */
async function revokeWinner(db: Db, caseId: string, campaignId: string, at: Date): Promise<CompensationResult> {
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

/** Tells the recommending unit's accounts; the applicant hears through the case's own status email. */
async function notifyUnit(db: Db, caseId: string, reason: string): Promise<CompensationResult> {
  const kase = await db.case.findUniqueOrThrow({ where: { id: caseId }, include: { campaign: true } });
  const recipients = await db.user.findMany({ where: { unit: kase.recommendingUnit, roles: { contains: '"unit"' }, email: { not: null }, disabled: false } });
  const outboxIds: string[] = [];
  for (const user of recipients) {
    const mail = renderDisqualificationNotice({ caseId, nomineeName: kase.nomineeName, campaignTitle: kase.campaign.title, reason });
    outboxIds.push(
      await queueEmail(db, { key: `${caseId}:disqualified:unit-notice:${user.email}`, caseId, template: 'unit-notice:disqualified', recipient: user.email!, ...mail }),
    );
  }
  return { outboxIds };
}

export function createCompensations({ db }: { db: Db }) {
  return {
    /** One compensation of the disqualification saga; each is idempotent, so a retry never doubles its effect. */
    async compensate({ caseId, campaignId, action, reason, at }: CompensationRequest): Promise<CompensationResult> {
      const when = new Date(at);
      let result: CompensationResult = {};
      switch (action) {
        case 'revoke-shortlist':
          await revokeDecision(db, caseId, 'branch-shortlist', 'shortlist', when);
          break;
        case 'revoke-approval':
          await revokeDecision(db, caseId, 'committee-review', 'approve', when);
          break;
        case 'withdraw-notice':
          await db.$transaction(async (tx) => {
            await tx.noticeEntry.updateMany({ where: { caseId, withdrawnAt: null }, data: { withdrawnAt: when } });
            await publishCorrection(tx, caseId, 'notice-withdrawn', reason, when);
          });
          break;
        case 'revoke-announcement':
          await publishCorrection(db, caseId, 'announcement-revoked', reason, when);
          break;
        case 'revoke-winner':
          result = await revokeWinner(db, caseId, campaignId, when);
          break;
        case 'notify-parties':
          result = await notifyUnit(db, caseId, reason);
          break;
      }
      const recorded = await db.auditEntry.findFirst({ where: { caseId, action: `compensation:${action}` } });
      if (!recorded) await appendAuditEntry(db, { action: `compensation:${action}`, caseId, at: when, details: { reason, ...result } });
      return result;
    },
  };
}
