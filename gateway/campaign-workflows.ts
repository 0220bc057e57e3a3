import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { announcementWorkflow } from '../workflows/announcement';
import { campaignWorkflow } from '../workflows/campaign';
import { committeeQuorumWorkflow } from '../workflows/committee-quorum';
import { committeeRoundWorkflow } from '../workflows/committee-round';
import type { Deadlines, RoundResult } from '../workflows/contract';
import { announcementWorkflowId, campaignWorkflowId, committeeQuorumWorkflowId, committeeRoundWorkflowId, deadlinesChangedSignal } from '../workflows/contract';
import { withinOutageBound } from './outage';
import { isWorkflowGone } from './temporal-errors';

/** The client side of the campaign-wide workflows: the campaign's clock, its committee round and its announcement. */
export function campaignWorkflows({ temporal, taskQueue }: { temporal: Client; taskQueue: string }) {
  const reachable = <T>(send: () => Promise<T>) => withinOutageBound(temporal, send);
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

    /**
     * Tells every case waiting for votes the votes it needs after a change of the committee or the
     * quorum, and waits until they all know. A telling still running for an earlier change is
     * replaced: this one reads the committee as it is now.
     */
    async quorumChanged(campaignId: string): Promise<void> {
      await reachable(async () => {
        const handle = await temporal.workflow.start(committeeQuorumWorkflow, {
          workflowId: committeeQuorumWorkflowId(campaignId),
          taskQueue,
          args: [{ campaignId }],
          workflowIdConflictPolicy: 'TERMINATE_EXISTING',
        });
        await handle.result();
      });
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

    /** Schedules the announcement; false when one is already scheduled and has not been made or cancelled. */
    async scheduleAnnouncement(campaignId: string, at: Date): Promise<boolean> {
      try {
        await reachable(() =>
          temporal.workflow.start(announcementWorkflow, {
            workflowId: announcementWorkflowId(campaignId),
            taskQueue,
            args: [{ campaignId, at: at.toISOString() }],
            workflowIdConflictPolicy: 'FAIL',
          }),
        );
        return true;
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
        throw err;
      }
    },

    /**
     * Cancels the scheduled announcement and answers what became of the latest one: cancelled (now
     * or by an earlier call), made (its time came first), or none ever scheduled.
     */
    async cancelAnnouncement(campaignId: string): Promise<{ outcome: 'cancelled' } | { outcome: 'made'; announcedAt: string } | { outcome: 'none' }> {
      return reachable(async () => {
        const handle = temporal.workflow.getHandle<typeof announcementWorkflow>(announcementWorkflowId(campaignId));
        try {
          await handle.cancel();
        } catch (err) {
          if (!isWorkflowGone(err)) throw err;
        }
        try {
          const result = await handle.result();
          return 'cancelled' in result ? { outcome: 'cancelled' } : { outcome: 'made', announcedAt: result.announcedAt };
        } catch (err) {
          if (isWorkflowGone(err)) return { outcome: 'none' };
          throw err;
        }
      });
    },
  };
}

export type CampaignWorkflows = ReturnType<typeof campaignWorkflows>;
