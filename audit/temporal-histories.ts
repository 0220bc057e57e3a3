import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError, isGrpcServiceError } from '@temporalio/client';
import type { WorkflowHistories } from './workflow-histories';

const GRPC_NOT_FOUND = 5;

function isNotFound(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError || (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND);
}

/** Null for a workflow the server no longer holds; any other error is the caller's to see. */
async function unlessGone<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/** Workflow histories as a Temporal client reads them from the server. */
export function temporalHistories(client: Client): WorkflowHistories {
  return {
    fetch: (workflowId, runId) => unlessGone(() => client.workflow.getHandle(workflowId, runId).fetchHistory()),
    describe: (workflowId) =>
      unlessGone(async () => {
        const description = await client.workflow.getHandle(workflowId).describe();
        return { runId: description.runId, running: description.status.name === 'RUNNING' };
      }),
  };
}
