import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { caseWorkflowId } from '../../workflows/contract';
import { launchBrowser, newVisitor, screenshot, signIn } from '../support/browser';
import { ApiClient, eventually, nominationForm, sampleNomination } from '../support/http';

/*
 * The Temporal Web UI as a developer meets it: `npm start` (side ports, a temporary var dir), a
 * case submitted, and the case's workflow opened in the UI that `npm start` serves. Signed in to
 * Laurel as an auditor, the browser holds the codec cookie and the UI shows the workflow's input
 * decrypted; signed in as a unit, it stays ciphertext.
 */

jest.setTimeout(420_000);

const root = path.resolve(__dirname, '..', '..');
/** Marks every process of this run, so that the ones it started (and only those) can be found and stopped. */
const RUN_MARKER = 'LAUREL_WEB_UI_CODEC_RUN';

let npm: ChildProcess | undefined;
let marker = '';
let varDir = '';
let ports: { api: number; temporal: number; temporalUi: number; mail: number };
const output: string[] = [];
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<net.Server>((resolve, reject) => {
      const server = net.createServer().once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const found = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return found;
}

/** Running processes whose environment carries the run's marker. */
function processesOfThisRun(): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(marker)) found.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

async function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status === 200, () => false);
}

beforeAll(async () => {
  const [api, temporal, temporalUi, mail] = await freePorts(4);
  ports = { api, temporal, temporalUi, mail };
  varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-web-ui-codec-'));
  const runId = randomUUID();
  marker = `${RUN_MARKER}=${runId}`;
  // Laurel's own settings are left out: this copy uses its defaults, on side ports.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|TEMPORAL_|SMTP_URL|MAIL_|PUBLIC_URL|PAYLOAD_KEY|AUDIT_SIGNING_KEY|PORT|VAR_DIR|NODE_ENV|CODEC_|METRICS_|WORKER_METRICS_|npm_)/.test(name)),
  );
  npm = spawn('npm', ['start'], {
    cwd: root,
    env: { ...inherited, NODE_ENV: 'development', PORT: String(api), TEMPORAL_DEV_PORT: String(temporal), TEMPORAL_UI_PORT: String(temporalUi), MAIL_CATCHER_PORT: String(mail), VAR_DIR: varDir, [RUN_MARKER]: runId },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  for (const stream of [npm.stdout!, npm.stderr!]) stream.on('data', (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean)));
  const deadline = Date.now() + 240_000;
  while (!(output.some((l) => l.includes('worker: polling task queue')) && (await answers(`http://localhost:${api}/healthz`)) && (await answers(`http://localhost:${temporalUi}/`)))) {
    if (npm.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output.slice(-40).join('\n')}`);
    await sleep(500);
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  if (npm?.pid) {
    // As a service manager stops it; whatever is left of this run after that is killed, by id.
    try {
      process.kill(npm.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    const until = Date.now() + 15_000;
    while (processesOfThisRun().length && Date.now() < until) await sleep(200);
    for (const pid of processesOfThisRun()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  if (varDir) fs.rmSync(varDir, { recursive: true, force: true });
});

/** A browser profile signed in to Laurel (on localhost, as the UI is opened) as `username`. */
async function signedIn(username: string): Promise<Page> {
  const { context, page } = await newVisitor(browser!, `http://localhost:${ports.api}`);
  contexts.push(context);
  await signIn(page, username);
  return page;
}

async function inputOf(page: Page, caseId: string): Promise<string> {
  await page.goto(`http://localhost:${ports.temporalUi}/namespaces/default/workflows/${caseWorkflowId(caseId)}`);
  await page.getByText('Input', { exact: true }).filter({ visible: true }).first().waitFor({ timeout: 60_000 });
  return page.locator('body').innerText();
}

test('npm start’s Temporal Web UI shows a case’s input decrypted to an auditor signed in to Laurel, and records the decode', async () => {
  const api = new ApiClient(`http://localhost:${ports.api}`);
  const submitted = await api.post('/api/campaigns/demo/nominations', nominationForm(sampleNomination({ channel: 'self' })));
  expect(submitted.status).toBe(201);
  const caseId: string = submitted.body.caseId;

  const page = await signedIn('auditor');
  await inputOf(page, caseId);
  // The UI decodes through `/codec` on its own origin, which `npm start` forwards to the API with the cookie.
  await eventually(() => page.locator('body').innerText(), (text) => text.includes(`"caseId": "${caseId}"`) && text.includes('"campaignId": "demo"'), 60_000);
  await screenshot(page, 'temporal-web-ui-decoded');

  const auditor = await api.login('auditor');
  const entries = (await auditor.get('/api/audit?limit=1000')).body.entries as { action: string; details: Record<string, unknown>; actorId: string }[];
  const decoded = entries.filter((e) => e.action === 'payloads-decoded');
  expect(decoded.length).toBeGreaterThan(0);
  expect(decoded.at(-1)!.details).toMatchObject({ credential: 'cookie', namespace: 'default' });
  expect(JSON.stringify(decoded)).not.toContain(caseId);
});

test('signed in as a unit, the same page says the codec refused and shows nothing of the input in clear', async () => {
  const api = new ApiClient(`http://localhost:${ports.api}`);
  const submitted = await api.post('/api/campaigns/demo/nominations', nominationForm(sampleNomination({ channel: 'self' })));
  const caseId: string = submitted.body.caseId;
  const page = await signedIn('assoc-1');
  await inputOf(page, caseId);
  // The codec answers 401 (a unit signs in without the codec cookie): the UI says so and decodes nothing.
  const text = await eventually(() => page.locator('body').innerText(), (t) => t.includes('Codec Server could not connect'), 60_000);
  expect(text).not.toContain('"campaignId"');
  expect(text).not.toContain(`"caseId": "${caseId}"`);
  await screenshot(page, 'temporal-web-ui-refused');
});
