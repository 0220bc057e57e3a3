import { appendAuditEntry } from '../db/audit-log';
import type { Db } from '../db/client';
import { compensationRecorded, revokeAnnouncement, revokeDecision, revokeWinner, unitToNotify, withdrawFromNotice } from '../db/compensations';
import { queueEmail } from '../db/outbox';
import { renderDisqualificationNotice } from '../mail/templates';
import type { CompensationRequest, CompensationResult } from '../workflows/contract';

/** Tells the recommending unit's accounts; the applicant hears through the case's own status email. */
async function notifyUnit(db: Db, caseId: string, reason: string): Promise<CompensationResult> {
  const { nomineeName, campaignTitle, emails } = await unitToNotify(db, caseId);
  const mail = renderDisqualificationNotice({ caseId, nomineeName, campaignTitle, reason });
  const outboxIds: string[] = [];
  for (const recipient of emails)
    outboxIds.push(await queueEmail(db, { about: caseId, occasion: 'disqualified', template: 'unit-notice:disqualified', recipient, caseId, ...mail }));
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
          await withdrawFromNotice(db, caseId, reason, when);
          break;
        case 'revoke-announcement':
          await revokeAnnouncement(db, caseId, reason, when);
          break;
        case 'revoke-winner':
          result = await revokeWinner(db, caseId, campaignId, when);
          break;
        case 'notify-parties':
          result = await notifyUnit(db, caseId, reason);
          break;
      }
      const audited = `compensation:${action}`;
      if (!(await compensationRecorded(db, caseId, audited))) await appendAuditEntry(db, { action: audited, caseId, at: when, details: { reason, ...result } });
      return result;
    },
  };
}
