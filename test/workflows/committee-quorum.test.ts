import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { CaseQuorum } from '../../workflows/contract';
import { caseWorkflowId, committeeQuorumSignal } from '../../workflows/contract';
import { committeeQuorumWorkflow } from '../../workflows/committee-quorum';
import { nominationWorkflow } from '../../workflows/nomination';
import { fakeCaseActivities } from '../support/fake-case-activities';
import { campaignWorkflows } from '../../gateway/campaign-workflows';
import { devServerEnvironment, workflowsPath } from '../support/temporal';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await devServerEnvironment();
});
afterAll(async () => {
  await env?.teardown();
});

/** The quorum each signal told the case, in the order the case received them. */
async function quorumsTold(caseId: string): Promise<unknown[]> {
  const history = await env.client.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory();
  return (history.events ?? [])
    .filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === committeeQuorumSignal.name)
    .map((e) => env.client.options.loadedDataConverter.payloadConverter.fromPayload(e.workflowExecutionSignaledEventAttributes!.input!.payloads![0]));
}

test('after a committee change every case waiting for votes is told the votes it now needs, more cases than one batch, and a case that has gone is skipped', async () => {
  const campaignId = `c-${randomUUID()}`;
  const waiting: CaseQuorum[] = Array.from({ length: 70 }, (_, i) => ({ caseId: randomUUID(), quorum: 1 + (i % 4) }));
  const gone = { caseId: randomUUID(), quorum: 2 };
  const taskQueue = `test-${randomUUID()}`;
  const cases = fakeCaseActivities();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath,
    activities: { ...cases.activities, committeeQuorums: async ({ campaignId: asked }: { campaignId: string }) => (asked === campaignId ? [...waiting.slice(0, 35), gone, ...waiting.slice(35)] : []) },
  });
  await worker.runUntil(async () => {
    for (const { caseId } of waiting) await env.client.workflow.start(nominationWorkflow, { workflowId: caseWorkflowId(caseId), taskQueue, args: [{ caseId, campaignId }] });

    const told = await env.client.workflow.execute(committeeQuorumWorkflow, { workflowId: `committee-quorum-${campaignId}`, taskQueue, args: [{ campaignId }] });

    expect(told).toBe(waiting.length + 1);
    for (const { caseId, quorum } of waiting) expect(await quorumsTold(caseId)).toEqual([{ quorum }]);
  });
});

test('two committee changes in quick succession are both answered as done: the second telling replaces the first, and the first change waits for it', async () => {
  const campaignId = `c-${randomUUID()}`;
  const caseId = randomUUID();
  const taskQueue = `test-${randomUUID()}`;
  let firstReading!: () => void;
  const firstRead = new Promise<void>((resolve) => (firstReading = resolve));
  let readings = 0;
  const cases = fakeCaseActivities();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath,
    activities: {
      ...cases.activities,
      // The first telling's reading never ends: only the second can tell the case.
      committeeQuorums: async (): Promise<CaseQuorum[]> => {
        readings += 1;
        if (readings > 1) return [{ caseId, quorum: 5 }];
        firstReading();
        // Until the worker stops (the workflow it served was terminated long before).
        return Context.current().cancelled;
      },
    },
  });
  const gateway = campaignWorkflows({ temporal: env.client, taskQueue });
  await worker.runUntil(async () => {
    await env.client.workflow.start(nominationWorkflow, { workflowId: caseWorkflowId(caseId), taskQueue, args: [{ caseId, campaignId }] });
    const first = gateway.quorumChanged(campaignId);
    await firstRead;
    const second = gateway.quorumChanged(campaignId);
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
    expect(await quorumsTold(caseId)).toEqual([{ quorum: 5 }]);
  });
});
