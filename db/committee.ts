import type { Db } from './client';
import { directSql } from './client';
import type { SqlReader } from './direct-sql';
import { booleanOf } from './raw-values';

interface SeatRow {
  userId: string;
  username: string;
  displayName: string;
  unit: string | null;
  disabled: boolean | number | bigint;
}

const COMMITTEE_SEATS = `
  SELECT m."userId" AS "userId", u."username" AS "username", u."displayName" AS "displayName", n."name" AS "unit", u."disabled" AS "disabled"
  FROM "CommitteeMember" m JOIN "User" u ON u."id" = m."userId" LEFT JOIN "Unit" n ON n."id" = u."unitId"
  WHERE m."campaignId" = ?
  ORDER BY m."addedAt", m."userId"`;

/**
 * A campaign's committee members with what recusal needs: their unit's name, and whether they can
 * still vote. One join, not Prisma's three queries for the nested include: every step of every case
 * reads it for its quorum.
 */
export async function committeeOf(sql: SqlReader, campaignId: string) {
  const rows = await sql.rows<SeatRow>(COMMITTEE_SEATS, [campaignId]);
  return rows.map((m) => ({ userId: m.userId, username: m.username, displayName: m.displayName, unit: m.unit, active: !booleanOf(m.disabled) }));
}

export function committeeWithUnits(db: Db, campaignId: string) {
  return committeeOf(directSql(db), campaignId);
}

/** Cases of the campaign waiting for committee votes, with the unit that recommended each. */
export async function casesInCommitteeReview(db: Db, campaignId: string) {
  return db.case.findMany({ where: { campaignId, status: 'committee-review' }, select: { id: true, nomineeName: true, recommendingUnit: true } });
}
