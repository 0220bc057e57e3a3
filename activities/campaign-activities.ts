import { appendAuditEntry } from '../db/audit-log';
import { activeCaseIds, activeCaseIdsPage, campaignDeadlines, escalateOpenReviews, openReviewTaskCounts, reachableUsers } from '../db/campaign-clock';
import type { Db } from '../db/client';
import { queueEmail } from '../db/outbox';
import { TASK_KINDS, candidateGroup } from '../domain/tasks';
import type { TaskKind } from '../domain/tasks';
import { renderReviewReminder } from '../mail/templates';
import type { CampaignActivities } from '../workflows/contract';

export function createCampaignActivities({ db }: { db: Db }): CampaignActivities {
  return {
    async loadCampaignDeadlines(campaignId) {
      const { submissionDeadline, reviewDeadline, version } = await campaignDeadlines(db, campaignId);
      return { submissionDeadline, reviewDeadline, version };
    },

    listActiveCases: (campaignId) => activeCaseIds(db, campaignId),
    activeCasesPage: ({ campaignId, after, limit }) => activeCaseIdsPage(db, campaignId, after, limit),

    /** Queues one reminder per reviewer whose group has review tasks open, `daysBefore` the review deadline. */
    async sendReviewReminders({ campaignId, reviewDeadline, daysBefore }) {
      const open = await openReviewTaskCounts(db, campaignId);
      if (open.length === 0) return [];
      const { title } = await campaignDeadlines(db, campaignId);
      const outboxIds: string[] = [];
      for (const user of await reachableUsers(db)) {
        const mine = open.filter(({ group, kind }) => {
          const rule = TASK_KINDS[kind as TaskKind];
          return user.roles.includes(rule.role) && (rule.byField ? user.fields.some((f) => candidateGroup(kind as TaskKind, f) === group) : true);
        });
        if (mine.length === 0) continue;
        const mail = renderReviewReminder({ campaignTitle: title, reviewDeadline, daysBefore, openTasks: mine.map((m) => ({ kind: m.kind as TaskKind, count: m.count })) });
        // Keyed by deadline and day: a moved deadline reminds again, a retry never does.
        outboxIds.push(
          await queueEmail(db, { about: `campaign:${campaignId}`, occasion: reviewDeadline, template: `review-reminder:${daysBefore}d`, recipient: user.email, caseId: `campaign:${campaignId}`, ...mail }),
        );
      }
      return outboxIds;
    },

    /** At the review deadline every review task still open is marked overdue and put before the secretariat. */
    async escalateOverdueTasks({ campaignId, reviewDeadline, at }) {
      const count = await escalateOpenReviews(db, campaignId, new Date(reviewDeadline), new Date(at));
      if (count > 0) await appendAuditEntry(db, { action: 'tasks-escalated', details: { campaignId, reviewDeadline, count } });
      return count;
    },
  };
}
