import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../db/client';
import { findCampaign } from '../db/campaigns';
import { casesInCommitteeReview, committeeWithUnits } from '../db/committee';
import { BadNoticePeriod, closeCommitteeRound, rankedCasesPage } from '../db/committee-round';
import { caseQuorum } from '../domain/campaign-config';
import type { CommitteeActivities } from '../workflows/contract';

export function createCommitteeActivities({ db }: { db: Db }): CommitteeActivities {
  const close = async (campaignId: string, closedAt: string) => {
    try {
      return await closeCommitteeRound(db, campaignId, new Date(closedAt));
    } catch (err) {
      if (err instanceof BadNoticePeriod) throw ApplicationFailure.create({ type: 'bad-notice-period', message: err.message, nonRetryable: true });
      throw err;
    }
  };
  return {
    closeCommitteeRound: ({ campaignId, closedAt }) => close(campaignId, closedAt),
    async rankCommitteeRound({ campaignId, closedAt }) {
      const { winners, notSelected, noticeEndsAt } = await close(campaignId, closedAt);
      return { winners: winners.length, notSelected: notSelected.length, noticeEndsAt };
    },
    rankedCasesPage: ({ campaignId, after, limit }) => rankedCasesPage(db, campaignId, after, limit),
    async committeeQuorums({ campaignId }) {
      const campaign = await findCampaign(db, campaignId);
      if (!campaign) return [];
      const committee = await committeeWithUnits(db, campaignId);
      return (await casesInCommitteeReview(db, campaignId)).map((c) => ({ caseId: c.id, quorum: caseQuorum(committee, campaign.committeeQuorum, c.recommendingUnit) }));
    },
  };
}
