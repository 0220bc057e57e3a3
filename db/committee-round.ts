import { parseIsoDuration } from '../domain/duration';
import { SELECTION_POOL_STATUS, rankSelectionPool } from '../domain/ranking';
import type { RoundResult } from '../workflows/contract';
import type { Db } from './client';

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
    const pool = await tx.case.findMany({ where: { campaignId, status: SELECTION_POOL_STATUS } });
    const { ranked, winners, notSelected } = rankSelectionPool(pool, campaign.winnerCap);
    const winnerSet = new Set(winners);
    for (const c of ranked) await tx.case.update({ where: { id: c.caseId }, data: { rank: c.rank, selected: winnerSet.has(c.caseId) } });
    const noticeEndsAt = new Date(closedAt.getTime() + period);
    await tx.campaign.update({ where: { id: campaignId }, data: { roundClosedAt: closedAt, noticeEndsAt } });
    return { winners, notSelected, noticeEndsAt: noticeEndsAt.toISOString(), ranks: Object.fromEntries(ranked.map((c) => [c.caseId, c.rank])) };
  });
}
