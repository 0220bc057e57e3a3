import { createHash } from 'node:crypto';
import { ApiClient, eventually, nominationForm, openCampaign, SAMPLE_PDF, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

let system: System;
let api: ApiClient;
let secretariat: ApiClient;
let unit: ApiClient;
let campaignId = '';
let campaigns = 0;

beforeAll(async () => {
  system = await startSystem();
  await system.startWorker();
  api = new ApiClient(system.baseUrl);
  secretariat = await api.login('secretariat');
  unit = await api.login('assoc-1');
});

// A campaign per test: a unit's quota (three for an association) must not run out across tests.
beforeEach(async () => {
  campaigns += 1;
  campaignId = await openCampaign(secretariat, `api-test-${campaigns}`, '接口测试');
});
afterAll(async () => {
  await system?.stop();
});

async function submit(as: ApiClient, overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return as.request('POST', `/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination(overrides)), headers);
}

async function openTaskOf(as: ApiClient, caseId: string, kind: string) {
  const inbox = await eventually(() => as.get(`/api/inbox?kind=${kind}`), (r) => r.body.tasks?.some((t: { caseId: string }) => t.caseId === caseId));
  return inbox.body.tasks.find((t: { caseId: string }) => t.caseId === caseId) as { id: string };
}

test('a bad nomination is refused with 400 naming every offending field, in Chinese unless English is asked for', async () => {
  const form = nominationForm({ ...sampleNomination(), field: 'Astronomy!', applicantEmail: 'x', nominee: { name: '某' }, status: 'announced' });
  const res = await unit.post(`/api/campaigns/${campaignId}/nominations`, form);
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('validation-failed');
  expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(
    expect.arrayContaining(['nomination.field', 'nomination.applicantEmail', 'nomination.nominee.gender', 'nomination.nominee.age', 'nomination.status']),
  );
  const en = await unit.request('POST', '/api/auth/login', { username: 'nobody', password: 'x' }, { 'accept-language': 'en-GB,en;q=0.9' });
  expect(en.body.error).toEqual({ code: 'invalid-credentials', message: 'Wrong username or password.' });
});

test('errors never carry a stack trace, and unknown paths answer 404 in the contract shape', async () => {
  const res = await api.get('/api/no-such-thing');
  expect(res.status).toBe(404);
  expect(Object.keys(res.body.error).sort()).toEqual(['code', 'message']);
  const malformed = await fetch(`${system.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
  const body = await malformed.json();
  expect(malformed.status).toBe(400);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
});

test('channels are checked: organisation needs a unit login of the right kind and its own unit name', async () => {
  expect((await submit(api)).status).toBe(401);
  expect((await submit(await api.login('branchoffice-1'))).status).toBe(403);
  expect((await submit(secretariat)).status).toBe(403);
  const mismatch = await submit(unit, { recommendingUnit: '别的单位' });
  expect(mismatch.status).toBe(422);
  expect(mismatch.body.error.code).toBe('unit-mismatch');
});

test('the sealed form is judged by its content: a renamed file is 415, more than 10 MB is 413, none is 400', async () => {
  const fake = await unit.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination(), Buffer.from('MZ\x90\x00 not a pdf'), 'form.pdf'));
  expect(fake.status).toBe(415);
  const big = Buffer.concat([SAMPLE_PDF, Buffer.alloc(10 * 1024 * 1024)]);
  expect((await unit.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination(), big))).status).toBe(413);
  const noFile = new FormData();
  noFile.append('nomination', JSON.stringify(sampleNomination()));
  const missing = await unit.post(`/api/campaigns/${campaignId}/nominations`, noFile);
  expect(missing.status).toBe(400);
  expect(missing.body.error.details).toEqual([{ path: 'sealedForm', message: 'required' }]);
});

test('a stored upload keeps its SHA-256 on the case', async () => {
  const res = await submit(unit);
  const view = await unit.get(`/api/nominations/${res.body.caseId}`);
  expect(view.body.sealedForm).toMatchObject({ mediaType: 'application/pdf', size: SAMPLE_PDF.length, sha256: createHash('sha256').update(SAMPLE_PDF).digest('hex') });
});

