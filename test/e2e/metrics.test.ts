import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../api/app';
import { loadConfig } from '../../config';
import { freeLocalPort } from '../../devtools/temporal-web-ui';
import { ApiClient, eventually, nominationForm, sampleNomination } from '../support/http';
import type { LaurelProcess } from '../support/processes';
import { startWorkerProcess } from '../support/processes';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

/*
 * What an operator scrapes: one case driven through the API by a worker process, then the API's
 * /metrics (its HTTP traffic by route, the refused Update, the work's state read from the database
 * and Temporal, the audit chain's verdict) and the worker's own Temporal SDK metrics.
 */

let system: System;
let worker: LaurelProcess | undefined;
let workerMetricsUrl: string;
let api: ApiClient;

type Sample = { name: string; labels: Record<string, string>; value: number };

/** Prometheus's text format, enough of it for these checks. */
function samples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line)!;
      const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
      return { name: m[1], labels, value: Number(m[3]) };
    });
}

/** The value of the one sample with this name and these labels (among others); undefined if none. */
function valueOf(all: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = all.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found.length ? found.reduce((sum, s) => sum + s.value, 0) : undefined;
}

async function scrape(url: string, headers: Record<string, string> = {}): Promise<{ text: string; samples: Sample[] }> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${text}`);
  return { text, samples: samples(text) };
}

beforeAll(async () => {
  system = await startSystem();
  const port = await freeLocalPort();
  workerMetricsUrl = `http://127.0.0.1:${port}/metrics`;
  worker = await startWorkerProcess({ ...system.processEnv, WORKER_METRICS_ADDRESS: `127.0.0.1:${port}` });
  api = new ApiClient(system.baseUrl);
}, 300_000);

afterAll(async () => {
  await system?.startMail();
  await worker?.stop();
  await system?.stop();
});

