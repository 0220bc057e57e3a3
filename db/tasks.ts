import { maskedPhoneOf } from '../domain/personal-data';
import { caseSearch } from './cases';
import type { Prisma } from '../generated/prisma-sqlite';
import type { Db } from './client';

/** A task with the case facts its access checks need. */
export async function findTask(db: Db, id: string) {
  return db.task.findUnique({ where: { id }, include: { case: { select: { recommendingUnit: true, workflowId: true } } } });
}

export async function taskById(db: Db, id: string) {
  return db.task.findUniqueOrThrow({ where: { id } });
}

export interface InboxFilter {
  /** Groups other than the committee, in the campaigns the user serves (empty: every campaign). */
  groups: string[];
  servedCampaigns: string[];
  /** Campaigns whose committee tasks the user may take: those whose committee they sit on. */
  committeeCampaigns: string[];
  /** The secretariat also sees every review task escalated past its deadline. */
  withEscalated: boolean;
  /** A committee member no longer sees the tasks they voted on. */
  excludeVotedBy?: string;
  /** Reviewers do not see cases recommended by their own unit (recusal). */
  notOfUnit?: string;
  /** Part of the nominee's name or of the case number. */
  q?: string;
  kind?: string;
  field?: string;
  campaignId?: string;
  overdue?: boolean;
  claimedBy?: string | null;
  now: Date;
}

type InboxTask = Awaited<ReturnType<typeof inboxTerm>>[number];

// Soonest due first; among equals, media awards first (the notice's priority for the shortlist).
const INBOX_ORDER = [{ dueAt: 'asc' }, { priority: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }] satisfies Prisma.TaskOrderByWithRelationInput[];

function inboxOrder(a: InboxTask, b: InboxTask): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || b.priority - a.priority || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function inboxTerm(db: Db, access: Prisma.TaskWhereInput, f: InboxFilter, take: number) {
  return db.task.findMany({
    where: {
      status: 'open',
      ...access,
      ...(f.excludeVotedBy && { votes: { none: { memberId: f.excludeVotedBy } } }),
      ...((f.notOfUnit || f.q) && { case: { ...(f.notOfUnit && { recommendingUnit: { not: f.notOfUnit } }), ...caseSearch(f.q) } }),
      ...(f.kind && { kind: f.kind }),
      ...(f.field && { field: f.field }),
      ...(f.overdue === true && { dueAt: { lt: f.now } }),
      ...(f.overdue === false && { dueAt: { gte: f.now } }),
      ...(f.claimedBy !== undefined && { claimedBy: f.claimedBy }),
    },
    orderBy: INBOX_ORDER,
    take,
  });
}

/** A term's campaigns: the user's there (none: every one), narrowed to the one asked for; null when that one is not theirs. */
function inCampaigns(campaigns: string[], asked: string | undefined): Prisma.TaskWhereInput | null {
  if (asked) return campaigns.length && !campaigns.includes(asked) ? null : { campaignId: asked };
  return campaigns.length ? { campaignId: { in: campaigns } } : {};
}

/** Where the user's tasks are: each of their groups, the committees they sit on, and for the secretariat the escalated ones. */
function accessTerms(f: InboxFilter): Prisma.TaskWhereInput[] {
  const terms: Prisma.TaskWhereInput[] = [];
  const served = inCampaigns(f.servedCampaigns, f.campaignId);
  if (served) for (const group of f.groups) terms.push({ candidateGroup: group, ...served });
  const committees = f.committeeCampaigns.length ? inCampaigns(f.committeeCampaigns, f.campaignId) : null;
  if (committees) terms.push({ candidateGroup: 'committee', ...committees });
  if (f.withEscalated) terms.push({ escalatedAt: { not: null }, ...(f.campaignId && { campaignId: f.campaignId }) });
  return terms;
}

/**
 * The user's open tasks, soonest due first, at most `take`. One query per place their tasks are,
 * each read in the order of an index and stopped at `take`, then merged: one query over their
 * union sorted every open task first (29 ms with 40,000 open).
 */
export async function inboxTasks(db: Db, f: InboxFilter, take = 500) {
  const found = (await Promise.all(accessTerms(f).map((term) => inboxTerm(db, term, f, take)))).flat();
  const unique = [...new Map(found.map((t) => [t.id, t])).values()];
  return withMaskedPhones(db, unique.sort(inboxOrder).slice(0, take));
}

/** A task opened before it kept the masked phone reads it from its case's form. */
async function withMaskedPhones<T extends { caseId: string; maskedPhone: string | null }>(db: Db, tasks: T[]): Promise<(T & { maskedPhone: string })[]> {
  const older = [...new Set(tasks.filter((t) => t.maskedPhone === null).map((t) => t.caseId))];
  const forms = older.length ? await db.case.findMany({ where: { id: { in: older } }, select: { id: true, form: true } }) : [];
  const phoneOf = new Map(forms.map((c) => [c.id, maskedPhoneOf(c.form) ?? '']));
  return tasks.map((t) => ({ ...t, maskedPhone: t.maskedPhone ?? phoneOf.get(t.caseId) ?? '' }));
}

/** Claims an open task unless someone else holds it; answers whether the claim took. */
export async function claimTask(db: Db, id: string, userId: string, at: Date): Promise<boolean> {
  const claimed = await db.task.updateMany({ where: { id, status: 'open', OR: [{ claimedBy: null }, { claimedBy: userId }] }, data: { claimedBy: userId, claimedAt: at } });
  return claimed.count > 0;
}

/** Releases the user's own claim; answers whether there was one. */
export async function releaseTask(db: Db, id: string, userId: string): Promise<boolean> {
  const released = await db.task.updateMany({ where: { id, claimedBy: userId }, data: { claimedBy: null, claimedAt: null } });
  return released.count > 0;
}
