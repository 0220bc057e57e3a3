import { parseIsoDuration } from '../domain/duration';
import { SELECTION_POOL_STATUS, rankSelectionPool } from '../domain/ranking';
import type { RankedCase, RoundResult } from '../workflows/contract';
import type { Db } from './client';
import { directSql } from './client';
import type { SqlTx, SqlValue } from './direct-sql';
import { booleanOf, timeOrNullOf } from './raw-values';

export class BadNoticePeriod extends Error {}

interface CampaignRound {
  roundClosedAt: Date | string | null;
  noticeEndsAt: Date | string | null;
  publicNoticePeriod: string;
  winnerCap: number;
}

/**
 * Ranks the campaign's selection pool and stores the outcome, once: a retry, or a second close,
 * returns the stored outcome instead of ranking again. The campaign row is written first, so this
 * and a case entering the pool never interleave. Direct SQL (db/direct-sql.ts), so the ranks and
 * the cases' time of change go in one statement per 500 cases.
 */
export async function closeCommitteeRound(db: Db, campaignId: string, closedAt: Date): Promise<RoundResult> {
  return directSql(db).transaction(async (tx) => {
    await tx.run('UPDATE "Campaign" SET "selectionLock" = "selectionLock" + 1, "updatedAt" = ? WHERE "id" = ?', [closedAt, campaignId]);
    const [campaign] = await tx.rows<CampaignRound>('SELECT "roundClosedAt", "noticeEndsAt", "publicNoticePeriod", "winnerCap" FROM "Campaign" WHERE "id" = ?', [campaignId]);
    if (!campaign) throw new Error(`campaign ${campaignId} not found`);
    const storedEnd = timeOrNullOf(campaign.noticeEndsAt);
    if (campaign.roundClosedAt !== null && storedEnd) return storedRound(tx, campaignId, storedEnd);
    const period = parseIsoDuration(campaign.publicNoticePeriod);
    if (period === null) throw new BadNoticePeriod(`campaign ${campaignId} has no valid notice period`);
    const pool = await tx.rows<{ id: string; score: number | null }>('SELECT "id", "score" FROM "Case" WHERE "campaignId" = ? AND "status" = ?', [campaignId, SELECTION_POOL_STATUS]);
    const { ranked, winners, notSelected } = rankSelectionPool(pool, Number(campaign.winnerCap));
    await storeRanks(tx, ranked, new Set(winners), closedAt);
    const noticeEndsAt = new Date(closedAt.getTime() + period);
    await tx.run('UPDATE "Campaign" SET "roundClosedAt" = ?, "noticeEndsAt" = ? WHERE "id" = ?', [closedAt, noticeEndsAt, campaignId]);
    return { winners, notSelected, noticeEndsAt: noticeEndsAt.toISOString(), ranks: Object.fromEntries(ranked.map((c) => [c.caseId, c.rank])) };
  });
}

/** The outcome stored by the first close; null while the round is open. */
export async function storedCommitteeRound(db: Db, campaignId: string): Promise<RoundResult | null> {
  const [campaign] = await directSql(db).rows<{ noticeEndsAt: Date | string | null }>('SELECT "noticeEndsAt" FROM "Campaign" WHERE "id" = ? AND "roundClosedAt" IS NOT NULL', [campaignId]);
  const noticeEndsAt = timeOrNullOf(campaign?.noticeEndsAt ?? null);
  return noticeEndsAt && storedRound(directSql(db), campaignId, noticeEndsAt);
}

async function storedRound(sql: Pick<SqlTx, 'rows'>, campaignId: string, noticeEndsAt: Date): Promise<RoundResult> {
  const ranked = await sql.rows<RankedRow>(`SELECT ${RANKED_COLUMNS} FROM "Case" WHERE "campaignId" = ? AND "selected" IS NOT NULL ORDER BY "rank" ASC, "id" ASC`, [campaignId]);
  return {
    winners: ranked.filter((c) => booleanOf(c.selected)).map((c) => c.id),
    notSelected: ranked.filter((c) => !booleanOf(c.selected)).map((c) => c.id),
    noticeEndsAt: noticeEndsAt.toISOString(),
    ranks: Object.fromEntries(ranked.map((c) => [c.id, Number(c.rank ?? 0)])),
  };
}

interface RankedRow {
  id: string;
  rank: number | null;
  selected: boolean | number;
}
const RANKED_COLUMNS = '"id", "rank", "selected"';

/**
 * The closed round's ranked cases in order of rank, `limit` of them after `after`: the round's
 * workflow tells a page at a time, so no single result or history grows with the campaign.
 */
export async function rankedCasesPage(db: Db, campaignId: string, after: RankedCase | null, limit: number): Promise<RankedCase[]> {
  const [past, pastParams] = after ? [' AND ("rank" > ? OR ("rank" = ? AND "id" > ?))', [after.rank, after.rank, after.caseId]] : ['', []];
  const rows = await directSql(db).rows<RankedRow>(
    `SELECT ${RANKED_COLUMNS} FROM "Case" WHERE "campaignId" = ? AND "selected" IS NOT NULL${past} ORDER BY "rank" ASC, "id" ASC LIMIT ?`,
    [campaignId, ...pastParams, limit],
  );
  return rows.map((c) => ({ caseId: c.id, rank: Number(c.rank ?? 0), selected: booleanOf(c.selected) }));
}

/** Cases ranked a statement: well within both databases' limits on parameters (3 each). */
const RANKS_PER_STATEMENT = 500;

/**
 * Each ranked case's rank, whether it was selected and its time of change, a statement for 500
 * cases: one update per case took 2.7 s on SQLite for 10,000 cases and on PostgreSQL outlasted the
 * transaction's time, so a national-scale round could never close.
 */
async function storeRanks(tx: SqlTx, ranked: readonly { caseId: string; rank: number }[], winners: ReadonlySet<string>, at: Date): Promise<void> {
  for (let i = 0; i < ranked.length; i += RANKS_PER_STATEMENT) {
    const batch = ranked.slice(i, i + RANKS_PER_STATEMENT);
    const values = batch.map(() => '(?, CAST(? AS INTEGER), CAST(? AS BOOLEAN))').join(', ');
    const params: SqlValue[] = [at, ...batch.flatMap((c) => [c.caseId, c.rank, winners.has(c.caseId)])];
    await tx.run(`UPDATE "Case" SET "rank" = v.column2, "selected" = v.column3, "updatedAt" = ? FROM (VALUES ${values}) AS v WHERE "Case"."id" = v.column1`, params);
  }
}
