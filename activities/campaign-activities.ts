import { appendAuditEntry } from '../db/audit-log';
import type { Db } from '../db/client';
import { ACTIVE_STATUSES } from '../domain/statuses';
import { REVIEW_STEPS, TASK_KINDS, candidateGroup } from '../domain/tasks';
import { TASK_KIND_LABELS } from '../domain/vocabulary';
import type { TaskKind } from '../domain/tasks';
import type { CampaignActivities, Deadlines } from '../workflows/contract';
import { queueEmail } from './outbox';

export function createCampaignActivities({ db }: { db: Db }): CampaignActivities {
  return {
    async loadCampaignDeadlines(campaignId: string): Promise<Deadlines> {
      const c = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
      return { submissionDeadline: c.submissionDeadline.toISOString(), reviewDeadline: c.reviewDeadline.toISOString(), version: c.deadlinesVersion };
    },

    /** Cases still running, which must follow a change of the campaign's dates. */
    async listActiveCases(campaignId: string): Promise<string[]> {
      const rows = await db.case.findMany({ where: { campaignId, status: { in: [...ACTIVE_STATUSES] }, lastSeq: { gt: 0 } }, select: { id: true } });
      return rows.map((r) => r.id);
    },

    /**
     * Queues one reminder per reviewer whose group has review tasks open, `daysBefore` the review
     * deadline. Keyed by deadline and day, so a moved deadline reminds again and a retry never does.
     */
    async sendReviewReminders({ campaignId, reviewDeadline, daysBefore }: { campaignId: string; reviewDeadline: string; daysBefore: number }): Promise<string[]> {
      const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
      const open = await db.task.groupBy({ by: ['candidateGroup', 'kind'], where: { campaignId, status: 'open', kind: { in: [...REVIEW_STEPS] } }, _count: true });
      if (open.length === 0) return [];
      const users = await db.user.findMany({ where: { disabled: false, email: { not: null } } });
      const outboxIds: string[] = [];
      for (const user of users) {
        const roles = JSON.parse(user.roles) as string[];
        const fields = JSON.parse(user.fields) as string[];
        const mine = open.filter(({ candidateGroup: group, kind }) => {
          const rule = TASK_KINDS[kind as TaskKind];
          return roles.includes(rule.role) && (rule.byField ? fields.some((f) => candidateGroup(kind as TaskKind, f) === group) : true);
        });
        if (mine.length === 0) continue;
        const key = `campaign:${campaignId}:reminder:${reviewDeadline}:${daysBefore}d:${user.email}`;
        const lines = mine.map((m) => `- ${TASK_KIND_LABELS[m.kind as TaskKind].zh} / ${TASK_KIND_LABELS[m.kind as TaskKind].en}: ${m._count}`);
        outboxIds.push(
          await queueEmail(db, {
            key,
            caseId: `campaign:${campaignId}`,
            template: `review-reminder:${daysBefore}d`,
            recipient: user.email!,
            subject: `【${campaign.title}】评审截止还有 ${daysBefore} 天 / Review deadline in ${daysBefore} day(s)`,
            text: [`评审截止时间：${reviewDeadline}。您仍有待办的评审任务：`, `Review deadline ${reviewDeadline}. Your open review tasks:`, ...lines].join('\n'),
          }),
        );
      }
      return outboxIds;
    },

    /** At the review deadline every review task still open is marked overdue and put before the secretariat. */
    async escalateOverdueTasks({ campaignId, reviewDeadline, at }: { campaignId: string; reviewDeadline: string; at: string }): Promise<number> {
      const { count } = await db.task.updateMany({
        where: { campaignId, status: 'open', kind: { in: [...REVIEW_STEPS] }, escalatedAt: null, dueAt: { lte: new Date(reviewDeadline) } },
        data: { escalatedAt: new Date(at) },
      });
      if (count > 0) await appendAuditEntry(db, { action: 'tasks-escalated', details: { campaignId, reviewDeadline, count } });
      return count;
    },
  };
}
