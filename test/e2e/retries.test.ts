import { Client, Connection } from '@temporalio/client';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../api/app';
import { ApiClient, eventually, nominationForm, openCampaign, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

/*
 * Every answer tells the truth: a call that changes a case through its workflow, retried with its
 * Idempotency-Key, is answered its first answer and applied once — also when the first answer was
 * lost on the way; and when Temporal cannot be reached the answer is 503 with Retry-After, fast.
 */

let system: System;
let api: ApiClient;
let secretariat: ApiClient;
let campaignId: string;

beforeAll(async () => {
  system = await startSystem();
  await system.startWorker();
  api = new ApiClient(system.baseUrl);
  secretariat = await api.login('secretariat');
  campaignId = await openCampaign(secretariat, 'retries', '重试测试', { publicNoticePeriod: 'PT1H' });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

async function newCaseAtSealCheck() {
  const res = await api.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination({ channel: 'self' })));
  expect(res.status).toBe(201);
  const caseId = res.body.caseId as string;
  const inbox = await eventually(() => secretariat.get(`/api/inbox?kind=seal-check`), (r) => r.body.tasks.some((t: { caseId: string }) => t.caseId === caseId));
  return { caseId, taskId: inbox.body.tasks.find((t: { caseId: string }) => t.caseId === caseId).id as string };
}

const decisionsAudited = (taskId: string) => system.db.auditEntry.count({ where: { action: 'decision', details: { contains: taskId } } });

test('a decision retried with its Idempotency-Key is answered the first answer, marked replayed, and decided and audited once', async () => {
  const { caseId, taskId } = await newCaseAtSealCheck();
  const key = { 'idempotency-key': `decide-${taskId}` };
  const first = await secretariat.post(`/api/tasks/${taskId}/complete`, { decision: 'approve', comment: '材料齐全' }, key);
  expect(first.status).toBe(200);
  const again = await secretariat.post(`/api/tasks/${taskId}/complete`, { decision: 'approve', comment: '材料齐全' }, key);
  expect(again.status).toBe(200);
  expect(again.body).toEqual(first.body);
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  expect(await decisionsAudited(taskId)).toBe(1);
  const kase = await secretariat.get(`/api/nominations/${caseId}`);
  expect(kase.body.timeline.map((e: { status: string }) => e.status)).toEqual(['seal-check', 'field-review']);

  const other = await secretariat.post(`/api/tasks/${taskId}/complete`, { decision: 'reject' }, key);
  expect(other.status).toBe(422);
  expect(other.body.error.code).toBe('idempotency-key-reused');
  // Without a key, a second decision on a closed task is the conflict it always was.
  expect((await secretariat.post(`/api/tasks/${taskId}/complete`, { decision: 'approve' })).status).toBe(409);
}, 60_000);

test('a decision whose answer was lost (the API died before keeping it) is answered as done on retry, not as a conflict with itself', async () => {
  for (const decision of ['approve', 'reject']) {
    const { caseId, taskId } = await newCaseAtSealCheck();
    const key = { 'idempotency-key': `lost-${taskId}` };
    expect((await secretariat.post(`/api/tasks/${taskId}/complete`, { decision }, key)).status).toBe(200);
    // What a crash between the decision and keeping its answer leaves: the decision, and no answer.
    await system.db.idempotentRequest.deleteMany({});
    const retried = await secretariat.post(`/api/tasks/${taskId}/complete`, { decision }, key);
    expect(retried.status).toBe(200);
    expect(retried.body.caseStatus).toBe(decision === 'approve' ? 'field-review' : 'rejected');
    expect(retried.body.task).toMatchObject({ id: taskId, status: 'completed', decision });
    expect(await decisionsAudited(taskId)).toBe(1);
    expect((await secretariat.get(`/api/nominations/${caseId}`)).body.timeline).toHaveLength(2);
  }
}, 60_000);

test('a fraud report retried with its key opens one investigation and answers the same report', async () => {
  const { caseId } = await newCaseAtSealCheck();
  const key = { 'idempotency-key': `fraud-${caseId}` };
  const first = await secretariat.post(`/api/nominations/${caseId}/fraud-reports`, { reason: '材料存疑' }, key);
  expect(first.status).toBe(202);
  await system.db.idempotentRequest.deleteMany({});
  const again = await secretariat.post(`/api/nominations/${caseId}/fraud-reports`, { reason: '材料存疑' }, key);
  expect(again).toMatchObject({ status: 202, body: first.body });
  expect(await system.db.fraudReport.count({ where: { caseId } })).toBe(1);
  expect(await system.db.task.count({ where: { caseId, kind: 'fraud-investigation' } })).toBe(1);
}, 60_000);

describe('when Temporal cannot be reached', () => {
  let server: Server;
  let down: ApiClient;

  beforeAll(async () => {
    // The same database, and a Temporal address nothing listens on.
    const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    server = await new Promise((resolve) => {
      const s = createApp({ db: system.db, temporal, config: system.config }).listen(0, '127.0.0.1', () => resolve(s));
    });
    down = await new ApiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`).login('secretariat');
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    // Calls cut short keep retrying in the client for a while: closing the connection under them would
    // throw in their timers. It is left to the end of the process.
  });

  test('a decision answers 503 with Retry-After within 5 s, reads keep answering, and the retry once Temporal is back decides once', async () => {
    const { taskId } = await newCaseAtSealCheck();
    const key = { 'idempotency-key': `outage-${taskId}` };
    const started = Date.now();
    const refused = await down.post(`/api/tasks/${taskId}/complete`, { decision: 'approve' }, key);
    const elapsed = Date.now() - started;
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('temporarily-unavailable');
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(elapsed).toBeLessThan(5_000);
    expect((await down.get('/api/inbox?kind=seal-check')).status).toBe(200);
    const health = await down.get('/healthz');
    expect(health).toMatchObject({ status: 503, body: { temporal: 'unreachable', database: 'ok' } });

    const retried = await secretariat.post(`/api/tasks/${taskId}/complete`, { decision: 'approve' }, key);
    expect(retried.status).toBe(200);
    expect(await decisionsAudited(taskId)).toBe(1);
  }, 30_000);

  test('withdrawal, deadline change and committee close answer 503 within 5 s too', async () => {
    const submitted = await api.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination({ channel: 'self' })));
    const applicant = new ApiClient((down as unknown as { baseUrl: string }).baseUrl).as(submitted.body.accessToken);
    const calls = [
      () => applicant.post(`/api/nominations/${submitted.body.caseId}/withdraw`, {}),
      () => down.patch(`/api/campaigns/${campaignId}/deadlines`, { reviewDeadline: new Date(Date.now() + 3 * 86_400_000).toISOString() }),
      () => down.post(`/api/campaigns/${campaignId}/committee/close`, { force: true }),
    ];
    for (const call of calls) {
      const started = Date.now();
      const res = await call();
      expect({ status: res.status, fast: Date.now() - started < 5_000 }).toEqual({ status: 503, fast: true });
    }
  }, 60_000);
});
