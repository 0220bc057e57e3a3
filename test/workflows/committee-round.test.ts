import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/activity';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { campaignWorkflows } from '../../gateway/campaign-workflows';
import { committeeRoundWorkflow } from '../../workflows/committee-round';
import type { CommitteeOutcome, RankedCase, RoundSummary } from '../../workflows/contract';
import { caseWorkflowId, committeeOutcomeSignal, committeeRoundWorkflowId, roundRankedUpdate } from '../../workflows/contract';
import { signalsSent } from '../support/signals-sent';
import { devServerEnvironment, workflowsPath } from '../support/temporal';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await devServerEnvironment();
});
afterAll(async () => {
  await env?.teardown();
});

const NOTICE_ENDS_AT = '2030-04-08T00:00:00.000Z';

/** A stored ranking of `size` cases, ties of three sharing a rank, the first `winners` selected. */
function ranking(size: number, winners: number): RankedCase[] {
  return Array.from({ length: size }, (_, i) => ({ caseId: `case-${String(i).padStart(5, '0')}`, rank: 1 + Math.floor(i / 3) * 3, selected: i < winners }));
}

/** The round's activities over a stored ranking; its pages are served only once `pagesOpen` resolves. */
function roundActivities(ranked: RankedCase[], pagesOpen: Promise<void> = Promise.resolve()) {
  const calls = { ranked: 0, pages: 0 };
  const summary: RoundSummary = { winners: ranked.filter((c) => c.selected).length, notSelected: ranked.filter((c) => !c.selected).length, noticeEndsAt: NOTICE_ENDS_AT };
  const after = (c: RankedCase, a: RankedCase | null) => !a || c.rank > a.rank || (c.rank === a.rank && c.caseId > a.caseId);
  return {
    calls,
    summary,
    activities: {
      rankCommitteeRound: async () => {
        calls.ranked++;
        return summary;
      },
      rankedCasesPage: async ({ after: a, limit }: { after: RankedCase | null; limit: number }) => {
        await pagesOpen;
        calls.pages++;
        return ranked.filter((c) => after(c, a)).slice(0, limit);
      },
    },
  };
}

/** Every outcome the round sent, across its runs. */
const told = (workflowId: string) => signalsSent<CommitteeOutcome>(env.client, workflowId, committeeOutcomeSignal.name);

const expectedSignals = (ranked: RankedCase[]) => ranked.map((c) => ({ workflowId: caseWorkflowId(c.caseId), message: { selected: c.selected, rank: c.rank, noticeEndsAt: NOTICE_ENDS_AT } }));

test('the close is answered once the round is ranked, while no case has yet been told; then every case is told its outcome in rank order', async () => {
  const campaignId = `c-${randomUUID()}`;
  const ranked = ranking(120, 100);
  let openPages!: () => void;
  const round = roundActivities(ranked, new Promise<void>((resolve) => (openPages = resolve)));
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath, activities: round.activities });
  await worker.runUntil(async () => {
    const answer = await campaignWorkflows({ temporal: env.client, taskQueue }).closeCommitteeRound(campaignId);

    expect(answer).toEqual({ winners: 100, notSelected: 20, noticeEndsAt: NOTICE_ENDS_AT });
    const handle = env.client.workflow.getHandle(committeeRoundWorkflowId(campaignId));
    expect((await told(handle.workflowId)).signals).toEqual([]);

    openPages();
    await handle.result();
    expect(await told(handle.workflowId)).toEqual({ runs: 1, signals: expectedSignals(ranked) });
  });
});

test('a round of 1,200 cases continues as new before its history grows past its limit, and tells every case once, in rank order', async () => {
  const campaignId = `c-${randomUUID()}`;
  const ranked = ranking(1_200, 100);
  const round = roundActivities(ranked);
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath, activities: round.activities });
  await worker.runUntil(async () => {
    const start = new WithStartWorkflowOperation(committeeRoundWorkflow, {
      workflowId: committeeRoundWorkflowId(campaignId),
      taskQueue,
      args: [{ campaignId, historyLimit: 600 }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    expect(await env.client.workflow.executeUpdateWithStart(roundRankedUpdate, { startWorkflowOperation: start })).toEqual(round.summary);
    const handle = await start.workflowHandle();
    expect(await handle.result()).toEqual(round.summary);

    const { runs, signals } = await told(handle.workflowId);
    expect(runs).toBe(3);
    expect(signals).toEqual(expectedSignals(ranked));
    expect(round.calls).toEqual({ ranked: 1, pages: 3 });
  });
});

test('a second close while the round tells its cases is answered the same ranking, without ranking again', async () => {
  const campaignId = `c-${randomUUID()}`;
  let openPages!: () => void;
  const round = roundActivities(ranking(30, 10), new Promise<void>((resolve) => (openPages = resolve)));
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath, activities: round.activities });
  await worker.runUntil(async () => {
    const gateway = campaignWorkflows({ temporal: env.client, taskQueue });
    const first = await gateway.closeCommitteeRound(campaignId);
    const second = await gateway.closeCommitteeRound(campaignId);
    openPages();
    await env.client.workflow.getHandle(committeeRoundWorkflowId(campaignId)).result();

    expect(second).toEqual(first);
    expect(round.calls.ranked).toBe(1);
  });
});

test('a round that cannot be ranked answers the close with the reason, and tells no case', async () => {
  const campaignId = `c-${randomUUID()}`;
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath,
    activities: {
      rankCommitteeRound: async () => {
        throw ApplicationFailure.create({ type: 'bad-notice-period', message: 'no valid notice period', nonRetryable: true });
      },
      rankedCasesPage: async () => [],
    },
  });
  await worker.runUntil(async () => {
    const closing = campaignWorkflows({ temporal: env.client, taskQueue }).closeCommitteeRound(campaignId);

    const refusal = await closing.then(() => undefined, (err: unknown) => err);
    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refusal as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'round-not-ranked', cause: { cause: { type: 'bad-notice-period', message: 'no valid notice period' } } });
    expect((await told(committeeRoundWorkflowId(campaignId))).signals).toEqual([]);
  });
});
