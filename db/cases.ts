import type { CaseAccessFacts } from '../domain/access';
import type { Prisma } from '../generated/prisma-sqlite';
import type { Db } from './client';

/** A case with what its views and access checks need: tasks, timeline, sealed forms (newest first). */
export async function findCase(db: Db, caseId: string) {
  return db.case.findUnique({
    where: { id: caseId },
    include: { tasks: { orderBy: { createdAt: 'asc' } }, timeline: { orderBy: { seq: 'asc' } }, sealedForms: { orderBy: { uploadedAt: 'desc' } } },
  });
}

export type CaseRecord = NonNullable<Awaited<ReturnType<typeof findCase>>>;
export type TaskRecord = CaseRecord['tasks'][number];

/** What the access rules need to know of a case. */
export function accessFactsOf(kase: CaseRecord): CaseAccessFacts {
  return {
    id: kase.id,
    campaignId: kase.campaignId,
    field: kase.field,
    channel: kase.channel,
    submittedByUserId: kase.submittedByUserId,
    taskGroups: [...new Set(kase.tasks.map((t) => t.candidateGroup))],
  };
}

export async function findCaseStatus(db: Db, caseId: string) {
  return db.case.findUnique({ where: { id: caseId }, select: { id: true, workflowId: true, status: true } });
}

/** The case an applicant's access token opens, if any. */
export async function caseIdOfAccessToken(db: Db, tokenHash: string): Promise<string | null> {
  const kase = await db.case.findUnique({ where: { accessTokenHash: tokenHash }, select: { id: true } });
  return kase?.id ?? null;
}

/** Replaces the access token only if it is still the one the caller holds; answers whether it was. */
export async function replaceAccessToken(db: Db, caseId: string, currentHash: string | null, newHash: string): Promise<boolean> {
  const replaced = await db.case.updateMany({ where: { id: caseId, accessTokenHash: currentHash }, data: { accessTokenHash: newHash } });
  return replaced.count > 0;
}

export async function revokeAccessToken(db: Db, caseId: string): Promise<void> {
  await db.case.update({ where: { id: caseId }, data: { accessTokenHash: null } });
}

/**
 * Which cases a caller may list: all; or their own submissions, the cases of their task groups and
 * fields in the campaigns they serve (empty: every campaign), and the cases of the committees they sit on.
 */
export type CaseVisibility =
  | { everything: true }
  | { taskGroups: string[]; committeeCampaigns: string[]; servedCampaigns: string[]; submittedBy?: string; fields?: string[] };

function visibleWhere(v: CaseVisibility): Prisma.CaseWhereInput {
  if ('everything' in v) return {};
  const served: Prisma.CaseWhereInput = v.servedCampaigns.length ? { campaignId: { in: v.servedCampaigns } } : {};
  const or: Prisma.CaseWhereInput[] = [{ ...served, tasks: { some: { candidateGroup: { in: v.taskGroups } } } }];
  if (v.committeeCampaigns.length) or.push({ campaignId: { in: v.committeeCampaigns }, tasks: { some: { candidateGroup: 'committee' } } });
  if (v.submittedBy) or.push({ submittedByUserId: v.submittedBy });
  if (v.fields?.length) or.push({ ...served, field: { in: v.fields } });
  return { OR: or };
}

export interface CaseListFilter {
  visible: CaseVisibility;
  q?: string;
  campaignId?: string;
  status?: string;
  field?: string;
}

/** Cases whose nominee's name or case number contains `q`. */
export function caseSearch(q: string | undefined): Prisma.CaseWhereInput {
  return q ? { OR: [{ nomineeName: { contains: q } }, { id: { contains: q.toLowerCase() } }] } : {};
}

export async function listCases(db: Db, f: CaseListFilter, take = 1000) {
  return db.case.findMany({
    where: { AND: [visibleWhere(f.visible), caseSearch(f.q), { ...(f.campaignId && { campaignId: f.campaignId }), ...(f.status && { status: f.status }), ...(f.field && { field: f.field }) }] },
    orderBy: [{ submittedAt: 'desc' }, { id: 'asc' }],
    take,
  });
}

/** Cases stored while Temporal was out of reach, whose workflow never wrote a step. */
export async function casesWithoutWorkflow(db: Db, olderThan: Date, take = 500) {
  return db.case.findMany({ where: { lastSeq: 0, submittedAt: { lt: olderThan } }, select: { id: true, campaignId: true, channel: true }, take });
}
