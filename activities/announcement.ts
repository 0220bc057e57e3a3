import { heartbeat } from '@temporalio/activity';
import { casesAwaitingAnnouncement, markAnnounced } from '../db/announcement';
import { appendAuditEntry } from '../db/audit-log';
import type { Db } from '../db/client';
import type { CaseWorkflows } from '../gateway/case-workflows';
import type { AnnouncementActivities } from '../workflows/contract';

/** The announcement's activities: tell each waiting case, then record that it was made. */
export function createAnnouncementActivities({ db, cases }: { db: Db; cases: CaseWorkflows }): AnnouncementActivities {
  return {
    async announceWaitingCases({ campaignId, announcedAt }) {
      const waiting = await casesAwaitingAnnouncement(db, campaignId);
      // A retry signals again: a case already announced ignores the second signal.
      for (const caseId of waiting) {
        await cases.announce(caseId, announcedAt);
        heartbeat();
      }
      return waiting.length;
    },
    async recordAnnouncement({ campaignId, announcedAt, cases: count }) {
      if (await markAnnounced(db, campaignId, new Date(announcedAt)))
        await appendAuditEntry(db, { action: 'announcement-made', at: new Date(announcedAt), details: { campaignId, cases: count } });
    },
  };
}
