import type { Db } from './client';
import { outboxBacklog } from './outbox';

export interface CountBy<K extends string> {
  labels: Record<K, string>;
  count: number;
}

/** What an operator watches, counted in the database at the moment of a scrape. */
export interface OperationalCounts {
  openTasks: CountBy<'kind'>[];
  /** Open tasks past their due time, by kind. */
  overdueTasks: CountBy<'kind'>[];
  /** Cases by status, per campaign (named by its code). */
  cases: CountBy<'campaign' | 'status'>[];
  outbox: { queued: number; failing: number; failed: number; oldestQueuedAt: Date | null };
}

export async function operationalCounts(db: Db, now: Date): Promise<OperationalCounts> {
  const [open, overdue, cases, campaigns, outbox] = await Promise.all([
    db.task.groupBy({ by: ['kind'], where: { status: 'open' }, _count: { _all: true } }),
    db.task.groupBy({ by: ['kind'], where: { status: 'open', dueAt: { lt: now } }, _count: { _all: true } }),
    db.case.groupBy({ by: ['campaignId', 'status'], _count: { _all: true } }),
    db.campaign.findMany({ select: { id: true, code: true } }),
    outboxBacklog(db),
  ]);
  const codeOf = new Map(campaigns.map((c) => [c.id, c.code]));
  return {
    openTasks: open.map((g) => ({ labels: { kind: g.kind }, count: g._count._all })),
    overdueTasks: overdue.map((g) => ({ labels: { kind: g.kind }, count: g._count._all })),
    cases: cases.map((g) => ({ labels: { campaign: codeOf.get(g.campaignId) ?? g.campaignId, status: g.status }, count: g._count._all })),
    outbox: { queued: outbox.queued, failing: outbox.failing, failed: outbox.failed, oldestQueuedAt: outbox.oldestQueuedAt },
  };
}
