import type { Client } from '@temporalio/client';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowFailedError } from '@temporalio/client';
import { TerminatedFailure } from '@temporalio/common';
import { announcementWorkflow } from '../workflows/announcement';
import { campaignWorkflow } from '../workflows/campaign';
import { committeeQuorumWorkflow } from '../workflows/committee-quorum';
import { committeeRoundWorkflow } from '../workflows/committee-round';
import type { Deadlines, RoundSummary } from '../workflows/contract';
import { announcementWorkflowId, campaignWorkflowId, committeeQuorumWorkflowId, committeeRoundWorkflowId, deadlinesChangedSignal, roundRankedUpdate } from '../workflows/contract';
import { STAFF_WAITING } from '../workflows/task-priority';
import { withinOutageBound } from './outage';
import { isWorkflowGone } from './temporal-errors';

/** Changes of the committee in quick succession each replace the telling before; past this many, something else is terminating it. */
const MAX_SUPERSEDED_TELLINGS = 10;

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
      const workflowId = committeeQuorumWorkflowId(campaignId);
      await reachable(async () => {
        await temporal.workflow.start(committeeQuorumWorkflow, { workflowId, taskQueue, args: [{ campaignId }], workflowIdConflictPolicy: 'TERMINATE_EXISTING', priority: STAFF_WAITING });
        // A change made meanwhile replaces this telling with its own, which reads this change too:
        // the latest telling is the one to wait for, so that a change that took effect is never answered as failed.
        for (let superseded = 0; ; superseded++) {
          try {
            await temporal.workflow.getHandle(workflowId).result();
            return;
          } catch (err) {
            if (!(err instanceof WorkflowFailedError && err.cause instanceof TerminatedFailure) || superseded >= MAX_SUPERSEDED_TELLINGS) throw err;
          }
        }
      });
    },

    /**
     * Closes the committee round once and waits until it is ranked and stored, not until every case
     * has been told; a close while the round runs waits on the same ranking.
     */
    async closeCommitteeRound(campaignId: string): Promise<RoundSummary> {
      return reachable(() =>
        temporal.workflow.executeUpdateWithStart(roundRankedUpdate, {
          startWorkflowOperation: new WithStartWorkflowOperation(committeeRoundWorkflow, {
            workflowId: committeeRoundWorkflowId(campaignId),
            taskQueue,
            args: [{ campaignId }],
            workflowIdConflictPolicy: 'USE_EXISTING',
            priority: STAFF_WAITING,
          }),
        }),
      );
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
