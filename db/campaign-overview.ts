import type { CaseStatus } from '../domain/statuses';
import type { Db } from './client';

// The reads behind the campaign summary: counts, and the open objections and incidents with who they concern.

export interface CaseCounts {
  total: number;
  byStatus: Map<string, number>;
  byField: Map<string, number>;
}

export async function caseCounts(db: Db, campaignId: string): Promise<CaseCounts> {
  const [byStatus, byField] = await Promise.all([
    db.case.groupBy({ by: ['status'], where: { campaignId }, _count: { _all: true } }),
    db.case.groupBy({ by: ['field'], where: { campaignId }, _count: { _all: true } }),
  ]);
  return {
    total: byStatus.reduce((sum, g) => sum + g._count._all, 0),
    byStatus: new Map(byStatus.map((g) => [g.status, g._count._all])),
    byField: new Map(byField.map((g) => [g.field, g._count._all])),
  };
}

/** Objections not yet ruled on, oldest first. */
export async function unruledObjections(db: Db, campaignId: string) {
  return db.objection.findMany({ where: { campaignId, ruling: null }, orderBy: { lodgedAt: 'asc' } });
}

/** Open tasks of these kinds, oldest first. */
export async function openTasksOfKinds(db: Db, campaignId: string, kinds: readonly string[]) {
  return db.task.findMany({ where: { campaignId, status: 'open', kind: { in: [...kinds] } }, orderBy: { createdAt: 'asc' } });
}

/** Each case's nominee and recommending unit, by case id. */
export async function nomineesOf(db: Db, caseIds: readonly string[]): Promise<Map<string, { nomineeName: string; recommendingUnit: string }>> {
  const wanted = [...new Set(caseIds)];
  if (wanted.length === 0) return new Map();
  const cases = await db.case.findMany({ where: { id: { in: wanted } }, select: { id: true, nomineeName: true, recommendingUnit: true } });
  return new Map(cases.map((c) => [c.id, c]));
}

/**
 * Why each incident task was opened, by task id: a fraud investigation's report reason, or for a
 * compensation incident the note of the step that opened it (the same case, the same instant).
 */
export async function incidentReasons(db: Db, tasks: readonly { id: string; kind: string; caseId: string; createdAt: Date }[]): Promise<Map<string, string | null>> {
  const fraud = tasks.filter((t) => t.kind === 'fraud-investigation');
  const compensation = tasks.filter((t) => t.kind === 'compensation-incident');
  const [reports, notes] = await Promise.all([
    fraud.length ? db.fraudReport.findMany({ where: { taskId: { in: fraud.map((t) => t.id) } } }) : [],
    compensation.length ? db.timelineEntry.findMany({ where: { OR: compensation.map((t) => ({ caseId: t.caseId, at: t.createdAt })) } }) : [],
  ]);
  const reportReasons = new Map(reports.map((r) => [r.taskId, r.reason]));
  const reasons = new Map<string, string | null>();
  for (const t of fraud) reasons.set(t.id, reportReasons.get(t.id) ?? null);
  for (const t of compensation) reasons.set(t.id, notes.find((e) => e.caseId === t.caseId && e.at.getTime() === t.createdAt.getTime())?.note ?? null);
  return reasons;
}

/** The statuses of a case the committee round has not had its say on yet: a close now would pass it over. */
const IN_REVIEW: CaseStatus[] = ['seal-check', 'resubmission-requested', 'field-review', 'branch-shortlist', 'committee-review'];

/** The campaign's cases still in review before the round, counted by status. */
export async function casesStillInReview(db: Db, campaignId: string): Promise<{ total: number; byStatus: { status: CaseStatus; count: number }[] }> {
  const groups = await db.case.groupBy({ by: ['status'], where: { campaignId, status: { in: IN_REVIEW } }, _count: { _all: true } });
  const byStatus = IN_REVIEW.flatMap((status) => {
    const count = groups.find((g) => g.status === status)?._count._all ?? 0;
    return count ? [{ status, count }] : [];
  });
  return { total: byStatus.reduce((sum, g) => sum + g.count, 0), byStatus };
}
