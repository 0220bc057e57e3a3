import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import {
  caseStatusQuery,
  caseWorkflowId,
  committeeOutcomeSignal,
  completeTaskUpdate,
  announceSignal,
  deadlinesChangedSignal,
  eligibilityReviewUpdate,
  lodgeObjectionUpdate,
  promotedSignal,
  reportFraudUpdate,
  sealedFormResubmittedUpdate,
  withdrawUpdate,
} from '../../workflows/contract';
import type { CaseStep, NominationInput, TaskDecision } from '../../workflows/contract';
import { nominationWorkflow } from '../../workflows/nomination';
import { fakeCaseActivities } from '../support/fake-case-activities';
import type { FakeOptions } from '../support/fake-case-activities';
import { timeSkippingEnvironment, workflowsPath } from '../support/temporal';

const actor = { id: 'u-1', username: 'reviewer' };
let env: TestWorkflowEnvironment;

// A server per test: its clock is shared, and one test's timers must not move another's.
beforeEach(async () => {
  env = await timeSkippingEnvironment();
});
afterEach(async () => {
  await env?.teardown();
});

type Handle = WorkflowHandle<typeof nominationWorkflow>;

/** Runs one case workflow against recording activities and hands the test its handle. */
async function withCase(
  test: (h: Handle, fake: ReturnType<typeof fakeCaseActivities>) => Promise<void>,
  options: FakeOptions | ((now: number) => FakeOptions) = {},
  channel: NominationInput['channel'] = 'organisation',
) {
  if (typeof options === 'function') options = options(await env.currentTimeMs());
  const fake = fakeCaseActivities({ now: await env.currentTimeMs(), ...options });
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath, activities: fake.activities });
  await worker.runUntil(async () => {
    const caseId = randomUUID();
    const handle = await env.client.workflow.start(nominationWorkflow, {
      workflowId: caseWorkflowId(caseId),
      taskQueue,
      args: [{ caseId, campaignId: 'c-1', channel }],
    });
    try {
      await test(handle, fake);
    } finally {
      // An announced case stays open for fraud reports; a running case would hold the shared test server's clock.
      await handle.terminate('test over').catch(() => undefined);
    }
  });
  return fake;
}

const REVIEW_KINDS = ['seal-check', 'field-review', 'branch-shortlist', 'committee-review'];

/** The open task of a kind (a review task by default), once the workflow has opened it. */
async function openTask(h: Handle, kinds: string[] = REVIEW_KINDS) {
  for (;;) {
    const snapshot = await h.query(caseStatusQuery);
    const task = snapshot.openTasks.find((t) => kinds.includes(t.kind));
    if (task && snapshot.steps > 0) return task;
    await new Promise((r) => setImmediate(r));
  }
}

async function statusReaches(h: Handle, status: string) {
  while ((await h.query(caseStatusQuery)).status !== status) await new Promise((r) => setImmediate(r));
}

