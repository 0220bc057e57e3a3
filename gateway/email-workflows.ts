import type { Client } from '@temporalio/client';
import { emailDeliveryWorkflowId } from '../workflows/contract';
import { emailDeliveryWorkflow } from '../workflows/email';
import { withinOutageBound } from './outage';
import { isTemporalUnavailable, temporarilyUnavailable } from './temporal-errors';

/** Emails no case carries (invitations, password resets) are delivered by a workflow of their own. */
export function emailWorkflows({ temporal, taskQueue }: { temporal: Client; taskQueue: string }) {
  return {
    async deliver(outboxId: string): Promise<void> {
      try {
        await withinOutageBound(temporal, () =>
          temporal.workflow.start(emailDeliveryWorkflow, {
            workflowId: emailDeliveryWorkflowId(outboxId),
            taskQueue,
            args: [{ outboxId }],
            workflowIdConflictPolicy: 'USE_EXISTING',
          }),
        );
      } catch (err) {
        if (isTemporalUnavailable(err)) throw temporarilyUnavailable(err);
        throw err;
      }
    },
  };
}

export type EmailWorkflows = ReturnType<typeof emailWorkflows>;
