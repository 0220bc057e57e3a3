import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { campaignWorkflow } from '../../workflows/campaign';
import type { CampaignActivities, Deadlines } from '../../workflows/contract';
import { campaignWorkflowId, caseWorkflowId, deadlinesChangedSignal } from '../../workflows/contract';
import { eventually } from '../support/http';
import { idPage } from '../support/id-pages';
import { signalsSent } from '../support/signals-sent';
import { devServerEnvironment, workflowsPath } from '../support/temporal';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await devServerEnvironment();
});
afterAll(async () => {
  await env?.teardown();
});

const RUNNING = 1_200;
const deadlines = (version: number): Deadlines => ({ submissionDeadline: '2030-03-01T00:00:00.000Z', reviewDeadline: `2030-04-${String(version).padStart(2, '0')}T00:00:00.000Z`, version });

/**
 * A campaign clock over 1,200 running cases (no workflows: a signal to a case that is not running
 * is dropped, and its sending stays in the clock's history), continuing as new past 600 events.
 * `onPage` runs as each page of cases is read.
 */
async function withClock(test: (ctx: { campaignId: string; stored: { deadlines: Deadlines }; pages: () => number; loaded: Promise<void> }) => Promise<void>, onPage: (n: number, stored: { deadlines: Deadlines }) => void = () => {}) {
  const campaignId = `c-${randomUUID()}`;
  const caseIds = Array.from({ length: RUNNING }, () => randomUUID());
  // What the API writes before it signals: a continued run reads the deadlines from it.
  const stored = { deadlines: deadlines(1) };
  let pages = 0;
  let firstLoad!: () => void;
  const loaded = new Promise<void>((resolve) => (firstLoad = resolve));
  const activities: CampaignActivities = {
    loadCampaignDeadlines: async () => {
      firstLoad();
      return stored.deadlines;
    },
    listActiveCases: async () => {
      throw new Error('a clock started on this code reads the running cases a page at a time');
    },
    activeCasesPage: async ({ after, limit }) => {
      onPage(++pages, stored);
      return idPage(caseIds, after, limit);
    },
    sendReviewReminders: async () => [],
    escalateOverdueTasks: async () => 0,
  };
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath, activities: { ...activities, deliverEmail: async () => {} } });
  await worker.runUntil(async () => {
    const clock = await env.client.workflow.start(campaignWorkflow, { workflowId: campaignWorkflowId(campaignId), taskQueue, args: [{ campaignId, historyLimit: 600 }] });
    try {
      await test({ campaignId, stored, pages: () => pages, loaded });
    } finally {
      await clock.terminate().catch(() => undefined);
    }
  });
}

const toldOf = (campaignId: string) => signalsSent<Deadlines>(env.client, campaignWorkflowId(campaignId), deadlinesChangedSignal.name);

test('a change of the deadlines reaches each of 1,200 running cases once, the clock continuing as new in the middle of the telling', async () => {
  await withClock(async ({ campaignId, stored, pages, loaded }) => {
    await loaded;
    stored.deadlines = deadlines(2);
    await env.client.workflow.getHandle(campaignWorkflowId(campaignId)).signal(deadlinesChangedSignal, stored.deadlines);

    const { runs, signals } = await eventually(() => toldOf(campaignId), (t) => t.signals.length >= RUNNING);

    expect(runs).toBe(3);
    expect(pages()).toBe(3);
    expect(signals.map((s) => s.message.version)).toEqual(Array(RUNNING).fill(2));
    expect(new Set(signals.map((s) => s.workflowId)).size).toBe(RUNNING);
    expect(signals.every((s) => s.workflowId.startsWith(caseWorkflowId('')))).toBe(true);
  });
});

test('newer deadlines saved while a telling was cut short are told to every case from the first, not from where the older telling stopped', async () => {
  // While the first page is read, the secretariat saves version 3 (its signal not yet sent).
  const saveVersion3 = (page: number, stored: { deadlines: Deadlines }) => {
    if (page === 1) stored.deadlines = deadlines(3);
  };
  await withClock(async ({ campaignId, loaded }) => {
    await loaded;
    await env.client.workflow.getHandle(campaignWorkflowId(campaignId)).signal(deadlinesChangedSignal, deadlines(2));

    const { signals } = await eventually(() => toldOf(campaignId), (t) => t.signals.filter((s) => s.message.version === 3).length >= RUNNING);

    expect(signals.filter((s) => s.message.version === 2)).toHaveLength(500);
    const newest = signals.filter((s) => s.message.version === 3);
    expect(new Set(newest.map((s) => s.workflowId)).size).toBe(RUNNING);
    expect(newest).toHaveLength(RUNNING);
  }, saveVersion3);
});
