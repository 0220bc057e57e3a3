import type { Client, WorkflowHandle } from '@temporalio/client';
import { COMMITTEE_QUORUM, applicantAddress } from '../round-plan';
import { bareWorkflowId } from './contract';
import type { bareCaseWorkflow } from './workflow';

/** The `index`-th bare case of `tag`: its ids, and its workflow start (USE_EXISTING: safe to send again). */
export function bareCaseStart(client: Client, taskQueue: string, tag: string, index: number) {
  const caseId = `${tag}-${index}`;
  const workflowId = bareWorkflowId(caseId);
  const start = (): Promise<WorkflowHandle<typeof bareCaseWorkflow>> =>
    client.workflow.start<typeof bareCaseWorkflow>('bareCaseWorkflow', {
      workflowId,
      taskQueue,
      args: [{ caseId, applicantEmail: applicantAddress(tag, index), quorum: COMMITTEE_QUORUM }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  return { caseId, workflowId, start };
}
