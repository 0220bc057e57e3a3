import { WorkflowUpdateStage } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { caseStatusQuery, caseWorkflowId, reportFraudUpdate } from '../../workflows/contract';
import { nominationWorkflow } from '../../workflows/nomination';
import { fakeCaseActivities } from '../support/fake-case-activities';
import { devServerEnvironment, workflowsPath } from '../support/temporal';

// An Update that reaches a case before its first workflow task runs is handed to its handler as
// soon as the handler is set, before the rest of the workflow function has run. (On the dev
// server: the time-skipping server does not deliver Updates with the first task.)

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await devServerEnvironment();
});
afterAll(async () => {
  await env?.teardown();
});

test('a fraud report that arrives with the case’s first workflow task is taken, instead of failing the task forever', async () => {
  const fake = fakeCaseActivities();
  const taskQueue = 'early-update';
  const caseId = 'early-update-case';
  const handle = await env.client.workflow.start(nominationWorkflow, { workflowId: caseWorkflowId(caseId), taskQueue, args: [{ caseId, campaignId: 'c-1' }] });
  // No worker yet: the Update waits on the server and comes with the first workflow task.
  const accepted = handle.startUpdate(reportFraudUpdate, { args: [{ reportId: 'r-early', actor: { id: 'u-1', username: 'reviewer' } }], waitForStage: WorkflowUpdateStage.ACCEPTED });
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath, activities: fake.activities });
  await worker.runUntil(async () => {
    const update = await accepted;
    expect(await update.result()).toEqual({ taskId: `${caseId}.t1` });
    const snapshot = await handle.query(caseStatusQuery);
    expect(snapshot.openTasks.map((t) => t.kind).sort()).toEqual(['fraud-investigation', 'seal-check']);
    const history = await handle.fetchHistory();
    expect(history.events?.some((e) => e.workflowTaskFailedEventAttributes)).toBe(false);
    // The case this test is about: the Update was taken in the first workflow task, before any step.
    const first = (has: (e: NonNullable<typeof history.events>[number]) => unknown) => history.events!.findIndex((e) => has(e));
    expect(first((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBeLessThan(first((e) => e.activityTaskScheduledEventAttributes));
    await handle.terminate('test over');
  });
});
