import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { campaignWorkflow } from '../../workflows/campaign';
import type { CampaignActivities, Deadlines } from '../../workflows/contract';
import { campaignWorkflowId, deadlinesChangedSignal } from '../../workflows/contract';
import { timeSkippingEnvironment, workflowsPath } from '../support/temporal';

const DAY = 86_400_000;
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await timeSkippingEnvironment();
});
afterAll(async () => {
  await env?.teardown();
});

test('the campaign clock continues as new before its history grows large, and its next run keeps the newest deadlines', async () => {
  const start = await env.currentTimeMs();
  const at = (days: number) => new Date(start + days * DAY).toISOString();
  // The database the API writes before it signals: the next run reads the deadlines from it.
  let stored: Deadlines = { submissionDeadline: at(10), reviewDeadline: at(30), version: 1 };
  const escalations: { at: number; reviewDeadline: string }[] = [];
  const activities: CampaignActivities = {
    loadCampaignDeadlines: async () => stored,
    listActiveCases: async () => [],
    activeCasesPage: async () => [],
    sendReviewReminders: async () => [],
    escalateOverdueTasks: async ({ reviewDeadline }) => {
      escalations.push({ at: await env.currentTimeMs(), reviewDeadline });
      return 0;
    },
  };
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath, activities: { ...activities, deliverEmail: async () => {} } });
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(campaignWorkflow, { workflowId: campaignWorkflowId(randomUUID()), taskQueue, args: [{ campaignId: 'c-1', historyLimit: 12 }] });
    const firstRun = (await handle.describe()).runId;
    for (let version = 2; version <= 6; version++) {
      stored = { submissionDeadline: at(10), reviewDeadline: at(30 + version), version };
      await handle.signal(deadlinesChangedSignal, stored);
      await env.sleep(DAY / 2);
    }
    const latest = await handle.describe();
    expect(latest.runId).not.toBe(firstRun);
    const first = await env.client.workflow.getHandle(handle.workflowId, firstRun).fetchHistory();
    expect(first.events!.at(-1)!.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
    expect(latest.historyLength).toBeLessThan(40);

    await env.sleep(40 * DAY);
    expect(escalations).toEqual([{ at: expect.any(Number), reviewDeadline: at(36) }]);
    expect(Math.round((escalations[0].at - start) / DAY)).toBe(36);
    await handle.terminate('test over');
  });
});
