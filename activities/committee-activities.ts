import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../db/client';
import { findCampaign } from '../db/campaigns';
import { casesInCommitteeReview, committeeWithUnits } from '../db/committee';
import { BadNoticePeriod, closeCommitteeRound } from '../db/committee-round';
import { caseQuorum } from '../domain/campaign-config';
import type { CommitteeActivities } from '../workflows/contract';

export function createCommitteeActivities({ db }: { db: Db }): CommitteeActivities {
  return {
    async closeCommitteeRound({ campaignId, closedAt }) {
      try {
        return await closeCommitteeRound(db, campaignId, new Date(closedAt));
      } catch (err) {
        if (err instanceof BadNoticePeriod) throw ApplicationFailure.create({ type: 'bad-notice-period', message: err.message, nonRetryable: true });
        throw err;
      }
    },
    async committeeQuorums({ campaignId }) {
      const campaign = await findCampaign(db, campaignId);
      if (!campaign) return [];
      const committee = await committeeWithUnits(db, campaignId);
      return (await casesInCommitteeReview(db, campaignId)).map((c) => ({ caseId: c.id, quorum: caseQuorum(committee, campaign.committeeQuorum, c.recommendingUnit) }));
    },
  };
}
