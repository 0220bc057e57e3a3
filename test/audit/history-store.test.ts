import type { History } from '../../audit/history-json';
import { historyToJson } from '../../audit/history-json';
import { archiveClosedCases, loadCaseHistory } from '../../audit/history-store';
import type { WorkflowHistories } from '../../audit/workflow-histories';
import type { Db } from '../../db/client';
import { committedHistories } from '../histories/committed';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';

// The history store over a fake Temporal server (the WorkflowHistories it is given) and a real database.

let database: TestDatabase;
let db: Db;
const recorded = committedHistories().find((h) => h.path === 'rejected-at-seal-check')!.history;
const aMinuteLater = () => Date.now() + 61_000;

/** A server holding these workflows: each with its latest run, whether it is running, and its history. */
function fakeServer(workflows: Record<string, { runId: string; running: boolean; history: History }>) {
  const fetched: string[] = [];
  const histories: WorkflowHistories = {
    async fetch(workflowId, runId) {
      fetched.push(runId ? `${workflowId}@${runId}` : workflowId);
      return workflows[workflowId]?.history ?? null;
    },
    async describe(workflowId) {
      const w = workflows[workflowId];
      return w ? { runId: w.runId, running: w.running } : null;
    },
  };
  return { histories, fetched, workflows };
}

async function createCase(id: string, status: string) {
  await db.case.create({
    data: {
      id, workflowId: `wf-${id}`, status, campaignId: 'k1', channel: 'organisation', category: 'individual', field: 'catering', recommendingUnit: '示例协会',
      applicantEmail: `${id}@example.test`, nomineeName: '甲', form: '{}',
    },
  });
}

beforeEach(async () => {
  database = await createTestDatabase();
  db = database.db;
  await db.campaign.create({ data: { id: 'k1', code: 'k1', title: '归档测试', submissionDeadline: new Date('2030-01-01T00:00:00Z'), reviewDeadline: new Date('2030-02-01T00:00:00Z') } });
});
afterEach(async () => {
  await database?.drop();
});

test('a case’s history is read from the server while it holds it, with the run it started as', async () => {
  await createCase('a', 'rejected');
  const server = fakeServer({ 'wf-a': { runId: 'run-a', running: false, history: recorded } });
  const stored = await loadCaseHistory(db, server.histories, { id: 'a', workflowId: 'wf-a' });
  expect(stored).toMatchObject({ source: 'server', workflowId: 'wf-a', history: recorded });
  expect(stored?.runId).toBe(recorded.events![0].workflowExecutionStartedEventAttributes!.originalExecutionRunId);
});

test('once the server has forgotten a case, its history comes from the archive; with neither there is none', async () => {
  await createCase('a', 'rejected');
  const forgotten = fakeServer({});
  expect(await loadCaseHistory(db, forgotten.histories, { id: 'a', workflowId: 'wf-a' })).toBeNull();
  await db.caseHistory.create({ data: { caseId: 'a', workflowId: 'wf-a', runId: 'run-a', events: recorded.events!.length, history: historyToJson(recorded, 0) } });
  const stored = await loadCaseHistory(db, forgotten.histories, { id: 'a', workflowId: 'wf-a' });
  expect(stored).toMatchObject({ source: 'archive', workflowId: 'wf-a', runId: 'run-a' });
  expect(stored?.history.events).toHaveLength(recorded.events!.length);
});

test('a sweep archives each closed case once, reading the run the server describes, and leaves active cases alone', async () => {
  await createCase('closed', 'rejected');
  await createCase('active', 'field-review');
  const server = fakeServer({ 'wf-closed': { runId: 'run-1', running: false, history: recorded }, 'wf-active': { runId: 'run-2', running: true, history: recorded } });
  expect(await archiveClosedCases(db, server.histories, { now: aMinuteLater })).toEqual(['closed']);
  expect(server.fetched).toEqual(['wf-closed@run-1']);
  expect(await db.caseHistory.findUniqueOrThrow({ where: { caseId: 'closed' } })).toMatchObject({ workflowId: 'wf-closed', runId: 'run-1', events: recorded.events!.length });
  expect(await archiveClosedCases(db, server.histories, { now: aMinuteLater })).toEqual([]);
});

test('a closed case whose workflow is still finishing waits for a later sweep; an announced one, which stays open for fraud findings, does not', async () => {
  await createCase('finishing', 'rejected');
  await createCase('announced', 'announced');
  const server = fakeServer({ 'wf-finishing': { runId: 'r', running: true, history: recorded }, 'wf-announced': { runId: 'r', running: true, history: recorded } });
  expect(await archiveClosedCases(db, server.histories, { now: aMinuteLater })).toEqual(['announced']);
  server.workflows['wf-finishing'].running = false;
  expect(await archiveClosedCases(db, server.histories, { now: aMinuteLater })).toEqual(['finishing']);
});

test('a case changed after its archive is archived again; one gone from the server keeps the archive it has', async () => {
  await createCase('a', 'announced');
  const server = fakeServer({ 'wf-a': { runId: 'r', running: true, history: recorded } });
  expect(await archiveClosedCases(db, server.histories, { now: aMinuteLater })).toEqual(['a']);
  const first = await db.caseHistory.findUniqueOrThrow({ where: { caseId: 'a' } });

  await db.case.update({ where: { id: 'a' }, data: { status: 'disqualified' } });
  server.workflows['wf-a'].running = false;
  expect(await archiveClosedCases(db, server.histories, { now: aMinuteLater })).toEqual(['a']);
  const second = await db.caseHistory.findUniqueOrThrow({ where: { caseId: 'a' } });
  expect(second.archivedAt.getTime()).toBeGreaterThan(first.archivedAt.getTime());

  await db.case.update({ where: { id: 'a' }, data: { closedAt: new Date() } });
  delete server.workflows['wf-a'];
  expect(await archiveClosedCases(db, server.histories, { now: aMinuteLater })).toEqual([]);
  expect(await db.caseHistory.findUniqueOrThrow({ where: { caseId: 'a' } })).toEqual(second);
});

test('a sweep takes only cases that have rested for the grace period, and at most its limit', async () => {
  for (const id of ['a', 'b', 'c']) await createCase(id, 'expired');
  const server = fakeServer(Object.fromEntries(['a', 'b', 'c'].map((id) => [`wf-${id}`, { runId: 'r', running: false, history: recorded }])));
  expect(await archiveClosedCases(db, server.histories)).toEqual([]);
  expect(await archiveClosedCases(db, server.histories, { now: aMinuteLater, limit: 2 })).toEqual(['a', 'b']);
  expect(await archiveClosedCases(db, server.histories, { now: aMinuteLater, limit: 2 })).toEqual(['c']);
});
