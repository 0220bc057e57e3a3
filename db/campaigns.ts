import { SELECTION_POOL_STATUS } from '../domain/ranking';
import { REVIEW_STEPS } from '../domain/tasks';
import type { Db } from './client';

export async function findCampaign(db: Db, id: string) {
  return db.campaign.findUnique({ where: { id } });
}

export type CampaignRecord = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

export async function isCampaignCodeTaken(db: Db, code: string): Promise<boolean> {
  return (await db.campaign.findUnique({ where: { code }, select: { id: true } })) !== null;
}

export interface NewCampaign {
  code: string;
  title: string;
  submissionDeadline: Date;
  reviewDeadline: Date;
  winnerCap: number;
  publicNoticePeriod: string;
  committeeQuorum: number;
  quotas: { association: number; memberUnit: number; branch: number };
}

/** A campaign's id is its code: the one the secretariat chose, readable in every URL. */
export async function insertCampaign(db: Db, c: NewCampaign): Promise<CampaignRecord> {
  return db.campaign.create({
    data: {
      id: c.code,
      code: c.code,
      title: c.title,
      submissionDeadline: c.submissionDeadline,
      reviewDeadline: c.reviewDeadline,
      winnerCap: c.winnerCap,
      publicNoticePeriod: c.publicNoticePeriod,
      committeeQuorum: c.committeeQuorum,
      quotaAssociation: c.quotas.association,
      quotaMemberUnit: c.quotas.memberUnit,
      quotaBranch: c.quotas.branch,
    },
  });
}

/** Every campaign, the latest submission deadline first. */
export async function campaignsByDeadline(db: Db): Promise<CampaignRecord[]> {
  return db.campaign.findMany({ orderBy: { submissionDeadline: 'desc' } });
}

/**
 * Sets both deadlines and bumps their version, in one transaction with the open review tasks,
 * which are due at the review deadline and follow it; `liftEscalation` clears their escalation.
 */
export async function moveDeadlines(
  db: Db,
  campaignId: string,
  deadlines: { submissionDeadline: Date; reviewDeadline: Date },
  liftEscalation: boolean,
): Promise<CampaignRecord> {
  return db.$transaction(async (tx) => {
    const row = await tx.campaign.update({
      where: { id: campaignId },
      data: { ...deadlines, deadlinesVersion: { increment: 1 } },
    });
    await tx.task.updateMany({
      where: { campaignId, status: 'open', kind: { in: [...REVIEW_STEPS] } },
      data: { dueAt: deadlines.reviewDeadline, ...(liftEscalation && { escalatedAt: null }) },
    });
    return row;
  });
}

const RANKING_COLUMNS = {
  id: true, nomineeName: true, recommendingUnit: true, field: true, category: true, score: true, mediaAwardCount: true, submittedAt: true, rank: true, selected: true,
} as const;

/** The cases the committee round ranks, with what the ranking and its preview show. */
export async function selectionPool(db: Db, campaignId: string) {
  return db.case.findMany({ where: { campaignId, status: SELECTION_POOL_STATUS }, select: RANKING_COLUMNS });
}

export type RankableCase = Awaited<ReturnType<typeof selectionPool>>[number];

/** What a closed round stored: every case it ranked (selected or not), in rank order. */
export async function roundOutcome(db: Db, campaignId: string): Promise<RankableCase[]> {
  return db.case.findMany({ where: { campaignId, selected: { not: null } }, orderBy: [{ rank: 'asc' }, { id: 'asc' }], select: RANKING_COLUMNS });
}

/** The winners in rank order: cases in public notice or announced. */
export async function winnersInRankOrder(db: Db, campaignId: string) {
  // Only what the public notice shows, and the committee's rank and score: no phone, age or email is read.
  return db.case.findMany({
    where: { campaignId, status: { in: ['public-notice', 'announced'] } },
    select: { rank: true, nomineeName: true, recommendingUnit: true, field: true, category: true, score: true },
    orderBy: [{ rank: 'asc' }, { id: 'asc' }],
  });
}