/** The notice has ended; the secretariat's announcement reaches the case. */
async function announce(h: Handle) {
  await statusReaches(h, 'notice-ended');
  await h.signal(announceSignal, { announcedAt: new Date(await env.currentTimeMs()).toISOString() });
  await statusReaches(h, 'announced');
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

test('a task decided while the step that opens it is still being recorded is taken once that step is done, not refused as closed', async () => {
  let opening!: (step: CaseStep) => void;
  const fieldReviewOpening = new Promise<CaseStep>((resolve) => (opening = resolve));
  let recorded!: () => void;
  const stepRecorded = new Promise<void>((resolve) => (recorded = resolve));
  const fake = await withCase(
    async (h) => {
      // The seal check's approval is answered once the step that opens the field review is recorded.
      const approved = decide(h, 'approve');
      // The field-review task is in the inbox (the step writes it) before the workflow has the step's result.
      const step = await fieldReviewOpening;
      const taskId = step.openTask!.taskId;
      // Both are accepted while the step is held: the task is open, only not yet the workflow's to decide.
      const accepted = { args: [{ taskId, decision: 'pass', actor }] as [TaskDecision], waitForStage: WorkflowUpdateStage.ACCEPTED } as const;
      const decided = await h.startUpdate(completeTaskUpdate, accepted);
      const again = await h.startUpdate(completeTaskUpdate, accepted);
      recorded();
      expect((await approved).caseStatus).toBe('field-review');
      // The first is taken; the second finds it decided, as any second decision on a task does.
      expect((await decided.result()).caseStatus).toBe('branch-shortlist');
      expect(await refusal(again.result())).toBe('task-not-open');
    },
    {
      duringStep: (step) => {
        if (step.status !== 'field-review' || !step.openTask) return;
        opening(step);
        return stepRecorded;
      },
    },
  );
  expect(fake.statuses()).toEqual(['seal-check', 'field-review', 'branch-shortlist']);
});

test('a nomination passes every review, is selected and noticed, waits in notice-ended, and is announced only when the announcement comes', async () => {
  const fake = await withCase(async (h) => {
    const reply = await passToSelection(h);
    expect(reply.caseStatus).toBe('awaiting-selection');
    const noticeEndsAt = new Date((await env.currentTimeMs()) + 7 * 86_400_000).toISOString();
    await h.signal(committeeOutcomeSignal, { selected: true, rank: 1, noticeEndsAt });
    await statusReaches(h, 'public-notice');
    // An announcement during the notice period does not reach the case.
    await h.signal(announceSignal, { announcedAt: new Date(await env.currentTimeMs()).toISOString() });
    await env.sleep(7 * 86_400_000);
    await statusReaches(h, 'notice-ended');
    await env.sleep(30 * 86_400_000);
    expect((await h.query(caseStatusQuery)).status).toBe('notice-ended');
    await announce(h);
  });
  expect(fake.statuses()).toEqual(['seal-check', 'field-review', 'branch-shortlist', 'committee-review', 'awaiting-selection', 'public-notice', 'notice-ended', 'announced']);
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
  expect(last).toMatchObject({ status: 'rejected', note: 'materials incomplete', closeTask: { outcome: 'completed', decision: 'reject' } });
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
    await statusReaches(h, 'public-notice');
    await h.executeUpdate(withdrawUpdate, { args: [{ actor }] });
    expect(await h.result()).toBe('withdrawn');
  });
  expect(fake.steps.at(-1)).toMatchObject({ status: 'withdrawn' });
  expect(fake.compensated).toEqual(['withdraw-notice', 'revoke-winner']);
});

