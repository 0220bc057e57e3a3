import type { Payload } from '@temporalio/common';
import { ENCRYPTED_ENCODING } from '../../config/payload-codec';
import { caseWorkflowId } from '../../workflows/contract';
import { ApiClient, eventually, nominationForm, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

/*
 * The codec server the Temporal Web UI and CLI call (`<Laurel>/codec`): a case's payloads, as the
 * Temporal server holds them (encrypted), are decrypted for the secretariat and auditors only, and
 * each call is written to the audit chain — who and how many payloads, never what they hold.
 */

let system: System;
let api: ApiClient;
let auditor: ApiClient;
let secretariat: ApiClient;
let caseId: string;
/** The case workflow's input as the Temporal server stores it, in the codec protocol's JSON. */
let storedInput: JsonPayload;

interface JsonPayload {
  metadata: Record<string, string>;
  data?: string;
}

const b64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('base64');
const text = (base64: string | undefined) => Buffer.from(base64 ?? '', 'base64').toString('utf8');
const asJson = (p: Payload): JsonPayload => ({ metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])), data: b64(p.data) });
/** The dev server's Web UI origin, which the codec allows by default outside production. */
const uiOrigin = () => `http://localhost:${system.config.temporal.uiPort}`;

async function auditEntries(action: string) {
  return system.db.auditEntry.findMany({ where: { action }, orderBy: { id: 'asc' } });
}

beforeAll(async () => {
  system = await startSystem();
  await system.startWorker();
  api = new ApiClient(system.baseUrl);
  auditor = await api.login('auditor');
  secretariat = await api.login('secretariat');
  const submitted = await api.post('/api/campaigns/demo/nominations', nominationForm(sampleNomination({ channel: 'self' })));
  expect(submitted.status).toBe(201);
  caseId = submitted.body.caseId;
  // fetchHistory gives the payloads as stored, whatever the client's codec.
  const history = await eventually(
    () => system.env.client.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory(),
    (h) => (h.events?.length ?? 0) > 0,
  );
  storedInput = asJson(history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0] as Payload);
}, 300_000);

afterAll(async () => {
  await system?.stop();
});

test('the Temporal server holds the case workflow’s input encrypted: nothing of it reads in clear', () => {
  expect(text(storedInput.metadata.encoding)).toBe(ENCRYPTED_ENCODING);
  expect(text(storedInput.data)).not.toContain(caseId);
});

test('an auditor decodes a stored payload through the codec endpoint, and the audit chain records who and how many, not what', async () => {
  const before = (await auditEntries('payloads-decoded')).length;
  const res = await auditor.request('POST', '/codec/decode?preserveStorageRefs=true', { payloads: [storedInput] }, { 'x-namespace': 'default' });
  expect(res.status).toBe(200);
  const [decoded] = res.body.payloads as JsonPayload[];
  expect(text(decoded.metadata.encoding)).toBe('json/plain');
  expect(JSON.parse(text(decoded.data))).toEqual({ caseId, campaignId: 'demo', channel: 'self' });

  const entries = await auditEntries('payloads-decoded');
  expect(entries).toHaveLength(before + 1);
  const entry = entries[entries.length - 1];
  const auditorId = (await system.db.user.findUniqueOrThrow({ where: { username: 'auditor' } })).id;
  expect(entry.actorId).toBe(auditorId);
  expect(JSON.parse(entry.details)).toEqual({ payloads: 1, encrypted: 1, credential: 'token', namespace: 'default' });
  expect(entry.details).not.toContain(caseId);
  expect((await auditor.get('/api/audit/verify')).body.ok).toBe(true);
});

test('a unit account and reviewers are refused with 403, the anonymous and an applicant’s token with 401, and nothing is audited', async () => {
  const before = (await auditEntries('payloads-decoded')).length;
  for (const username of ['assoc-1', 'committee1', 'wg-catering']) {
    const res = await (await api.login(username)).post('/codec/decode', { payloads: [storedInput] });
    expect({ username, status: res.status, code: res.body.error?.code }).toEqual({ username, status: 403, code: 'forbidden' });
  }
  expect((await api.post('/codec/decode', { payloads: [storedInput] })).status).toBe(401);
  const applicant = await api.post('/api/campaigns/demo/nominations', nominationForm(sampleNomination({ channel: 'self' })));
  expect((await api.as(applicant.body.accessToken).post('/codec/decode', { payloads: [storedInput] })).status).toBe(401);
  expect((await api.as('ls_forged').post('/codec/decode', { payloads: [storedInput] })).status).toBe(401);
  expect(await auditEntries('payloads-decoded')).toHaveLength(before);
});

