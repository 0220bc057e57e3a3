import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../db/client';
import { BadNoticePeriod, closeCommitteeRound } from '../db/committee-round';
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
  };
}
