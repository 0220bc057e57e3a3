import type { Client } from '@temporalio/client';
import { campaignWorkflow } from '../workflows/campaign';
import { committeeRoundWorkflow } from '../workflows/committee-round';
import type { Deadlines, RoundResult } from '../workflows/contract';
import { campaignWorkflowId, committeeRoundWorkflowId, deadlinesChangedSignal } from '../workflows/contract';
import { isTemporalUnavailable, temporarilyUnavailable } from './temporal-errors';

async function reachable<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (isTemporalUnavailable(err)) throw temporarilyUnavailable(err);
    throw err;
  }
}

/** The client side of the campaign-wide workflows: the campaign's clock and its committee round. */
export function campaignWorkflows({ temporal, taskQueue }: { temporal: Client; taskQueue: string }) {
  return {
    /** Starts the campaign's clock (reminders, escalation, deadline changes); a running one is left as it is. */
    async startClock(campaignId: string): Promise<void> {
      await reachable(() =>
        temporal.workflow.start(campaignWorkflow, {
          workflowId: campaignWorkflowId(campaignId),
          taskQueue,
          args: [{ campaignId }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      );
    },

    /** Re-arms the campaign's timers; its clock tells every running case. */
    async deadlinesChanged(campaignId: string, deadlines: Deadlines): Promise<void> {
      await reachable(() =>
        temporal.workflow.signalWithStart(campaignWorkflow, {
          workflowId: campaignWorkflowId(campaignId),
          taskQueue,
          args: [{ campaignId }],
          signal: deadlinesChangedSignal,
          signalArgs: [deadlines],
        }),
      );
    },

    /** Closes the committee round once and waits for its outcome; a second close answers the first outcome. */
    async closeCommitteeRound(campaignId: string): Promise<RoundResult> {
      return reachable(async () => {
        const handle = await temporal.workflow.start(committeeRoundWorkflow, {
          workflowId: committeeRoundWorkflowId(campaignId),
          taskQueue,
          args: [{ campaignId }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
        return handle.result();
      });
    },
  };
}

export type CampaignWorkflows = ReturnType<typeof campaignWorkflows>;
