import { proxyActivities } from '@temporalio/workflow';
import type { CommitteeActivities } from './contract';
import type { RoundResult } from './contract';
import { committeeOutcomeSignal } from './contract';
import { signalCases } from './signal-cases';

const { closeCommitteeRound } = proxyActivities<CommitteeActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Closes a campaign's committee round once: the ranking is computed and stored by one activity,
 * then every ranked case is told its outcome. Durable, so a crash of the API halfway through
 * cannot leave some cases untold.
 */
export async function committeeRoundWorkflow({ campaignId }: { campaignId: string }): Promise<RoundResult> {
  const round = await closeCommitteeRound({ campaignId, closedAt: new Date().toISOString() });
  const outcomes = [
    ...round.winners.map((caseId, i) => ({ caseId, message: { selected: true, rank: round.ranks?.[caseId] ?? i + 1, noticeEndsAt: round.noticeEndsAt } })),
    ...round.notSelected.map((caseId, i) => ({ caseId, message: { selected: false, rank: round.ranks?.[caseId] ?? round.winners.length + i + 1, noticeEndsAt: round.noticeEndsAt } })),
  ];
  // A case withdrawn since the ranking has already finished; there is no one left to tell.
  await signalCases(committeeOutcomeSignal, outcomes);
  return round;
}