test('a case the committee round does not select ends as not-selected with its rank', async () => {
  const fake = await withCase(async (h) => {
    await passToSelection(h);
    const noticeEndsAt = new Date((await env.currentTimeMs()) + 86_400_000).toISOString();
    await h.signal(committeeOutcomeSignal, { selected: false, rank: 101, noticeEndsAt });
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

describe('campaign rules', () => {
  test('a case waiting for its resubmission when the submission deadline passes ends expired, and the applicant is told', async () => {
    const fake = await withCase(
      async (h) => {
        await decide(h, 'request-resubmission');
        expect(await h.result()).toBe('expired');
      },
      (now) => ({ settings: { submissionDeadline: new Date(now + 3 * 86_400_000).toISOString() } }),
    );
    expect(fake.statuses()).toEqual(['seal-check', 'resubmission-requested', 'expired']);
    expect(fake.steps.at(-1)!.notify).not.toBe(false);
  });

  test('an extended submission deadline re-arms the expiry: the resubmission in between is accepted', async () => {
    const start = await env.currentTimeMs();
    await withCase(
      async (h) => {
        await decide(h, 'request-resubmission');
        await h.signal(deadlinesChangedSignal, {
          submissionDeadline: new Date(start + 20 * 86_400_000).toISOString(),
          reviewDeadline: new Date(start + 40 * 86_400_000).toISOString(),
          version: 2,
        });
        await env.sleep(5 * 86_400_000); // past the old deadline, before the new one
        expect((await h.query(caseStatusQuery)).status).toBe('resubmission-requested');
        await h.executeUpdate(sealedFormResubmittedUpdate, { args: [{ sealedFormId: 'f-2' }] });
        await decide(h, 'reject');
      },
      { settings: { submissionDeadline: new Date(start + 3 * 86_400_000).toISOString() } },
    );
  });

  test('an earlier submission deadline makes the waiting case expire sooner', async () => {
    const start = await env.currentTimeMs();
    const fake = await withCase(
      async (h) => {
        await decide(h, 'request-resubmission');
        await h.signal(deadlinesChangedSignal, {
          submissionDeadline: new Date(start + 1 * 86_400_000).toISOString(),
          reviewDeadline: new Date(start + 40 * 86_400_000).toISOString(),
          version: 2,
        });
        expect(await h.result()).toBe('expired');
      },
      { settings: { submissionDeadline: new Date(start + 30 * 86_400_000).toISOString() } },
    );
    const expiredAt = Date.parse(fake.steps.at(-1)!.at);
    expect(expiredAt).toBeGreaterThanOrEqual(start + 86_400_000);
    expect(expiredAt).toBeLessThan(start + 2 * 86_400_000);
  });

  test('a committee quorum of three: each member scores once, the case score is the mean of the approvals', async () => {
    const member = (id: string) => ({ id, username: id });
    const fake = await withCase(
      async (h) => {
        await decide(h, 'approve');
        await decide(h, 'pass');
        await decide(h, 'shortlist');
        const task = await openTask(h);
        const vote = (id: string, decision: string, score?: number) =>
          h.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, decision, score, actor: member(id) }] });
        expect((await vote('m1', 'approve', 90)).caseStatus).toBe('committee-review');
        expect(await refusal(vote('m1', 'approve', 95))).toBe('already-scored');
        expect((await vote('m2', 'reject')).caseStatus).toBe('committee-review');
        expect((await vote('m3', 'approve', 81)).caseStatus).toBe('awaiting-selection');
        expect(await refusal(vote('m4', 'approve', 70))).toBe('task-not-open');
      },
      { settings: { committeeQuorum: 3 } },
    );
    expect(fake.votes.map((v) => v.memberId)).toEqual(['m1', 'm2', 'm3']);
    expect(fake.steps.find((s) => s.status === 'awaiting-selection')).toMatchObject({ score: 85.5, closeTask: { decision: 'approve', comment: '2/3' } });
  });

  test('a committee majority against rejects the case', async () => {
    const fake = await withCase(
      async (h) => {
        await decide(h, 'approve');
        await decide(h, 'pass');
        await decide(h, 'shortlist');
        const task = await openTask(h);
        await h.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, decision: 'reject', actor: { id: 'm1', username: 'm1' } }] });
        await h.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, decision: 'approve', score: 99, actor: { id: 'm2', username: 'm2' } }] });
        expect(await h.result()).toBe('rejected');
      },
      { settings: { committeeQuorum: 2 } },
    );
    expect(fake.steps.at(-1)).toMatchObject({ status: 'rejected', closeTask: { decision: 'reject', comment: '1/2' } });
  });

  async function toNotice(h: Handle, days = 7) {
    await passToSelection(h);
    const noticeEndsAt = new Date((await env.currentTimeMs()) + days * 86_400_000).toISOString();
    await h.signal(committeeOutcomeSignal, { selected: true, rank: 1, noticeEndsAt });
    await statusReaches(h, 'public-notice');
  }

  test('an objection during the notice holds the announcement until it is ruled; dismissed, the case is announced', async () => {
    const fake = await withCase(async (h) => {
      await toNotice(h);
      const { taskId } = await h.executeUpdate(lodgeObjectionUpdate, { args: [{ objectionId: 'o-1' }] });
      await env.sleep(8 * 86_400_000);
      expect((await h.query(caseStatusQuery)).status).toBe('public-notice');
      expect(await refusal(h.executeUpdate(lodgeObjectionUpdate, { args: [{ objectionId: 'o-late' }] }))).toBe('not-in-notice-period');
      await h.executeUpdate(completeTaskUpdate, { args: [{ taskId, decision: 'dismiss', comment: '经核实无据', actor }] });
      await announce(h);
    });
    const ruling = fake.steps.find((s) => s.subject?.ruling);
    expect(ruling).toMatchObject({ subject: { kind: 'objection', id: 'o-1', ruling: 'dismiss' }, notify: false });
  });

  test('fraud upheld after announcement undoes every completed step in reverse order and ends disqualified', async () => {
    const fake = await withCase(async (h) => {
      await toNotice(h, 1);
      await env.sleep(2 * 86_400_000);
      await announce(h);
      const { taskId } = await h.executeUpdate(reportFraudUpdate, { args: [{ reportId: 'r-1', actor }] });
      const reply = await h.executeUpdate(completeTaskUpdate, { args: [{ taskId, decision: 'uphold', comment: '材料造假', actor }] });
      expect(reply.caseStatus).toBe('disqualified');
      expect(await h.result()).toBe('disqualified');
    });
    expect(fake.compensated).toEqual(['revoke-announcement', 'withdraw-notice', 'revoke-winner', 'revoke-approval', 'revoke-shortlist', 'notify-parties']);
    expect(fake.steps.at(-1)).toMatchObject({ status: 'disqualified', note: '材料造假' });
  });

  test('fraud upheld before a decision cancels the open review and ends disqualified without undoing anything not done', async () => {
    const fake = await withCase(async (h) => {
      await decide(h, 'approve');
      const { taskId } = await h.executeUpdate(reportFraudUpdate, { args: [{ reportId: 'r-2', actor }] });
      await h.executeUpdate(completeTaskUpdate, { args: [{ taskId, decision: 'uphold', comment: '冒名顶替', actor }] });
      expect(await h.result()).toBe('disqualified');
    });
    expect(fake.compensated).toEqual(['notify-parties']);
    expect(fake.steps.at(-1)).toMatchObject({ status: 'disqualified', closeTask: { outcome: 'cancelled' } });
  });

  test('a dismissed fraud report leaves the case on its way', async () => {
    await withCase(async (h) => {
      const { taskId } = await h.executeUpdate(reportFraudUpdate, { args: [{ reportId: 'r-3', actor }] });
      expect((await h.executeUpdate(completeTaskUpdate, { args: [{ taskId, decision: 'dismiss', actor }] })).caseStatus).toBe('seal-check');
      await decide(h, 'approve');
      await decide(h, 'reject');
    });
  });

  test('a compensation that fails once is retried and takes effect once', async () => {
    const fake = await withCase(
      async (h) => {
        await toNotice(h);
        const { taskId } = await h.executeUpdate(reportFraudUpdate, { args: [{ reportId: 'r-4', actor }] });
        await h.executeUpdate(completeTaskUpdate, { args: [{ taskId, decision: 'uphold', comment: '举报属实', actor }] });
        expect(await h.result()).toBe('disqualified');
      },
      { failCompensation: { 'withdraw-notice': 1 } },
    );
    expect(fake.attempts['withdraw-notice']).toBe(2);
    expect(fake.compensated.filter((c) => c === 'withdraw-notice')).toHaveLength(1);
  });

  test('a compensation that keeps failing opens an incident, the others still run, and resolving it finishes the saga', async () => {
    const fake = await withCase(
      async (h) => {
        await toNotice(h);
        const { taskId } = await h.executeUpdate(reportFraudUpdate, { args: [{ reportId: 'r-5', actor }] });
        const reply = await h.executeUpdate(completeTaskUpdate, { args: [{ taskId, decision: 'uphold', comment: '举报属实', actor }] });
        expect(reply.caseStatus).toBe('public-notice');
        const incident = await openTask(h, ['compensation-incident']);
        expect((await h.query(caseStatusQuery)).status).toBe('public-notice');
        await h.executeUpdate(completeTaskUpdate, { args: [{ taskId: incident.id, decision: 'resolved', comment: '已人工撤下公示', actor }] });
        expect(await h.result()).toBe('disqualified');
      },
      { failCompensation: { 'withdraw-notice': Infinity } },
    );
    expect(fake.compensated).toEqual(['revoke-winner', 'revoke-approval', 'revoke-shortlist', 'notify-parties']);
    expect(fake.steps.some((s) => s.openTask?.kind === 'compensation-incident')).toBe(true);
  });

  test('a reserve case is promoted when a winner is revoked during the notice, and gets a notice period of its own', async () => {
    const fake = await withCase(async (h) => {
      await passToSelection(h);
      const roundNoticeEnd = new Date((await env.currentTimeMs()) + 7 * 86_400_000).toISOString();
      await h.signal(committeeOutcomeSignal, { selected: false, rank: 4, noticeEndsAt: roundNoticeEnd });
      await statusReaches(h, 'not-selected');
      const own = new Date((await env.currentTimeMs()) + 7 * 86_400_000).toISOString();
      await h.signal(promotedSignal, { rank: 3, noticeEndsAt: own });
      await statusReaches(h, 'public-notice');
      await env.sleep(8 * 86_400_000);
      await announce(h);
    });
    expect(fake.statuses().slice(-4)).toEqual(['not-selected', 'public-notice', 'notice-ended', 'announced']);
    expect(fake.steps.find((s) => s.status === 'public-notice')).toMatchObject({ rank: 3, notice: 'publish' });
  });
});

