import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import {
  caseStatusQuery,
  caseWorkflowId,
  committeeOutcomeSignal,
  completeTaskUpdate,
  sealedFormResubmittedUpdate,
  withdrawUpdate,
} from '../../workflows/messages';
import type { TaskDecision } from '../../workflows/messages';
import { nominationWorkflow } from '../../workflows/nomination';
import { fakeCaseActivities } from '../support/fake-case-activities';
import { timeSkippingEnvironment, workflowsPath } from '../support/temporal';

const actor = { id: 'u-1', username: 'reviewer' };
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await timeSkippingEnvironment();
});
afterAll(async () => {
  await env?.teardown();
});

type Handle = WorkflowHandle<typeof nominationWorkflow>;

/** Runs one case workflow against recording activities and hands the test its handle. */
async function withCase(
  test: (h: Handle, fake: ReturnType<typeof fakeCaseActivities>) => Promise<void>,
  options: { roundClosed?: boolean } = {},
) {
  const fake = fakeCaseActivities(options);
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath, activities: fake.activities });
  await worker.runUntil(async () => {
    const caseId = randomUUID();
    const handle = await env.client.workflow.start(nominationWorkflow, {
      workflowId: caseWorkflowId(caseId),
      taskQueue,
      args: [{ caseId, campaignId: 'c-1' }],
    });
    await test(handle, fake);
  });
  return fake;
}

async function openTask(h: Handle) {
  for (;;) {
    const snapshot = await h.query(caseStatusQuery);
    if (snapshot.openTask && snapshot.steps > 0) return snapshot.openTask;
    await new Promise((r) => setImmediate(r));
  }
}

async function decide(h: Handle, decision: string, extra: Partial<TaskDecision> = {}) {
  const task = await openTask(h);
  return h.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, decision, actor, ...extra }] });
}

async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((err as WorkflowUpdateFailedError).cause as { type?: string } | undefined)?.type;
}

async function passToSelection(h: Handle) {
  await decide(h, 'approve');
  await decide(h, 'pass');
  await decide(h, 'shortlist');
  return decide(h, 'approve', { score: 91 });
}

test('a nomination passes every review, is selected, noticed, and announced when the notice period ends', async () => {
  const fake = await withCase(async (h) => {
    const reply = await passToSelection(h);
    expect(reply.caseStatus).toBe('awaiting-selection');
    const noticeEndsAt = new Date((await env.currentTimeMs()) + 7 * 86_400_000).toISOString();
    await h.signal(committeeOutcomeSignal, { selected: true, rank: 1, noticeEndsAt });
    expect(await h.result()).toBe('announced');
  });
  expect(fake.statuses()).toEqual(['seal-check', 'field-review', 'branch-shortlist', 'committee-review', 'awaiting-selection', 'public-notice', 'announced']);
  const kinds = fake.steps.filter((s) => s.openTask).map((s) => s.openTask!.kind);
  expect(kinds).toEqual(['seal-check', 'field-review', 'branch-shortlist', 'committee-review']);
  expect(fake.steps.find((s) => s.status === 'awaiting-selection')?.score).toBe(91);
  expect(fake.steps.find((s) => s.status === 'public-notice')?.notice).toBe('publish');
  expect(fake.delivered.sort()).toEqual(fake.steps.map((s) => `mail-${s.seq}`).sort());
});

test.each([
  ['seal-check', []],
  ['field-review', ['approve']],
  ['branch-shortlist', ['approve', 'pass']],
  ['committee-review', ['approve', 'pass', 'shortlist']],
] as const)('a rejection at %s ends the case as rejected with the reason, closing its task', async (_step, before) => {
  const fake = await withCase(async (h) => {
    for (const d of before) await decide(h, d);
    const reply = await decide(h, 'reject', { comment: 'materials incomplete' });
    expect(reply.caseStatus).toBe('rejected');
    expect(await h.result()).toBe('rejected');
  });
  const last = fake.steps.at(-1)!;
  expect(last).toMatchObject({ status: 'rejected', note: 'materials incomplete', actorId: actor.id, closeTask: { outcome: 'completed', decision: 'reject' } });
});

