import { spawn } from 'node:child_process';
import { archiveClosedCases } from '../../audit/history-store';
import { temporalHistories } from '../../audit/temporal-histories';
import { projectRoot } from '../../config';
import { ApiClient, eventually, nominationForm, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

// An auditor reads and replays a case on the whole system: real worker, encrypted payloads, a real
// database — from the Temporal server, then from Laurel's archive once the server has forgotten it.

let system: System;
let api: ApiClient;
let auditor: ApiClient;
let caseId: string;
let workflowId: string;

async function taskOf(as: ApiClient, id: string, kind: string) {
  const inbox = await eventually(() => as.get(`/api/inbox?kind=${kind}`), (r) => r.body.tasks?.some((t: { caseId: string }) => t.caseId === id));
  return inbox.body.tasks.find((t: { caseId: string }) => t.caseId === id) as { id: string };
}

/** The archive sweep as it runs a minute from now, past the grace period of every change made so far. */
const aMinuteLater = () => Date.now() + 61_000;

/** `npm run replay -- <caseId>` as an operator runs it, against this system. */
function runReplay(id: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/replay.ts', id], { cwd: projectRoot, env: { ...process.env, ...system.processEnv } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  system = await startSystem();
  await system.startWorker();
  api = new ApiClient(system.baseUrl);
  const secretariat = await api.login('secretariat');
  const created = await secretariat.post('/api/campaigns', {
    committeeQuorum: 1,
    code: 'history-e2e',
    title: '审计回放端到端',
    submissionDeadline: new Date(Date.now() + 86_400_000).toISOString(),
    reviewDeadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
  });
  expect(created.status).toBe(201);
  const unit = await api.login('assoc-1');
  const submitted = await unit.post('/api/campaigns/history-e2e/nominations', nominationForm(sampleNomination({ applicantEmail: 'history-e2e@example.test' })));
  expect(submitted.status).toBe(201);
  caseId = submitted.body.caseId;
  await secretariat.post(`/api/tasks/${(await taskOf(secretariat, caseId, 'seal-check')).id}/complete`, { decision: 'approve', comment: '盖章材料齐全' });
  const wg = await api.login('wg-catering');
  const done = await wg.post(`/api/tasks/${(await taskOf(wg, caseId, 'field-review')).id}/complete`, { decision: 'reject', comment: '事迹材料不足' });
  expect(done.body.caseStatus).toBe('rejected');
  workflowId = (await system.db.case.findUniqueOrThrow({ where: { id: caseId } })).workflowId;
  await system.env.client.workflow.getHandle(workflowId).result();
  auditor = await api.login('auditor');
});
afterAll(async () => {
  await system?.stop();
});

test('an auditor reads the case’s story in Chinese: decisions with who and why, from the decrypted workflow history, the audit log and the timeline', async () => {
  const res = await auditor.get(`/api/cases/${caseId}/history`);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ caseId, workflowId, source: 'server' });
  const items = res.body.items as { source: string; actor: string; what: string; why?: string; eventType: string }[];
  expect(items.find((i) => i.source === 'workflow' && i.eventType === 'WorkflowExecutionUpdateAccepted' && i.actor === 'wg-catering')).toMatchObject({
    what: expect.stringMatching(/^评审工作组 wg-catering 作出决定（业务领域审核，任务 .+）：不通过（reject），意见：事迹材料不足$/),
    why: '事迹材料不足',
  });
  expect(items.some((i) => i.source === 'audit' && i.eventType === 'decision' && i.actor === 'wg-catering')).toBe(true);
  expect(items.filter((i) => i.source === 'timeline').map((i) => i.what)).toEqual(['时间线第 1 步：公章审核（seal-check）', '时间线第 2 步：业务领域审核（field-review）', '时间线第 3 步：未通过（rejected）']);
  expect(items.some((i) => i.what === '案件工作流结束，最终状态：未通过（rejected）')).toBe(true);
  expect(items.find((i) => i.source === 'workflow')?.what).toBe('案件工作流启动（nominationWorkflow）');

  const english = await auditor.request('GET', `/api/cases/${caseId}/history`, undefined, { 'accept-language': 'en' });
  expect(english.body.items.some((i: { what: string }) => i.what === 'case workflow ended: Rejected (rejected)')).toBe(true);
});