test('an Idempotency-Key makes a retried submission return the same case', async () => {
  const first = await submit(unit, {}, { 'idempotency-key': 'retry-1' });
  const again = await submit(unit, {}, { 'idempotency-key': 'retry-1' });
  expect(first.status).toBe(201);
  expect(again.status).toBe(200);
  expect(again.body.caseId).toBe(first.body.caseId);
});

test('a case is visible to its unit, its applicant token and staff of its field, 404 to everyone else, and 401 without credentials', async () => {
  const mine = await submit(unit);
  const self = await submit(api, { channel: 'self' });
  const caseId = mine.body.caseId;
  expect((await unit.get(`/api/nominations/${caseId}`)).status).toBe(200);
  expect((await (await api.login('wg-catering')).get(`/api/nominations/${caseId}`)).status).toBe(200);
  expect((await (await api.login('assoc-2')).get(`/api/nominations/${caseId}`)).status).toBe(404);
  expect((await (await api.login('wg-energy')).get(`/api/nominations/${caseId}`)).status).toBe(404);
  expect((await api.as(self.body.accessToken).get(`/api/nominations/${self.body.caseId}`)).status).toBe(200);
  expect((await api.as(self.body.accessToken).get(`/api/nominations/${caseId}`)).status).toBe(404);
  expect((await api.get(`/api/nominations/${caseId}`)).status).toBe(401);
  expect((await api.as('ls_forged').get(`/api/nominations/${caseId}`)).status).toBe(401);
});

