import type { CampaignField, UnitKindRule } from '../domain/campaign-config';
import { SELECTION_POOL_STATUS } from '../domain/ranking';
import { REVIEW_STEPS } from '../domain/tasks';
import type { Prisma } from '../generated/prisma-sqlite';
import type { Db, Tx } from './client';
import { directSql } from './client';

type CampaignRow = Prisma.CampaignGetPayload<{ include: { committee: { select: { userId: true } } } }>;

/** A campaign with its configuration read out of storage: fields, unit kinds, criteria and committee. */
export type CampaignRecord = Omit<CampaignRow, 'fields' | 'unitKinds' | 'criteria' | 'committee'> & {
  fields: CampaignField[];
  unitKinds: UnitKindRule[];
  criteria: string[];
  /** The user ids of its committee. */
  committee: string[];
};

const WITH_COMMITTEE = { committee: { select: { userId: true }, orderBy: { addedAt: 'asc' } } } as const;

function toCampaign(row: CampaignRow): CampaignRecord {
  return {
    ...row,
    fields: JSON.parse(row.fields) as CampaignField[],
    unitKinds: JSON.parse(row.unitKinds) as UnitKindRule[],
    criteria: JSON.parse(row.criteria) as string[],
    committee: row.committee.map((m) => m.userId),
  };
}

export async function findCampaign(db: Db | Tx, id: string): Promise<CampaignRecord | null> {
  const row = await db.campaign.findUnique({ where: { id }, include: WITH_COMMITTEE });
  return row && toCampaign(row);
}

export async function isCampaignCodeTaken(db: Db, code: string): Promise<boolean> {
  return (await db.campaign.findUnique({ where: { code }, select: { id: true } })) !== null;
}

export interface CampaignSettings {
  title: string;
  winnerCap: number;
  publicNoticePeriod: string;
  committeeQuorum: number;
  fields: CampaignField[];
  unitKinds: UnitKindRule[];
  criteria: string[];
  selfNomination: boolean;
  /** User ids. */
  committee: string[];
}

export interface NewCampaign extends CampaignSettings {
  code: string;
  submissionDeadline: Date;
  reviewDeadline: Date;
  copiedFrom?: string;
}

const stored = (c: Partial<CampaignSettings>) => ({
  ...(c.title !== undefined && { title: c.title }),
  ...(c.winnerCap !== undefined && { winnerCap: c.winnerCap }),
  ...(c.publicNoticePeriod !== undefined && { publicNoticePeriod: c.publicNoticePeriod }),
  ...(c.committeeQuorum !== undefined && { committeeQuorum: c.committeeQuorum }),
  ...(c.fields && { fields: JSON.stringify(c.fields) }),
  ...(c.unitKinds && { unitKinds: JSON.stringify(c.unitKinds) }),
  ...(c.criteria && { criteria: JSON.stringify(c.criteria) }),
  ...(c.selfNomination !== undefined && { selfNomination: c.selfNomination }),
});

/** A campaign's id is its code: the one the secretariat chose, readable in every URL. */
export async function insertCampaign(db: Db, c: NewCampaign): Promise<CampaignRecord> {
  return db.$transaction(async (tx) => {
    await tx.campaign.create({
      data: { id: c.code, code: c.code, submissionDeadline: c.submissionDeadline, reviewDeadline: c.reviewDeadline, copiedFrom: c.copiedFrom ?? null, ...stored(c), title: c.title },
    });
    await tx.committeeMember.createMany({ data: c.committee.map((userId) => ({ campaignId: c.code, userId })) });
    return (await findCampaign(tx, c.code))!;
  });
}

/** Changes the settings given (the committee replaced as a whole when given), in one transaction. */
export async function updateCampaign(db: Db, id: string, change: Partial<CampaignSettings>): Promise<CampaignRecord> {
  return db.$transaction(async (tx) => {
    await tx.campaign.update({ where: { id }, data: stored(change) });
    if (change.committee) {
      await tx.committeeMember.deleteMany({ where: { campaignId: id, userId: { notIn: change.committee } } });
      const present = new Set((await tx.committeeMember.findMany({ where: { campaignId: id }, select: { userId: true } })).map((m) => m.userId));
      await tx.committeeMember.createMany({ data: change.committee.filter((u) => !present.has(u)).map((userId) => ({ campaignId: id, userId })) });
    }
    return (await findCampaign(tx, id))!;
  });
}

/** The campaigns whose committee the user sits on. */
export async function committeesOf(db: Db, userId: string): Promise<string[]> {
  // Direct SQL (db/direct-sql.ts): every committee member's request reads it.
  const seats = await directSql(db).rows<{ campaignId: string }>('SELECT "campaignId" FROM "CommitteeMember" WHERE "userId" = ?', [userId]);
  return seats.map((m) => m.campaignId);
}

/** How many cases the campaign has in each of its fields, and how many each unit has used of its quota. */
export async function campaignUsage(db: Db, campaignId: string) {
  const byField = await db.case.groupBy({ by: ['field'], where: { campaignId }, _count: { _all: true } });
  const quotas = await db.quotaUsage.findMany({ where: { campaignId, used: { gt: 0 } } });
  return { casesByField: new Map(byField.map((g) => [g.field, g._count._all])), quotaUsed: new Map(quotas.map((q) => [q.unitKey, q.used])) };
}

/** Every campaign, the latest submission deadline first. */
export async function campaignsByDeadline(db: Db): Promise<CampaignRecord[]> {
  return (await db.campaign.findMany({ orderBy: { submissionDeadline: 'desc' }, include: WITH_COMMITTEE })).map(toCampaign);
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
    await tx.campaign.update({ where: { id: campaignId }, data: { ...deadlines, deadlinesVersion: { increment: 1 } } });
    await tx.task.updateMany({
      where: { campaignId, status: 'open', kind: { in: [...REVIEW_STEPS] } },
      data: { dueAt: deadlines.reviewDeadline, ...(liftEscalation && { escalatedAt: null }) },
    });
    return (await findCampaign(tx, campaignId))!;
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

/** The winners in rank order: cases in public notice, past it, or announced. */
export async function winnersInRankOrder(db: Db, campaignId: string) {
  // Only what the public notice shows, and the committee's rank and score: no phone, age or email is read.
  return db.case.findMany({
    where: { campaignId, status: { in: ['public-notice', 'notice-ended', 'announced'] } },
    select: { rank: true, nomineeName: true, recommendingUnit: true, field: true, category: true, score: true },
    orderBy: [{ rank: 'asc' }, { id: 'asc' }],
  });
}

/** The units holding these quota keys (`unit:<id>`), by key. */
export async function unitsOfQuotaKeys(db: Db, keys: readonly string[]): Promise<Map<string, { name: string; kind: string }>> {
  const ids = keys.filter((k) => k.startsWith('unit:')).map((k) => k.slice('unit:'.length));
  const units = await db.unit.findMany({ where: { id: { in: ids } } });
  return new Map(units.map((u) => [`unit:${u.id}`, { name: u.name, kind: u.kind }]));
}