test('the history exports as CSV with a byte-order mark, by query or by Accept header', async () => {
  const login = await fetch(`${system.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'auditor', password: 'demo-password' }) });
  const authorization = `Bearer ${((await login.json()) as { token: string }).token}`;
  for (const res of [
    await fetch(`${system.baseUrl}/api/cases/${caseId}/history?format=csv`, { headers: { authorization } }),
    await fetch(`${system.baseUrl}/api/cases/${caseId}/history`, { headers: { authorization, accept: 'text/csv' } }),
  ]) {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`case-${caseId}-history.csv`);
    // The raw bytes: decoding the body as text would drop the byte-order mark.
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('时间,来源,操作人,事件,原因或依据,事件类型,事件编号\r\n');
    expect(bytes.toString('utf8')).toContain('不通过（reject），意见：事迹材料不足');
  }
});

test('only auditors and the secretariat read or replay a case’s history; to anyone else signed in it does not exist, and the anonymous must sign in', async () => {
  const wg = await api.login('wg-catering');
  const unit = await api.login('assoc-1');
  for (const as of [wg, unit]) {
    expect((await as.get(`/api/cases/${caseId}/history`)).status).toBe(404);
    expect((await as.post(`/api/cases/${caseId}/replay`)).status).toBe(404);
  }
  expect((await api.get(`/api/cases/${caseId}/history`)).status).toBe(401);
  expect((await api.post(`/api/cases/${caseId}/replay`)).status).toBe(401);
  expect((await (await api.login('secretariat')).get(`/api/cases/${caseId}/history`)).status).toBe(200);
  expect((await auditor.get('/api/cases/no-such-case/history')).status).toBe(404);
  expect((await auditor.get(`/api/cases/${caseId}/history?format=xml`)).status).toBe(400);
});

test('replaying the case against the current code is deterministic and agrees with the history and the database', async () => {
  const res = await auditor.post(`/api/cases/${caseId}/replay`);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    caseId,
    workflowId,
    source: 'server',
    deterministic: true,
    status: 'rejected',
    agreesWithHistory: true,
    agreesWithDatabase: true,
    disagreements: [],
  });
  expect(res.body.events).toBeGreaterThan(10);

  const cli = await runReplay(caseId);
  expect(cli).toMatchObject({ code: 0, stderr: '' });
  expect(cli.stdout).toContain(`replay: case ${caseId}, workflow ${workflowId} (server,`);
  expect(cli.stdout).toMatch(/deterministic: +yes\n {2}status reached: +rejected\n {2}agrees with its history: +yes\n {2}agrees with the database: +yes/);
});

test('a closed case is archived once, with its payloads still encrypted, and again after it changes', async () => {
  expect(await archiveClosedCases(system.db, temporalHistories(system.env.client), { now: aMinuteLater })).toEqual([caseId]);
  expect(await archiveClosedCases(system.db, temporalHistories(system.env.client), { now: aMinuteLater })).toEqual([]);
  const archived = await system.db.caseHistory.findUniqueOrThrow({ where: { caseId } });
  expect(archived).toMatchObject({ workflowId, events: expect.any(Number) });
  expect(archived.history).toContain(Buffer.from('binary/encrypted').toString('base64'));
  expect(archived.history).not.toContain(Buffer.from('事迹材料不足').toString('base64').slice(0, 12));

  await system.db.case.update({ where: { id: caseId }, data: { closedAt: new Date() } });
  expect(await archiveClosedCases(system.db, temporalHistories(system.env.client), { now: aMinuteLater })).toEqual([caseId]);
  expect((await system.db.caseHistory.findUniqueOrThrow({ where: { caseId } })).archivedAt.getTime()).toBeGreaterThan(archived.archivedAt.getTime());
  // A case that has not rested for the grace period yet is left for a later sweep.
  await system.db.case.update({ where: { id: caseId }, data: { closedAt: new Date() } });
  expect(await archiveClosedCases(system.db, temporalHistories(system.env.client), {})).toEqual([]);
});

test('once the server no longer has the workflow, history and replay come from the archive, which stays as it was', async () => {
  const before = (await auditor.get(`/api/cases/${caseId}/history`)).body.items;
  const archived = await system.db.caseHistory.findUniqueOrThrow({ where: { caseId } });

  await system.env.client.workflowService.deleteWorkflowExecution({ namespace: system.config.temporal.namespace, workflowExecution: { workflowId } });
  await eventually(
    () => system.env.client.workflow.getHandle(workflowId).describe().then(() => 'still there', () => 'gone'),
    (state) => state === 'gone',
  );

  const history = await auditor.get(`/api/cases/${caseId}/history`);
  expect(history.body.source).toBe('archive');
  expect(history.body.items).toEqual(before);
  const replay = await auditor.post(`/api/cases/${caseId}/replay`);
  expect(replay.body).toMatchObject({ source: 'archive', deterministic: true, status: 'rejected', agreesWithDatabase: true, events: archived.events });

  await system.db.case.update({ where: { id: caseId }, data: { closedAt: new Date() } });
  expect(await archiveClosedCases(system.db, temporalHistories(system.env.client), { now: aMinuteLater })).toEqual([]);
  expect((await system.db.caseHistory.findUniqueOrThrow({ where: { caseId } })).history).toBe(archived.history);
});

test('a database edited behind the workflow’s back is reported: the replay names each field that disagrees', async () => {
  const field = await system.db.task.findFirstOrThrow({ where: { caseId, kind: 'field-review' } });
  await system.db.case.update({ where: { id: caseId }, data: { status: 'announced' } });
  await system.db.task.update({ where: { id: field.id }, data: { decision: 'pass' } });
  const res = await auditor.post(`/api/cases/${caseId}/replay`);
  expect(res.body).toMatchObject({ deterministic: true, agreesWithHistory: true, agreesWithDatabase: false });
  expect(res.body.disagreements).toEqual([
    { against: 'database', subject: 'status', replayed: 'rejected', recorded: 'announced' },
    { against: 'database', subject: `task ${field.id}.decision`, replayed: 'reject', recorded: 'pass' },
  ]);
  const cli = await runReplay(caseId);
  expect(cli.code).toBe(1);
  expect(cli.stdout).toContain('disagreement with the database: status: replayed "rejected", recorded "announced"');
});