test('after one case is driven, /metrics shows its tasks, status, waiting email, refused Update and routes, and the worker’s SDK metrics moved', async () => {
  const sdkBefore = (await scrape(workerMetricsUrl)).samples;
  const secretariat = await api.login('secretariat');

  // The mail server is down while the case is submitted: its confirmation email waits in the outbox.
  await system.stopMail();
  const submitted = await api.post('/api/campaigns/demo/nominations', nominationForm(sampleNomination({ channel: 'self' })));
  expect(submitted.status).toBe(201);
  const caseId: string = submitted.body.caseId;
  const caseView = await eventually(() => secretariat.get(`/api/nominations/${caseId}`), (r) => r.body.openTasks?.some((t: { kind: string }) => t.kind === 'seal-check'));
  const sealCheck = caseView.body.openTasks.find((t: { kind: string }) => t.kind === 'seal-check');

  // The validator refuses a media-award check outside the field review: a refused Update.
  expect((await secretariat.post(`/api/tasks/${sealCheck.id}/claim`)).status).toBe(200);
  const refused = await secretariat.post(`/api/tasks/${sealCheck.id}/complete`, { decision: 'approve', awardsVerified: true });
  expect(refused.status).toBe(422);
  expect(refused.body.error.code).toBe('awards-check-not-allowed');
  expect((await secretariat.post(`/api/tasks/${sealCheck.id}/complete`, { decision: 'approve' })).status).toBe(200);
  await eventually(() => secretariat.get(`/api/nominations/${caseId}`), (r) => r.body.openTasks?.some((t: { kind: string }) => t.kind === 'field-review'));
  // The review deadline has passed for it.
  await system.db.task.updateMany({ where: { caseId, kind: 'field-review' }, data: { dueAt: new Date(Date.now() - 3_600_000) } });

  const metrics = await eventually(
    () => scrape(`${system.baseUrl}/metrics`),
    (m) => (valueOf(m.samples, 'laurel_outbox_failing') ?? 0) >= 1,
  );
  const m = metrics.samples;
  expect(valueOf(m, 'laurel_open_tasks', { kind: 'field-review' })).toBe(1);
  expect(valueOf(m, 'laurel_open_tasks', { kind: 'seal-check' })).toBeUndefined();
  expect(valueOf(m, 'laurel_overdue_tasks', { kind: 'field-review' })).toBe(1);
  expect(valueOf(m, 'laurel_cases', { campaign: 'demo', status: 'field-review' })).toBe(1);
  expect(valueOf(m, 'laurel_outbox_queued')).toBeGreaterThanOrEqual(1);
  expect(valueOf(m, 'laurel_outbox_oldest_queued_age_seconds')).toBeGreaterThan(0);
  expect(valueOf(m, 'laurel_updates_refused_total', { update: 'decision', reason: 'awards-check-not-allowed' })).toBe(1);
  expect(valueOf(m, 'laurel_http_requests_total', { method: 'POST', route: '/api/campaigns/{id}/nominations', status: '201' })).toBe(1);
  expect(valueOf(m, 'laurel_http_requests_total', { method: 'POST', route: '/api/tasks/{id}/complete', status: '422' })).toBe(1);
  expect(valueOf(m, 'laurel_http_request_duration_seconds_count', { route: '/api/tasks/{id}/complete', status: '200' })).toBe(1);
  expect(valueOf(m, 'laurel_task_queue_pollers', { type: 'workflow' })).toBeGreaterThanOrEqual(1);
  expect(valueOf(m, 'laurel_task_queue_backlog', { type: 'activity' })).toBeDefined();
  expect(valueOf(m, 'laurel_audit_chain_ok')).toBe(1);
  expect(valueOf(m, 'laurel_audit_chain_entries')).toBeGreaterThan(0);
  for (const source of ['database', 'temporal', 'audit-chain']) expect({ source, up: valueOf(m, 'laurel_metrics_source_up', { source }) }).toEqual({ source, up: 1 });
  // Routes are patterns: no case or task id is ever a label.
  expect(metrics.text).not.toContain(caseId);
  expect(metrics.text).not.toContain(sealCheck.id);

  // The worker's SDK metrics: workflow tasks and activities ran for this case, and its email failed
  // while the mail server was down (the exporter may record it a moment after the outbox row).
  const expected = [
    ['temporal_workflow_task_execution_latency_seconds_count', { workflow_type: 'nominationWorkflow' }],
    ['temporal_activity_execution_latency_seconds_count', { activity_type: 'recordCaseStep' }],
    ['temporal_activity_execution_failed_total', { activity_type: 'deliverEmail' }],
    ['temporal_workflow_task_schedule_to_start_latency_seconds_count', {}],
  ] as const;
  const growth = (sdk: Sample[]) => expected.map(([name, labels]) => ({ name, labels, grew: (valueOf(sdk, name, labels) ?? 0) > (valueOf(sdkBefore, name, labels) ?? 0) }));
  const sdk = await eventually(async () => (await scrape(workerMetricsUrl)).samples, (s) => growth(s).every((g) => g.grew), 30_000).catch(async () => (await scrape(workerMetricsUrl)).samples);
  expect(growth(sdk)).toEqual(expected.map(([name, labels]) => ({ name, labels, grew: true })));
}, 300_000);

describe('who may scrape', () => {
  async function serve(env: NodeJS.ProcessEnv): Promise<{ url: string; close: () => Promise<void> }> {
    const config = loadConfig({ ...system.processEnv, ...env });
    config.publicUrl = system.baseUrl;
    const server: Server = await new Promise((resolve) => {
      const s = createApp({ db: system.db, temporal: system.env.client, config }).listen(0, '127.0.0.1', () => resolve(s));
    });
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, close: () => new Promise((r) => server.close(() => r())) };
  }

  test('with METRICS_TOKEN set, a scraper must send it as a bearer token; a session token is no substitute', async () => {
    const token = randomBytes(24).toString('base64url');
    const app = await serve({ METRICS_TOKEN: token });
    try {
      expect((await fetch(app.url)).status).toBe(401);
      expect((await fetch(app.url, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
      const session: string = (await api.post('/api/auth/login', { username: 'auditor', password: 'demo-password' })).body.token;
      expect((await fetch(app.url, { headers: { authorization: `Bearer ${session}` } })).status).toBe(401);
      const ok = await fetch(app.url, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(await ok.text()).toContain('laurel_open_tasks');
    } finally {
      await app.close();
    }
  });

  test('in production /metrics is served only behind METRICS_TOKEN', async () => {
    const production = {
      NODE_ENV: 'production',
      AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    const closed = await serve(production);
    try {
      expect((await fetch(closed.url)).status).toBe(404);
    } finally {
      await closed.close();
    }
    const token = randomBytes(24).toString('base64url');
    const guarded = await serve({ ...production, METRICS_TOKEN: token });
    try {
      expect((await fetch(guarded.url)).status).toBe(401);
      expect((await fetch(guarded.url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
