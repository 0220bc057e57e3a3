import { proxyActivities } from '@temporalio/workflow';
import type { CommitteeActivities } from './contract';
import { committeeQuorumSignal } from './contract';
import { signalCases } from './signal-cases';

const { committeeQuorums } = proxyActivities<CommitteeActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * After a change of the campaign's committee or quorum, tells every case waiting for votes the
 * votes it now needs. A workflow, not a loop in the request: with thousands of cases in committee
 * review the telling outlasts any HTTP request, and a crash halfway must not leave some cases
 * counting to the old quorum. Started anew for each change (the one before is terminated): the
 * quorums are read when it runs, so the last change is the one every case ends with.
 */
export async function committeeQuorumWorkflow({ campaignId }: { campaignId: string }): Promise<number> {
  const quorums = await committeeQuorums({ campaignId });
  await signalCases(committeeQuorumSignal, quorums.map(({ caseId, quorum }) => ({ caseId, message: { quorum } })));
  return quorums.length;
}