test('the secretariat encodes, and what it encoded decodes back; an auditor, who writes nothing, may not encode', async () => {
  const plain = { metadata: { encoding: b64(Buffer.from('json/plain')) }, data: b64(Buffer.from('{"hello":"世界"}')) };
  const encoded = await secretariat.post('/codec/encode', { payloads: [plain] });
  expect(encoded.status).toBe(200);
  expect(text(encoded.body.payloads[0].metadata.encoding)).toBe(ENCRYPTED_ENCODING);
  const back = await auditor.post('/codec/decode', { payloads: encoded.body.payloads });
  expect(back.body.payloads).toEqual([plain]);
  expect((await auditor.post('/codec/encode', { payloads: [plain] })).status).toBe(403);
  expect((await auditEntries('payloads-encoded')).at(-1)?.details).toBe(JSON.stringify({ credential: 'token', payloads: 1 }));
});

test('an altered payload is refused with 422, naming no content; a body beyond the API’s 100 KB for JSON is still a codec request', async () => {
  const data = Buffer.from(storedInput.data!, 'base64');
  data[data.length - 1] ^= 1;
  const altered = await auditor.post('/codec/decode', { payloads: [{ ...storedInput, data: data.toString('base64') }] });
  expect(altered.status).toBe(422);
  expect(altered.body.error.code).toBe('payload-undecodable');

  const big = { metadata: { encoding: b64(Buffer.from('json/plain')) }, data: b64(Buffer.from(JSON.stringify({ text: 'x'.repeat(300_000) }))) };
  const res = await auditor.post('/codec/decode', { payloads: [big] });
  expect(res.status).toBe(200);
  expect(res.body.payloads[0].data).toBe(big.data);
});

describe('the Web UI’s way in: the cookie signing in sets, from the UI’s origin', () => {
  async function signIn(username: string) {
    const res = await fetch(`${system.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo-password' }) });
    return res.headers.getSetCookie();
  }
  const decodeWithCookie = (cookie: string, origin?: string) =>
    fetch(`${system.baseUrl}/codec/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-namespace': 'default', ...(origin && { origin }) },
      body: JSON.stringify({ payloads: [storedInput] }),
    });

  test('an auditor’s sign-in sets an HttpOnly, SameSite=Strict cookie on the codec’s path; a unit’s sets none', async () => {
    const [cookie] = await signIn('auditor');
    expect(cookie).toMatch(/^laurel_codec=ls_[^;]+; Path=\/codec; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    expect(await signIn('assoc-1')).toEqual([]);
  });

  test('the cookie decodes from the Web UI’s origin (and is audited as such), never from another site or without an origin', async () => {
    const cookie = (await signIn('auditor'))[0].split(';')[0];
    const ok = await decodeWithCookie(cookie, uiOrigin());
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(uiOrigin());
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    expect(JSON.parse((await auditEntries('payloads-decoded')).at(-1)!.details)).toMatchObject({ credential: 'cookie', payloads: 1 });

    expect((await decodeWithCookie(cookie, 'https://elsewhere.example')).status).toBe(401);
    expect((await decodeWithCookie(cookie)).status).toBe(401);
    // Signed out, the session the cookie names is gone.
    const token = decodeURIComponent(cookie.split('=')[1]);
    expect((await api.as(token).post('/api/auth/logout')).status).toBe(204);
    expect((await decodeWithCookie(cookie, uiOrigin())).status).toBe(401);
  });

  test('the Web UI’s preflight is answered with its origin and credentials; another origin gets no CORS grant', async () => {
    const preflight = (origin: string) =>
      fetch(`${system.baseUrl}/codec/decode`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' } });
    const allowed = await preflight(uiOrigin());
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(uiOrigin());
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-namespace');
    const other = await preflight('https://elsewhere.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

test('the codec endpoints are in /openapi.json, for the secretariat and auditors', async () => {
  const doc = (await api.get('/openapi.json')).body;
  expect(doc.paths['/codec/decode'].post.responses).toHaveProperty('403');
  expect(doc.paths['/codec/decode'].post.requestBody.content['application/json'].schema).toBeDefined();
  expect(doc.paths['/codec/encode'].post).toBeDefined();
  expect(doc.paths['/metrics']).toBeUndefined();
});
