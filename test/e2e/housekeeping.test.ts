import { randomUUID } from 'node:crypto';
import { ensureHousekeepingSchedule } from '../../gateway/housekeeping';
import { campaignWorkflowId, caseWorkflowId, HOUSEKEEPING_SCHEDULE_ID } from '../../workflows/contract';
import { eventually } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

// The periodic chores run as a Temporal Schedule: every worker asks for it at start, one schedule
// exists, and each run is one workflow however many processes are up.

let system: System;

beforeAll(async () => {
  system = await startSystem();
  await system.startWorker();
});
afterAll(async () => {
  await system?.stop();
});

/** A case stored while Temporal was out of reach: in the database, with no workflow and no step. */
async function caseStoredDuringAnOutage(): Promise<string> {
  const id = randomUUID();
  await system.db.case.create({
    data: {
      id,
      campaignId: 'demo',
      workflowId: caseWorkflowId(id),
      channel: 'self',
      category: 'individual',
      field: 'catering',
      recommendingUnit: '示例单位',
      applicantEmail: 'applicant@example.test',
      nomineeName: '测试人员',
      form: '{}',
      status: 'seal-check',
      submittedAt: new Date(Date.now() - 5 * 60_000),
    },
  });
  return id;
}

test('two workers asking for the housekeeping schedule make one; its run starts the workflow of a case stored during an outage, and the campaign clocks', async () => {
  const orphan = await caseStoredDuringAnOutage();
  const { client } = system.env;
  const taskQueue = system.config.temporal.taskQueue;

  const answers = await Promise.all([ensureHousekeepingSchedule(client, taskQueue), ensureHousekeepingSchedule(client, taskQueue)]);
  expect(answers.sort()).toEqual(['created', 'exists']);

  const schedule = client.schedule.getHandle(HOUSEKEEPING_SCHEDULE_ID);
  const ran = await eventually(() => schedule.describe(), (d) => d.info.recentActions.length > 0);
  expect(ran.info.recentActions).toHaveLength(1);
  const run = ran.info.recentActions[0].action.workflow;
  const report = await client.workflow.getHandle(run.workflowId, run.firstExecutionRunId).result();
  expect(report).toMatchObject({ casesStarted: 1 });
  expect(report.campaignClocks).toBeGreaterThanOrEqual(1);

  await eventually(() => system.db.case.findUniqueOrThrow({ where: { id: orphan } }), (c) => c.lastSeq > 0);
  expect((await client.workflow.getHandle(campaignWorkflowId('demo')).describe()).status.name).toBe('RUNNING');
  await schedule.delete();
});
