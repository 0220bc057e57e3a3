import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { caseWorkflowId } from '../../workflows/contract';
import { nominationWorkflow } from '../../workflows/nomination';
import { fakeCaseActivities } from '../support/fake-case-activities';
import { devServerEnvironment, workflowsPath } from '../support/temporal';

// On the dev server, which keeps each task's priority in the history (the time-skipping one does not).
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await devServerEnvironment();
}, 60_000);
afterAll(async () => {
  await env?.teardown();
});

test('a case’s emails wait behind every other task of the queue, while its steps keep the default place', async () => {
  const fake = fakeCaseActivities();
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath, activities: fake.activities });
  const scheduled = await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(nominationWorkflow, { workflowId: caseWorkflowId(randomUUID()), taskQueue, args: [{ caseId: randomUUID(), campaignId: 'c-1', channel: 'organisation' }] });
    while (fake.delivered.length === 0) await new Promise((r) => setImmediate(r));
    const { events } = await handle.fetchHistory();
    await handle.terminate('test over');
    return (events ?? []).flatMap((e) => (e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes] : []));
  });
  expect(scheduled.map((a) => [a.activityType?.name, a.priority?.priorityKey ?? 'default'])).toEqual([
    ['recordCaseStep', 'default'],
    ['deliverEmail', 5],
  ]);
});
