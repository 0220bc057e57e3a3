import { parseIsoDuration } from '../domain/duration';
import { SELECTION_POOL_STATUS, rankSelectionPool } from '../domain/ranking';
import type { RoundResult } from '../workflows/contract';
import { Prisma } from '../generated/prisma-sqlite';
import type { Db, Tx } from './client';

export class BadNoticePeriod extends Error {}

/**
 * Ranks the campaign's selection pool and stores the outcome, once: a retry, or a second close,
 * returns the stored outcome instead of ranking again. The campaign row is written first, so this
 * and a case entering the pool never interleave.
 */
export async function closeCommitteeRound(db: Db, campaignId: string, closedAt: Date): Promise<RoundResult> {
  return db.$transaction(async (tx) => {
    const campaign = await tx.campaign.update({ where: { id: campaignId }, data: { selectionLock: { increment: 1 } } });
    if (campaign.roundClosedAt && campaign.noticeEndsAt) {
      const ranked = await tx.case.findMany({ where: { campaignId, selected: { not: null } }, orderBy: [{ rank: 'asc' }, { id: 'asc' }] });
      return {
        winners: ranked.filter((c) => c.selected).map((c) => c.id),
        notSelected: ranked.filter((c) => !c.selected).map((c) => c.id),
        noticeEndsAt: campaign.noticeEndsAt.toISOString(),
        ranks: Object.fromEntries(ranked.map((c) => [c.id, c.rank ?? 0])),
      };
    }
    const period = parseIsoDuration(campaign.publicNoticePeriod);
    if (period === null) throw new BadNoticePeriod(`campaign ${campaignId} has no valid notice period`);
    const pool = await tx.case.findMany({ where: { campaignId, status: SELECTION_POOL_STATUS }, select: { id: true, score: true } });
    const { ranked, winners, notSelected } = rankSelectionPool(pool, campaign.winnerCap);
    await storeRanks(tx, ranked, new Set(winners));
    await tx.case.updateMany({ where: { campaignId, status: SELECTION_POOL_STATUS }, data: { updatedAt: closedAt } });
    const noticeEndsAt = new Date(closedAt.getTime() + period);
    await tx.campaign.update({ where: { id: campaignId }, data: { roundClosedAt: closedAt, noticeEndsAt } });
    return { winners, notSelected, noticeEndsAt: noticeEndsAt.toISOString(), ranks: Object.fromEntries(ranked.map((c) => [c.caseId, c.rank])) };
  }, ROUND_TRANSACTION);
}

/** Well inside the activity's minute: a large pool on a busy machine may take more than Prisma's default 5 s. */
const ROUND_TRANSACTION = { maxWait: 15_000, timeout: 40_000 };

/** Cases ranked a statement: well within both databases' limits on parameters (3 each). */
const RANKS_PER_STATEMENT = 500;

/**
 * Each ranked case's rank and whether it was selected, a statement for 500 cases: one update per
 * case took 2.7 s on SQLite for 10,000 cases and on PostgreSQL outlasted the transaction's time,
 * so a national-scale round could never close.
 */
async function storeRanks(tx: Tx, ranked: readonly { caseId: string; rank: number }[], winners: ReadonlySet<string>): Promise<void> {
  for (let i = 0; i < ranked.length; i += RANKS_PER_STATEMENT) {
    const rows = ranked.slice(i, i + RANKS_PER_STATEMENT).map((c) => Prisma.sql`(${c.caseId}, CAST(${c.rank} AS INTEGER), CAST(${winners.has(c.caseId)} AS BOOLEAN))`);
    await tx.$executeRaw`UPDATE "Case" SET "rank" = v.column2, "selected" = v.column3 FROM (VALUES ${Prisma.join(rows)}) AS v WHERE "Case"."id" = v.column1`;
  }
}