test('a requested resubmission waits for the new sealed form, then opens a fresh seal check', async () => {
  const fake = await withCase(async (h) => {
    const first = await openTask(h);
    expect((await decide(h, 'request-resubmission', { comment: 'seal unreadable' })).caseStatus).toBe('resubmission-requested');
    expect(await refusal(h.executeUpdate(completeTaskUpdate, { args: [{ taskId: first.id, decision: 'approve', actor }] }))).toBe('task-not-open');
    expect((await h.executeUpdate(sealedFormResubmittedUpdate, { args: [{ sealedFormId: 'f-2' }] })).caseStatus).toBe('seal-check');
    const second = await openTask(h);
    expect(second.id).not.toBe(first.id);
    await decide(h, 'reject');
  });
  expect(fake.statuses()).toEqual(['seal-check', 'resubmission-requested', 'seal-check', 'rejected']);
});

test('a sealed form sent when none was requested is refused', async () => {
  await withCase(async (h) => {
    await openTask(h);
    expect(await refusal(h.executeUpdate(sealedFormResubmittedUpdate, { args: [{ sealedFormId: 'f-2' }] }))).toBe('resubmission-not-requested');
    await decide(h, 'reject');
  });
});

test('validators refuse a wrong decision, a missing or misplaced score, and the case does not move', async () => {
  const fake = await withCase(async (h) => {
    const task = await openTask(h);
    const send = (d: Partial<TaskDecision>) => h.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, decision: 'approve', actor, ...d }] });
    expect(await refusal(send({ decision: 'shortlist' }))).toBe('decision-not-allowed');
    expect(await refusal(send({ score: 50 }))).toBe('score-not-allowed');
    expect(await refusal(send({ taskId: 'not-a-task' }))).toBe('task-not-open');
    expect((await h.query(caseStatusQuery)).status).toBe('seal-check');
    await decide(h, 'approve');
    await decide(h, 'pass');
    await decide(h, 'shortlist');
    const committee = await openTask(h);
    expect(await refusal(h.executeUpdate(completeTaskUpdate, { args: [{ taskId: committee.id, decision: 'approve', actor }] }))).toBe('score-required');
    await decide(h, 'reject');
  });
  expect(fake.statuses()).toEqual(['seal-check', 'field-review', 'branch-shortlist', 'committee-review', 'rejected']);
});

test('withdrawal during a review cancels the open task and ends the case as withdrawn', async () => {
  const fake = await withCase(async (h) => {
    await decide(h, 'approve');
    const task = await openTask(h);
    const reply = await h.executeUpdate(withdrawUpdate, { args: [{ actor, reason: 'changed our mind' }] });
    expect(reply.caseStatus).toBe('withdrawn');
    expect(await h.result()).toBe('withdrawn');
    await expect(h.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, decision: 'pass', actor }] })).rejects.toThrow();
  });
  expect(fake.steps.at(-1)).toMatchObject({ status: 'withdrawn', note: 'changed our mind', closeTask: { outcome: 'cancelled' } });
});

test('withdrawal during the public notice takes the entry off the notice', async () => {
  const fake = await withCase(async (h) => {
    await passToSelection(h);
    const noticeEndsAt = new Date((await env.currentTimeMs()) + 7 * 86_400_000).toISOString();
    await h.signal(committeeOutcomeSignal, { selected: true, rank: 3, noticeEndsAt });
    while ((await h.query(caseStatusQuery)).status !== 'public-notice') await new Promise((r) => setImmediate(r));
    await h.executeUpdate(withdrawUpdate, { args: [{ actor }] });
    expect(await h.result()).toBe('withdrawn');
  });
  expect(fake.steps.at(-1)).toMatchObject({ status: 'withdrawn', notice: 'withdraw' });
});

test('a case the committee round does not select ends as not-selected with its rank', async () => {
  const fake = await withCase(async (h) => {
    await passToSelection(h);
    await h.signal(committeeOutcomeSignal, { selected: false, rank: 101 });
    expect(await h.result()).toBe('not-selected');
  });
  expect(fake.steps.at(-1)).toMatchObject({ status: 'not-selected', rank: 101 });
});

test('a case approved after the round closed is settled as not-selected at once', async () => {
  const fake = await withCase(
    async (h) => {
      await passToSelection(h);
      expect(await h.result()).toBe('not-selected');
    },
    { roundClosed: true },
  );
  expect(fake.statuses().slice(-2)).toEqual(['awaiting-selection', 'not-selected']);
});

test('a withdrawn case refuses a second withdrawal', async () => {
  await withCase(async (h) => {
    await openTask(h);
    await h.executeUpdate(withdrawUpdate, { args: [{ actor }] });
    await h.result();
    await expect(h.executeUpdate(withdrawUpdate, { args: [{ actor }] })).rejects.toThrow();
  });
});
