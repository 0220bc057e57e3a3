import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { CampaignActivities } from '../../workflows/contract';
import { campaignWorkflow } from '../../workflows/campaign';
import { campaignWorkflowId, caseStatusQuery, caseWorkflowId, completeTaskUpdate, deadlinesChangedSignal } from '../../workflows/contract';
import { nominationWorkflow } from '../../workflows/nomination';
import { fakeCaseActivities } from '../support/fake-case-activities';
import { idPage } from '../support/id-pages';
import { timeSkippingEnvironment, workflowsPath } from '../support/temporal';

const DAY = 86_400_000;
let env: TestWorkflowEnvironment;

beforeEach(async () => {
  env = await timeSkippingEnvironment();
});
afterEach(async () => {
  await env?.teardown();
});

/** Runs a campaign workflow (and optionally one case) against recording activities. */
async function withCampaign(reviewInDays: number, submissionInDays: number, test: (ctx: {
  start: number;
  campaign: ReturnType<TestWorkflowEnvironment['client']['workflow']['getHandle']>;
  events: { kind: string; at: number; reviewDeadline: string }[];
  startCase: () => Promise<ReturnType<TestWorkflowEnvironment['client']['workflow']['getHandle']>>;
}) => Promise<void>) {
  const start = await env.currentTimeMs();
  const events: { kind: string; at: number; reviewDeadline: string }[] = [];
  const caseIds: string[] = [];
  const campaignId = `c-${randomUUID()}`;
  const deadlines = { submissionDeadline: new Date(start + submissionInDays * DAY).toISOString(), reviewDeadline: new Date(start + reviewInDays * DAY).toISOString(), version: 1 };
  const campaignActivities: CampaignActivities = {
    loadCampaignDeadlines: async () => deadlines,
    listActiveCases: async () => caseIds,
    activeCasesPage: async ({ after, limit }) => idPage(caseIds, after, limit),
    sendReviewReminders: async ({ reviewDeadline, daysBefore }) => {
      events.push({ kind: `remind-${daysBefore}d`, at: await env.currentTimeMs(), reviewDeadline });
      return [];
    },
    escalateOverdueTasks: async ({ reviewDeadline }) => {
      events.push({ kind: 'escalate', at: await env.currentTimeMs(), reviewDeadline });
      return 1;
    },
  };
  const cases = fakeCaseActivities({ now: start, settings: { submissionDeadline: deadlines.submissionDeadline, reviewDeadline: deadlines.reviewDeadline } });
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath, activities: { ...campaignActivities, ...cases.activities } });
  await worker.runUntil(async () => {
    const campaign = await env.client.workflow.start(campaignWorkflow, { workflowId: campaignWorkflowId(campaignId), taskQueue, args: [{ campaignId }] });
    const startCase = async () => {
      const caseId = randomUUID();
      caseIds.push(caseId);
      return env.client.workflow.start(nominationWorkflow, { workflowId: caseWorkflowId(caseId), taskQueue, args: [{ caseId, campaignId }] });
    };
    try {
      await test({ start, campaign, events, startCase });
    } finally {
      await campaign.terminate().catch(() => undefined);
    }
  });
}

test('reviewers are reminded 7 days and 1 day before the review deadline, and open tasks are escalated when it passes', async () => {
  await withCampaign(30, 10, async ({ start, events }) => {
    await env.sleep(31 * DAY);
    expect(events.map((e) => e.kind)).toEqual(['remind-7d', 'remind-1d', 'escalate']);
    expect(events.map((e) => Math.round((e.at - start) / DAY))).toEqual([23, 29, 30]);
  });
});

test('a later review deadline re-arms reminders and escalation on the new date', async () => {
  await withCampaign(30, 10, async ({ start, campaign, events }) => {
    await env.sleep(25 * DAY);
    const later = new Date(start + 45 * DAY).toISOString();
    await campaign.signal(deadlinesChangedSignal, { submissionDeadline: new Date(start + 10 * DAY).toISOString(), reviewDeadline: later, version: 2 });
    await env.sleep(21 * DAY);
    expect(events.map((e) => [e.kind, Math.round((e.at - start) / DAY)])).toEqual([
      ['remind-7d', 23],
      ['remind-7d', 38],
      ['remind-1d', 44],
      ['escalate', 45],
    ]);
    expect(events.at(-1)!.reviewDeadline).toBe(later);
  });
});

test('an earlier review deadline escalates sooner', async () => {
  await withCampaign(30, 10, async ({ start, campaign, events }) => {
    await campaign.signal(deadlinesChangedSignal, { submissionDeadline: new Date(start + 5 * DAY).toISOString(), reviewDeadline: new Date(start + 12 * DAY).toISOString(), version: 2 });
    await env.sleep(13 * DAY);
    expect(events.find((e) => e.kind === 'escalate')).toBeDefined();
    expect(Math.round((events.find((e) => e.kind === 'escalate')!.at - start) / DAY)).toBe(12);
  });
});

test('a deadline change reaches running cases: a later submission deadline keeps a resubmission open past the old one', async () => {
  await withCampaign(30, 10, async ({ start, campaign, startCase }) => {
    const kase = await startCase();
    let task;
    while (!(task = (await kase.query(caseStatusQuery)).openTasks[0])) await new Promise((r) => setImmediate(r));
    await kase.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, decision: 'request-resubmission', actor: { id: 's', username: 's' } }] });
    await campaign.signal(deadlinesChangedSignal, { submissionDeadline: new Date(start + 20 * DAY).toISOString(), reviewDeadline: new Date(start + 40 * DAY).toISOString(), version: 2 });
    await env.sleep(15 * DAY);
    expect((await kase.query(caseStatusQuery)).status).toBe('resubmission-requested');
    await env.sleep(6 * DAY);
    expect(await kase.result()).toBe('expired');
  });
});