test('inbox tasks go only to the group that may act; a wrong decision is 422, another reviewer’s claim is 409', async () => {
  const { body } = await submit(unit);
  const task = await openTaskOf(secretariat, body.caseId, 'seal-check');
  expect((await (await api.login('wg-catering')).get('/api/inbox')).body.tasks.some((t: { id: string }) => t.id === task.id)).toBe(false);
  expect((await (await api.login('wg-catering')).post(`/api/tasks/${task.id}/complete`, { decision: 'pass' })).status).toBe(404);
  const wrong = await secretariat.post(`/api/tasks/${task.id}/complete`, { decision: 'shortlist' });
  expect(wrong.status).toBe(422);
  expect(wrong.body.error.code).toBe('decision-not-allowed');
  const otherSecretary = await api.login('secretariat');
  expect((await secretariat.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
  const mine = await secretariat.get('/api/inbox?claimed=mine');
  expect(mine.body.tasks.map((t: { id: string }) => t.id)).toContain(task.id);
  // The same account in another session is the same person; a different person would be refused.
  expect((await otherSecretary.post(`/api/tasks/${task.id}/complete`, { decision: 'approve' })).status).toBe(200);
  const again = await secretariat.post(`/api/tasks/${task.id}/complete`, { decision: 'approve' });
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('task-not-open');
});

test('a task claimed by one reviewer cannot be completed or released by another', async () => {
  const { body } = await submit(unit);
  await secretariat.post(`/api/tasks/${(await openTaskOf(secretariat, body.caseId, 'seal-check')).id}/complete`, { decision: 'approve' });
  const task = await openTaskOf(await api.login('wg-catering'), body.caseId, 'field-review');
  const branchReviewer = await api.login('wg-catering');
  expect((await branchReviewer.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
  const secretariatTwin = await api.login('secretariat');
  expect((await secretariatTwin.post(`/api/tasks/${task.id}/claim`)).status).toBe(404);
  expect((await branchReviewer.post(`/api/tasks/${task.id}/release`)).status).toBe(200);
  const inbox = await branchReviewer.get('/api/inbox?claimed=none&kind=field-review');
  expect(inbox.body.tasks.map((t: { id: string }) => t.id)).toContain(task.id);
});

test('a requested resubmission of the sealed form is accepted from the applicant and reopens the seal check', async () => {
  const self = await submit(api, { channel: 'self' });
  const applicant = api.as(self.body.accessToken);
  const task = await openTaskOf(secretariat, self.body.caseId, 'seal-check');
  const asked = await secretariat.post(`/api/tasks/${task.id}/complete`, { decision: 'request-resubmission', comment: '公章不清晰' });
  expect(asked.body.caseStatus).toBe('resubmission-requested');
  const form = new FormData();
  form.append('sealedForm', new Blob([SAMPLE_PDF], { type: 'application/pdf' }), 'again.pdf');
  const resent = await applicant.post(`/api/nominations/${self.body.caseId}/sealed-form`, form);
  expect(resent.status).toBe(200);
  expect(resent.body.status).toBe('seal-check');
  const form2 = new FormData();
  form2.append('sealedForm', new Blob([SAMPLE_PDF], { type: 'application/pdf' }), 'again.pdf');
  expect((await applicant.post(`/api/nominations/${self.body.caseId}/sealed-form`, form2)).status).toBe(409);
  const next = await openTaskOf(secretariat, self.body.caseId, 'seal-check');
  expect(next.id).not.toBe(task.id);
});

test('withdrawal by the submitting unit ends the case; a second one is 409 and audited as refused; staff may not withdraw', async () => {
  const { body } = await submit(unit);
  await openTaskOf(secretariat, body.caseId, 'seal-check');
  expect((await secretariat.post(`/api/nominations/${body.caseId}/withdraw`)).status).toBe(403);
  const res = await unit.post(`/api/nominations/${body.caseId}/withdraw`, { reason: '单位决定撤回' });
  expect(res.status).toBe(200);
  expect(res.body.status).toBe('withdrawn');
  expect((await unit.get(`/api/nominations/${body.caseId}`)).body.openTasks).toEqual([]);
  expect((await unit.post(`/api/nominations/${body.caseId}/withdraw`)).status).toBe(409);
  const audit = await system.db.auditEntry.findMany({ where: { caseId: body.caseId }, orderBy: { id: 'asc' } });
  expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['nomination-submitted', 'nomination-withdrawn', 'withdrawal-refused']));
});

test('after the submission deadline a nomination is refused with 409 deadline-passed; deadlines move the open tasks', async () => {
  const { body } = await submit(unit);
  await openTaskOf(secretariat, body.caseId, 'seal-check');
  const review = new Date(Date.now() + 5 * 86_400_000).toISOString();
  const moved = await secretariat.patch(`/api/campaigns/${campaignId}/deadlines`, { submissionDeadline: new Date(Date.now() - 1000).toISOString(), reviewDeadline: review });
  expect(moved.status).toBe(200);
  const view = await unit.get(`/api/nominations/${body.caseId}`);
  expect(view.body.openTasks[0].dueAt).toBe(review);
  const late = await submit(unit);
  expect(late.status).toBe(409);
  expect(late.body.error.code).toBe('deadline-passed');
  expect((await secretariat.patch(`/api/campaigns/${campaignId}/deadlines`, { submissionDeadline: new Date(Date.now() + 86_400_000).toISOString() })).status).toBe(200);
  expect((await unit.patch(`/api/campaigns/${campaignId}/deadlines`, { reviewDeadline: review })).status).toBe(403);
  expect((await secretariat.patch(`/api/campaigns/${campaignId}/deadlines`, { reviewDeadline: new Date(Date.now() - 5 * 86_400_000).toISOString() })).status).toBe(422);
});

test('only the secretariat creates campaigns; a duplicate code is 409', async () => {
  const body = { code: 'another', title: 't', submissionDeadline: '2031-02-28T23:59:59+08:00', reviewDeadline: '2031-03-31T23:59:59+08:00' };
  expect((await unit.post('/api/campaigns', body)).status).toBe(403);
  expect((await secretariat.post('/api/campaigns', body)).status).toBe(201);
  expect((await secretariat.post('/api/campaigns', body)).status).toBe(409);
  expect((await unit.get('/api/campaigns')).body.campaigns.map((c: { id: string }) => c.id)).toContain('another');
});

test('a campaign created without settings takes the notice’s winner target (100), a 7-day notice and self-nomination; a copy takes the earlier campaign’s', async () => {
  const dates = { submissionDeadline: '2032-02-28T23:59:59+08:00', reviewDeadline: '2032-03-31T23:59:59+08:00' };
  const plain = await secretariat.post('/api/campaigns', { code: 'defaults-2032', title: '默认设置', ...dates });
  expect(plain.body).toMatchObject({ winnerCap: 100, publicNoticePeriod: 'P7D', selfNomination: true });
  await secretariat.patch('/api/campaigns/defaults-2032', { winnerCap: 30, publicNoticePeriod: 'P5D', selfNomination: false });
  const copy = await secretariat.post('/api/campaigns', { code: 'defaults-2033', title: '下一届', ...dates, copyFrom: 'defaults-2032' });
  expect(copy.body).toMatchObject({ winnerCap: 30, publicNoticePeriod: 'P5D', selfNomination: false });
});

test('health, the OpenAPI document and the caught mail are served', async () => {
  expect((await api.get('/healthz')).body).toEqual({ status: 'ok', database: 'ok', temporal: 'ok' });
  const doc = (await api.get('/openapi.json')).body;
  expect(doc.openapi).toMatch(/^3\./);
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/campaigns/{id}/nominations', '/api/tasks/{id}/complete', '/api/inbox']));
  expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/LoginRequest' });
  expect(doc.components.schemas.LoginRequest.required).toEqual(['username', 'password']);
  expect(JSON.stringify(doc)).not.toContain('#/$defs/');
  const { body } = await submit(unit, { applicantEmail: 'mail-check@example.test' });
  const mail = await eventually(() => api.get('/dev/mail'), (r) => r.body.messages.some((m: { to: string[] }) => m.to.includes('mail-check@example.test')));
  expect(mail.body.messages[0]).toEqual({ to: expect.any(Array), from: expect.any(String), subject: expect.any(String), text: expect.any(String), date: expect.any(String), messageId: expect.any(String) });
  expect(JSON.stringify(mail.body)).toContain(body.caseId);
});

test("the branch's shortlist view lists nominees with more media awards first", async () => {
  const award = (i: number) => ({ title: `媒体表彰${i}`, issuer: '示例日报', year: 2023 });
  const plain = await submit(api, { channel: 'self', mediaAwards: [] });
  const awarded = await submit(api, { channel: 'self', mediaAwards: [award(1), award(2)] });
  const wg = await api.login('wg-catering');
  for (const { body } of [plain, awarded]) {
    await secretariat.post(`/api/tasks/${(await openTaskOf(secretariat, body.caseId, 'seal-check')).id}/complete`, { decision: 'approve' });
    await wg.post(`/api/tasks/${(await openTaskOf(wg, body.caseId, 'field-review')).id}/complete`, { decision: 'pass' });
  }
  const branch = await api.login('branch-catering');
  const view = await eventually(
    () => branch.get(`/api/inbox?kind=branch-shortlist&campaignId=${campaignId}`),
    (r) => r.body.tasks.length === 2,
  );
  expect(view.body.tasks.map((t: { caseId: string }) => t.caseId)).toEqual([awarded.body.caseId, plain.body.caseId]);
});

test('objections are rate-limited per address: past ten a minute the answer is 429', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) statuses.push((await api.post(`/api/public/campaigns/${campaignId}/objections`, { caseId: 'no-such-case', reason: '测试' })).status);
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
  expect(statuses[10]).toBe(429);
});

