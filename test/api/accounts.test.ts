import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../api/app';
import { loginThrottle } from '../../db/login-throttle';
import { LOCK_AFTER_FAILURES } from '../../domain/login-throttle';
import type { Config } from '../../config';
import { ApiClient, eventually, nominationForm, openCampaign, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

let system: System;
let api: ApiClient;
let secretariat: ApiClient;
let campaignId = '';
const servers: Server[] = [];

beforeAll(async () => {
  system = await startSystem();
  await system.startWorker();
  api = new ApiClient(system.baseUrl);
  secretariat = await api.login('secretariat');
  campaignId = await openCampaign(secretariat, 'accounts-test', '账号测试');
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await system?.stop();
});

/** A second API on the same system but other settings, for what the shared one cannot show. */
async function apiWith(config: Partial<Config>): Promise<ApiClient> {
  const app = createApp({ db: system.db, temporal: system.env.client, config: { ...system.config, ...config }, log: () => {} });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  return new ApiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

async function selfNominate(overrides: Record<string, unknown> = {}) {
  const res = await api.request(
    'POST',
    `/api/campaigns/${campaignId}/nominations`,
    nominationForm(sampleNomination({ channel: 'self', recommendingUnit: '示例大学', ...overrides })),
  );
  expect(res.status).toBe(201);
  return res.body as { caseId: string; accessToken: string };
}

test('each login issues a new token, and logout revokes only that one', async () => {
  const first = await api.request('POST', '/api/auth/login', { username: 'auditor', password: 'demo-password' });
  const second = await api.request('POST', '/api/auth/login', { username: 'auditor', password: 'demo-password' });
  expect(first.body.token).not.toEqual(second.body.token);
  const a = api.as(first.body.token);
  const b = api.as(second.body.token);
  expect((await a.post('/api/auth/logout')).status).toBe(204);
  expect((await a.get('/api/auth/me')).status).toBe(401);
  expect((await b.get('/api/auth/me')).body.user.username).toBe('auditor');
});

test('repeated failed logins are slowed with 429 and Retry-After, for unknown usernames alike', async () => {
  for (const username of ['wg-catering', 'no-such-user']) {
    for (let i = 0; i < 3; i++) {
      expect((await api.request('POST', '/api/auth/login', { username, password: 'wrong-password' })).status).toBe(401);
    }
    const slowed = await api.request('POST', '/api/auth/login', { username, password: 'wrong-password' });
    expect(slowed.status).toBe(429);
    expect(slowed.body.error.code).toBe('login-throttled');
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  }
  const failed = await system.db.auditEntry.findMany({ where: { action: 'login-failed' } });
  expect(failed.filter((a) => JSON.parse(a.details).username === 'wg-catering')).toHaveLength(3);
  await loginThrottle(system.db).recordSuccess('wg-catering');
  expect((await api.request('POST', '/api/auth/login', { username: 'wg-catering', password: 'demo-password' })).status).toBe(200);
});

test('a locked account refuses even the right password until the secretariat enables it', async () => {
  const throttle = loginThrottle(system.db);
  const longAgo = Date.now() - 60 * 60_000;
  // The failures are recorded directly: waiting out the growing delays between ten attempts would take minutes.
  for (let i = 0; i < LOCK_AFTER_FAILURES; i++) await throttle.recordFailure('branch-catering', longAgo + 50 * 60_000 + i);
  const locked = await api.request('POST', '/api/auth/login', { username: 'branch-catering', password: 'demo-password' });
  expect(locked.status).toBe(429);
  expect(locked.body.error.code).toBe('account-locked');
  expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(60);

  const users = (await secretariat.get('/api/users')).body.users as { id: string; username: string }[];
  const id = users.find((u) => u.username === 'branch-catering')!.id;
  expect((await secretariat.post(`/api/users/${id}/enable`)).status).toBe(200);
  expect((await api.request('POST', '/api/auth/login', { username: 'branch-catering', password: 'demo-password' })).status).toBe(200);
  const audit = await system.db.auditEntry.findMany({ where: { action: 'account-enabled' } });
  expect(audit.map((a) => JSON.parse(a.details).username)).toContain('branch-catering');
});

test('disabling an account ends all its sessions at once and refuses new logins', async () => {
  const one = await api.login('committee3');
  const two = await api.login('committee3');
  const users = (await secretariat.get('/api/users')).body.users as { id: string; username: string }[];
  const id = users.find((u) => u.username === 'committee3')!.id;

  const res = await secretariat.post(`/api/users/${id}/disable`);
  expect(res.status).toBe(200);
  expect(res.body.revokedSessions).toBeGreaterThanOrEqual(2);
  expect((await one.get('/api/inbox')).status).toBe(401);
  expect((await two.get('/api/inbox')).status).toBe(401);
  expect((await api.request('POST', '/api/auth/login', { username: 'committee3', password: 'demo-password' })).status).toBe(401);
  expect((await one.post(`/api/users/${id}/enable`)).status).toBe(401);

  await secretariat.post(`/api/users/${id}/enable`);
  expect((await api.request('POST', '/api/auth/login', { username: 'committee3', password: 'demo-password' })).status).toBe(200);
});

test('only the secretariat manages accounts, and not its own', async () => {
  const auditor = await api.login('auditor');
  expect((await auditor.get('/api/users')).status).toBe(403);
  const me = (await secretariat.get('/api/auth/me')).body.user as { id: string };
  expect((await secretariat.post(`/api/users/${me.id}/disable`)).body.error.code).toBe('cannot-disable-self');
  expect((await secretariat.post('/api/users/no-such-id/disable')).status).toBe(404);
});

test('an applicant token reaches its own case only, can be replaced, and can be revoked', async () => {
  const mine = await selfNominate();
  const other = await selfNominate();
  const applicant = api.as(mine.accessToken);
  expect((await applicant.get(`/api/nominations/${mine.caseId}`)).status).toBe(200);
  expect((await applicant.get(`/api/nominations/${other.caseId}`)).status).toBe(404);
  expect((await applicant.get('/api/inbox')).status).toBe(401);

  const replaced = await applicant.post(`/api/nominations/${mine.caseId}/access-token`);
  expect(replaced.status).toBe(201);
  expect((await applicant.get(`/api/nominations/${mine.caseId}`)).status).toBe(401);
  const renewed = api.as(replaced.body.accessToken);
  expect((await renewed.get(`/api/nominations/${mine.caseId}`)).status).toBe(200);

  expect((await renewed.request('DELETE', `/api/nominations/${mine.caseId}/access-token`)).status).toBe(204);
  expect((await renewed.get(`/api/nominations/${mine.caseId}`)).status).toBe(401);

  expect((await secretariat.request('DELETE', `/api/nominations/${other.caseId}/access-token`)).status).toBe(204);
  expect((await api.as(other.accessToken).get(`/api/nominations/${other.caseId}`)).status).toBe(401);
});

test('staff lists show phones masked; the case view shows the full phone to staff who may see the case', async () => {
  const { caseId } = await selfNominate({ phone: '13912345678' });
  const inbox = await eventually(
    () => secretariat.get('/api/inbox?kind=seal-check'),
    (r) => r.body.tasks?.some((t: { caseId: string }) => t.caseId === caseId),
  );
  expect(inbox.body.tasks.find((t: { caseId: string }) => t.caseId === caseId).phone).toBe('139****5678');
  const list = await secretariat.get(`/api/nominations?campaignId=${campaignId}`);
  expect(list.body.cases.find((c: { caseId: string }) => c.caseId === caseId).phone).toBe('139****5678');
  expect(JSON.stringify(list.body)).not.toContain('13912345678');
  expect((await secretariat.get(`/api/nominations/${caseId}`)).body.nomination.phone).toBe('13912345678');
  expect((await system.db.task.findFirstOrThrow({ where: { caseId } })).maskedPhone).toBe('139****5678');
});

test('a task opened before tasks kept the masked phone still shows it in the inbox, read from its case', async () => {
  const { caseId } = await selfNominate({ phone: '13700001234' });
  const inboxOf = () => secretariat.get('/api/inbox?kind=seal-check');
  await eventually(inboxOf, (r) => r.body.tasks?.some((t: { caseId: string }) => t.caseId === caseId));
  await system.db.task.updateMany({ where: { caseId }, data: { maskedPhone: null } });
  const inbox = await inboxOf();
  expect(inbox.body.tasks.find((t: { caseId: string }) => t.caseId === caseId).phone).toBe('137****1234');
});

test('a reviewer lists only the cases of their own field', async () => {
  const { caseId } = await selfNominate({ field: 'property' });
  const ownField = await api.login('wg-property');
  const otherField = await api.login('wg-catering');
  expect((await ownField.get(`/api/nominations?campaignId=${campaignId}`)).body.cases.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
  expect((await otherField.get(`/api/nominations?campaignId=${campaignId}`)).body.cases.map((c: { caseId: string }) => c.caseId)).not.toContain(caseId);
});

test('responses carry security headers, and no CORS header unless an origin is configured', async () => {
  const res = await fetch(`${system.baseUrl}/api/campaigns`, { headers: { origin: 'https://evil.example' } });
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(res.headers.get('access-control-allow-origin')).toBeNull();

  const open = await apiWith({ corsOrigins: ['https://laurel.example'] });
  const allowed = await fetch(`${open.baseUrl}/api/campaigns`, { headers: { origin: 'https://laurel.example' } });
  expect(allowed.headers.get('access-control-allow-origin')).toBe('https://laurel.example');
  const refused = await fetch(`${open.baseUrl}/api/campaigns`, { headers: { origin: 'https://evil.example' } });
  expect(refused.headers.get('access-control-allow-origin')).toBeNull();
});

test('anonymous self-nominations and logins are rate-limited per address with 429', async () => {
  // The counts are kept in the database every API of this file shares: these requests come from an address of their own.
  const limited = await apiWith({ trustProxy: 'loopback', rateLimits: { ...system.config.rateLimits, selfNominationsPerHour: 2, loginPerMinute: 2 } });
  const from = { 'x-forwarded-for': '192.0.2.13' };
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await limited.request('POST', `/api/campaigns/${campaignId}/nominations`, new FormData(), from)).status);
  expect(statuses).toEqual([400, 400, 429]);
  const logins = [];
  for (let i = 0; i < 3; i++) logins.push((await limited.request('POST', '/api/auth/login', { username: 'x', password: 'y' }, from)).status);
  expect(logins.at(-1)).toBe(429);
  // A signed-in unit is not limited by the anonymous counter.
  const unit = limited.as(await loginToken('assoc-2'));
  expect((await unit.request('POST', `/api/campaigns/${campaignId}/nominations`, new FormData(), from)).status).toBe(400);
});

async function loginToken(username: string): Promise<string> {
  return (await api.request('POST', '/api/auth/login', { username, password: 'demo-password' })).body.token;
}

test('a JSON body over the size limit is refused with 413 in the contract shape, naming its own limit', async () => {
  const res = await secretariat.post('/api/campaigns', { code: 'x', title: 'y'.repeat(200_000) });
  expect(res.status).toBe(413);
  expect(res.body.error.code).toBe('json-too-large');
});

test('/docs renders the OpenAPI document with Swagger UI', async () => {
  const page = await fetch(`${system.baseUrl}/docs`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('/docs/init.js');
  expect((await fetch(`${system.baseUrl}/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
  expect(await (await fetch(`${system.baseUrl}/docs/init.js`)).text()).toContain('/openapi.json');
});
