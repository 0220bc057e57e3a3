import type { Db, Tx } from './client';

/** A campaign's committee members with what recusal needs: their unit's name, and whether they can still vote. */
export async function committeeWithUnits(db: Db | Tx, campaignId: string) {
  const rows = await db.committeeMember.findMany({ where: { campaignId }, include: { user: { include: { unit: true } } }, orderBy: { addedAt: 'asc' } });
  return rows.map((m) => ({ userId: m.userId, username: m.user.username, displayName: m.user.displayName, unit: m.user.unit?.name ?? null, active: !m.user.disabled }));
}

/** Cases of the campaign waiting for committee votes, with the unit that recommended each. */
export async function casesInCommitteeReview(db: Db, campaignId: string) {
  return db.case.findMany({ where: { campaignId, status: 'committee-review' }, select: { id: true, nomineeName: true, recommendingUnit: true } });
}
