import { spawn } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { archiveClosedCases } from '../../audit/history-store';
import type { HistoryItem } from '../../audit/narration/history-item';
import { temporalHistories } from '../../audit/temporal-histories';
import { projectRoot } from '../../config';
import { launchBrowser, newVisitor, signIn, visible } from '../support/browser';
import { ApiClient, eventually, nominationForm, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

// An auditor reads and replays a case on the whole system: real worker, encrypted payloads, a real
// database — from the Temporal server, then from Laurel's archive once the server has forgotten it.
// The history reads as a case file: a row per thing a person did or the case went through, in
// stages, the records that only repeat it (steps written, timeline rows, the audit log's copy of a
// decision, an email's delivery) folded under it; the page and the CSV give the same Beijing time.

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

/** The records folded under the rows, of one source. */
const fromDetail = (items: HistoryItem[], source: string) => items.flatMap((i) => i.detail.filter((d) => d.source === source));

/** The history's CSV as the auditor downloads it, by query or by Accept header. */
async function csvOf(query: string, headers: Record<string, string> = {}): Promise<Response> {
  const login = await fetch(`${system.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'auditor', password: 'demo-password' }) });
  const authorization = `Bearer ${((await login.json()) as { token: string }).token}`;
  return fetch(`${system.baseUrl}/api/cases/${caseId}/history${query}`, { headers: { authorization, ...headers } });
}

/** The raw bytes as text: decoding the body as text would drop the byte-order mark. */
const csvText = async (res: Response) => Buffer.from(await res.arrayBuffer()).toString('utf8');

/** Each row's first cell, its time: a row's folded records run over several lines inside one quoted cell. */
const csvTimes = (csv: string) => [...csv.matchAll(/(?:^\uFEFF?|\r\n)(\d{4}-\d\d-\d\d \d\d:\d\d),/g)].map((m) => m[1]);

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

test('an auditor reads the case file in Chinese: each decision with who and why, in its stage, the records that repeat it folded under it', async () => {
  const res = await auditor.get(`/api/cases/${caseId}/history`);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ caseId, workflowId, source: 'server' });
  const items = res.body.items as HistoryItem[];
  const decision = items.find((i) => i.source === 'workflow' && i.eventType === 'WorkflowExecutionUpdateAccepted' && i.actor === 'wg-catering')!;
  expect(decision).toMatchObject({ kind: 'decision', stage: 'field-review', what: '评审工作组 wg-catering 在业务领域审核中决定不予通过，案件状态变为「未通过」', why: '事迹材料不足' });
  expect(decision.detail[0].text).toMatch(/^评审工作组 wg-catering 作出决定（业务领域审核，任务 .+）：不通过（reject），意见：事迹材料不足$/);
  // The audit log's copy of the decision and the timeline's row of its step are under its fold, not rows of their own.
  expect(decision.detail).toEqual(
    expect.arrayContaining([expect.objectContaining({ source: 'audit', eventType: 'decision', actor: 'wg-catering' }), expect.objectContaining({ source: 'timeline', text: '时间线第 3 步：未通过（rejected）' })]),
  );
  expect(items.filter((i) => i.source === 'timeline' || (i.source === 'audit' && i.eventType === 'decision'))).toEqual([]);
  expect(fromDetail(items, 'timeline').map((d) => d.text)).toEqual(['时间线第 1 步：公章审核（seal-check）', '时间线第 2 步：业务领域审核（field-review）', '时间线第 3 步：未通过（rejected）']);
  // The submission leads the file; the workflow's start is under it.
  expect(items[0]).toMatchObject({ kind: 'submission', stage: 'seal-check', actor: 'assoc-1', what: expect.stringMatching(/^assoc-1 提交申报（推荐单位：.+，渠道：.+），案件状态变为「公章审核」$/) });
  expect(items[0].detail.map((d) => d.text)).toContainEqual(expect.stringMatching(/^案件工作流启动（nominationWorkflow）：/));
  // Each status email is one row, told with its recipient.
  expect(items.filter((i) => i.kind === 'email').map((e) => e.what)).toEqual([
    '状态通知邮件已发给 history-e2e@example.test：案件进入「公章审核」',
    '状态通知邮件已发给 history-e2e@example.test：案件进入「业务领域审核」',
    '状态通知邮件已发给 history-e2e@example.test：案件进入「未通过」',
  ]);
  expect(items.at(-1)).toMatchObject({ what: '案件办理结束，最终状态：未通过', detail: [expect.objectContaining({ text: '案件工作流结束，最终状态：未通过（rejected）' })] });
  // Nothing is lost: every record is under some row, and there are far fewer rows than records.
  expect(items.reduce((n, i) => n + i.detail.length, 0)).toBe(res.body.records);
  expect(items.length * 3).toBeLessThan(res.body.records);
  expect(res.body.stages).toEqual([
    expect.objectContaining({ stage: 'seal-check', label: '公章审核', decidedBy: ['secretariat'], outcome: 'field-review', decisions: [expect.objectContaining({ decision: 'approve', why: '盖章材料齐全' })] }),
    expect.objectContaining({ stage: 'field-review', label: '业务领域审核', decidedBy: ['wg-catering'], outcome: 'rejected', decisions: [expect.objectContaining({ decision: 'reject', why: '事迹材料不足' })] }),
  ]);

  const english = await auditor.request('GET', `/api/cases/${caseId}/history`, undefined, { 'accept-language': 'en' });
  expect(english.body.items.at(-1)).toMatchObject({ what: "the case's process ended: Rejected", atLocal: expect.stringMatching(/ \(Beijing time\)$/) });
});

test('rows filter by kind, in the answer and in the CSV; the stages stay whole; an unknown kind is refused', async () => {
  const decisions = await auditor.get(`/api/cases/${caseId}/history?kind=decision`);
  expect(decisions.body.items.map((i: HistoryItem) => [i.kind, i.actor])).toEqual([
    ['decision', 'secretariat'],
    ['decision', 'wg-catering'],
  ]);
  expect(decisions.body.stages).toHaveLength(2);
  expect(decisions.body.kinds.find((k: { kind: string }) => k.kind === 'email').count).toBe(3);
  const some = await auditor.get(`/api/cases/${caseId}/history?kind=decision,email`);
  expect(new Set(some.body.items.map((i: HistoryItem) => i.kind))).toEqual(new Set(['decision', 'email']));
  expect((await auditor.get(`/api/cases/${caseId}/history?kind=decision,gossip`)).status).toBe(400);
  const emails = await csvText(await csvOf('?format=csv&kind=email'));
  expect(csvTimes(emails)).toHaveLength(3);
  expect(emails).not.toContain('事迹材料不足');
});

test('the history exports as CSV with a byte-order mark, by query or by Accept header, at the Beijing times the answer gives', async () => {
  const items = (await auditor.get(`/api/cases/${caseId}/history`)).body.items as HistoryItem[];
  for (const res of [await csvOf('?format=csv'), await csvOf('', { accept: 'text/csv' })]) {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`case-${caseId}-history.csv`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv).toContain('时间（北京时间，UTC+8）,阶段,类别,操作人,事件,原因或依据,内部备注,来源,事件类型,事件编号,明细（折叠的记录）\r\n');
    expect(csv).toContain('评审工作组 wg-catering 在业务领域审核中决定不予通过，案件状态变为「未通过」,事迹材料不足');
    expect(csvTimes(csv).map((time) => `${time}（北京时间）`)).toEqual(items.map((i) => i.atLocal));
  }
});

test('the auditor’s page shows the case file: stages with their decisions, rows filtered by kind, the machine records folded, at the CSV’s Beijing time', async () => {
  const items = (await auditor.get(`/api/cases/${caseId}/history`)).body.items as HistoryItem[];
  const exported = csvTimes(await csvText(await csvOf('?format=csv')));
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const { page } = await newVisitor(browser, system.baseUrl);
    await signIn(page, 'auditor');
    await page.goto(`/audit?case=${caseId}`);
    const history = page.getByRole('table', { name: /历史记录/ });
    const row = history.getByRole('row').filter({ hasText: 'wg-catering' }).filter({ hasText: '事迹材料不足' });
    await visible(row.getByText('评审工作组 wg-catering 在业务领域审核中决定不予通过，案件状态变为「未通过」', { exact: true }));
    // Every row at the time the CSV gives it.
    const shown = await history.locator('tr[data-kind] > td:first-child time').allTextContents();
    expect(shown).toEqual(exported);
    expect(shown).toHaveLength(items.length);
    // Stages as sections, the decision of each in plain words.
    await visible(page.getByRole('region', { name: '公章审核' }).getByText(/秘书处 secretariat 通过公章审核/));
    await visible(page.getByRole('region', { name: '业务领域审核' }).getByText(/在业务领域审核中决定不予通过/));
    // The machine records are folded, one click away.
    const fold = row.locator('details');
    expect(await fold.getAttribute('open')).toBeNull();
    await fold.locator('summary').click();
    await visible(fold.getByText(/作出决定（业务领域审核，任务 /));
    // Unticking a kind hides its rows, and says how many are shown.
    const emails = history.locator('tr[data-kind="email"]');
    expect(await emails.count()).toBe(3);
    await page.getByRole('checkbox', { name: /^邮件/ }).uncheck();
    for (const email of await emails.all()) expect(await email.isHidden()).toBe(true);
    await visible(row);
    await visible(page.getByRole('table', { name: new RegExp(`显示 ${items.length - 3} 条，共 ${items.length} 条`) }));
  } finally {
    await browser?.close();
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
