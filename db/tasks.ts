import { caseSearch } from './cases';
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

export async function inboxTasks(db: Db, f: InboxFilter, take = 500) {
  return db.task.findMany({
    where: {
      status: 'open',
      OR: [
        { candidateGroup: { in: f.groups }, ...(f.servedCampaigns.length && { campaignId: { in: f.servedCampaigns } }) },
        ...(f.committeeCampaigns.length ? [{ candidateGroup: 'committee', campaignId: { in: f.committeeCampaigns } }] : []),
        ...(f.withEscalated ? [{ escalatedAt: { not: null } }] : []),
      ],
      ...(f.excludeVotedBy && { votes: { none: { memberId: f.excludeVotedBy } } }),
      ...((f.notOfUnit || f.q) && { case: { ...(f.notOfUnit && { recommendingUnit: { not: f.notOfUnit } }), ...caseSearch(f.q) } }),
      ...(f.kind && { kind: f.kind }),
      ...(f.field && { field: f.field }),
      ...(f.campaignId && { campaignId: f.campaignId }),
      ...(f.overdue === true && { dueAt: { lt: f.now } }),
      ...(f.overdue === false && { dueAt: { gte: f.now } }),
      ...(f.claimedBy !== undefined && { claimedBy: f.claimedBy }),
    },
    // Soonest due first; among equals, media awards first (the notice's priority for the shortlist).
    orderBy: [{ dueAt: 'asc' }, { priority: 'desc' }, { createdAt: 'asc' }],
    include: { case: { select: { form: true } } },
    take,
  });
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