test('a claimed task names who holds it, in the inbox and on the case', async () => {
  const { body } = await submit(unit);
  const seal = await openTaskOf(secretariat, body.caseId, 'seal-check');
  expect((await secretariat.post(`/api/tasks/${seal.id}/claim`)).status).toBe(200);
  const inbox = await secretariat.get('/api/inbox?kind=seal-check');
  expect(inbox.body.tasks.find((t: { id: string }) => t.id === seal.id).claimedByName).toBe('secretariat');
  const view = await (await api.login('auditor')).get(`/api/nominations/${body.caseId}`);
  expect(view.body.openTasks.find((t: { id: string }) => t.id === seal.id).claimedByName).toBe('secretariat');
});

test('a field the campaign does not have is refused with 400 naming the field', async () => {
  const res = await unit.post(`/api/campaigns/${campaignId}/nominations`, nominationForm({ ...sampleNomination(), field: 'astronomy' }));
  expect(res.status).toBe(400);
  expect(res.body.error.details).toEqual([{ path: 'nomination.field', message: '不是本次评选活动的业务领域' }]);
});

test('anyone may read a campaign’s title, dates, phase and the settings a nominator needs, and no counts', async () => {
  const res = await api.get(`/api/public/campaigns/${campaignId}`);
  expect(res.status).toBe(200);
  expect(Object.keys(res.body).sort()).toEqual(['code', 'criteria', 'fields', 'id', 'noticeEndsAt', 'phase', 'reviewDeadline', 'selfNomination', 'submissionDeadline', 'title', 'unitKinds']);
  expect(res.body.phase).toBe('collecting');
  expect(res.body.fields).toHaveLength(13);
  expect((await api.get('/api/public/campaigns/no-such-campaign')).status).toBe(404);
});