test('a branch’s own nomination goes from the seal check straight to the committee', async () => {
  const fake = await withCase(
    async (h) => {
      await decide(h, 'approve');
      expect((await openTask(h)).kind).toBe('committee-review');
      await decide(h, 'approve', { score: 80 });
    },
    {},
    'branch',
  );
  expect(fake.steps.filter((s) => s.openTask).map((s) => s.openTask!.kind)).toEqual(['seal-check', 'committee-review']);
});

test('a decision carries the comment for the applicant and the internal note apart; only the field review checks the awards', async () => {
  const fake = await withCase(async (h) => {
    await decide(h, 'approve', { comment: '盖章清晰', note: '已电话核实' });
    await decide(h, 'pass', { awardsVerified: false });
    expect(await refusal(decide(h, 'shortlist', { awardsVerified: true }))).toBe('awards-check-not-allowed');
  });
  expect(fake.steps[1]).toMatchObject({ note: '盖章清晰', closeTask: { comment: '盖章清晰', note: '已电话核实' } });
  expect(fake.steps[2]).toMatchObject({ closeTask: { decision: 'pass', awardsVerified: false } });
});

test('an eligibility review ruled ineligible runs the compensations and ends the case disqualified, worded as ineligibility', async () => {
  const fake = await withCase(async (h) => {
    await decide(h, 'approve');
    await decide(h, 'pass');
    await openTask(h);
    const { taskId } = await h.executeUpdate(eligibilityReviewUpdate, { args: [{ reviewId: 'e-1' }] });
    const reply = await h.executeUpdate(completeTaskUpdate, { args: [{ taskId, decision: 'ineligible', actor }] });
    expect(reply.caseStatus).toBe('disqualified');
  });
  expect(fake.steps.find((s) => s.openTask?.kind === 'eligibility-review')).toMatchObject({ subject: { kind: 'eligibility', id: 'e-1' }, notify: false });
  expect(fake.compensated).toEqual(['notify-parties']);
  expect(fake.steps.at(-1)).toMatchObject({ status: 'disqualified', note: 'ineligible' });
});

test('an eligibility review ruled eligible leaves the case on its way', async () => {
  await withCase(async (h) => {
    await decide(h, 'approve');
    const { taskId } = await h.executeUpdate(eligibilityReviewUpdate, { args: [{ reviewId: 'e-2' }] });
    expect((await h.executeUpdate(completeTaskUpdate, { args: [{ taskId, decision: 'eligible', actor }] })).caseStatus).toBe('field-review');
    await decide(h, 'pass');
  });
});
