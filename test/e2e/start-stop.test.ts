import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/*
 * `npm start` as a user or a service manager runs it — on side ports and a temporary var dir —
 * stopped by a signal to the npm process alone, or by Ctrl-C in a terminal (SIGINT to the whole
 * foreground process group). Every process it started is found by a marker in its environment,
 * which every descendant inherits, so one that escaped the supervisor is found too.
 */

const root = path.resolve(__dirname, '..', '..');
const STOP_DEADLINE_MS = 10_000;
/** The environment variable that marks every process of one run. */
const RUN_MARKER = 'LAUREL_START_STOP_RUN';
const START_DEADLINE_MS = 180_000;

/** What `npm start` runs, each of which must be gone after the stop. */
const EXPECTED = {
  bootstrap: /scripts\/bootstrap\.js/,
  supervisor: /scripts\/start\.ts/,
  temporal: /temporal server start-dev/,
  'mail catcher': /devtools\/mail-catcher-main\.ts/,
  worker: /worker\/main\.ts/,
  api: /api\/main\.ts/,
};

interface Run {
  npm: ChildProcess;
  /** `RUN_MARKER=<id>`, as it appears in the environment of each process of the run. */
  marker: string;
  varDir: string;
  ports: { api: number; temporal: number; temporalUi: number; mail: number };
  output: string[];
}

let run: Run | undefined;

/** Distinct ports nothing listens on now: all held open at once, then released. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<net.Server>((resolve, reject) => {
      const server = net.createServer().once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** Whether a new listener can take the port on every address (the API listens on all of them). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** Running processes whose environment carries `marker`; zombies run nothing and hold no port. */
function processesCarrying(marker: string): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!fs.readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(marker)) continue;
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2))) continue;
      found.push({ pid: Number(entry), command: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim() });
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

/** npm would install first (`npm ci`) if the installed tree were older than the lock file; this test must not. */
function dependenciesInstalled(): boolean {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  return fs.existsSync(installed) && fs.statSync(path.join(root, 'package-lock.json')).mtimeMs <= fs.statSync(installed).mtimeMs;
}

/** Laurel's own settings are left out of the inherited environment: this copy uses its defaults on side ports. */
function isolatedEnvironment(ports: Run['ports'], varDir: string, runId: string): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|TEMPORAL_|SMTP_URL|MAIL_|PUBLIC_URL|PAYLOAD_KEY|AUDIT_SIGNING_KEY|PORT|VAR_DIR|NODE_ENV|npm_)/.test(name)),
  );
  return {
    ...inherited,
    NODE_ENV: 'development',
    PORT: String(ports.api),
    TEMPORAL_DEV_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.temporalUi),
    MAIL_CATCHER_PORT: String(ports.mail),
    VAR_DIR: varDir,
    [RUN_MARKER]: runId,
  };
}

async function startLaurel(): Promise<Run> {
  if (!dependenciesInstalled()) throw new Error('node_modules is older than package-lock.json: npm start would run npm ci first; install the dependencies before this test');
  const [api, temporal, temporalUi, mail] = await freePorts(4);
  const ports = { api, temporal, temporalUi, mail };
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-start-stop-'));
  const runId = randomUUID();
  const marker = `${RUN_MARKER}=${runId}`;
  // A process group of its own, as a terminal gives a foreground job (and jest's own is left alone).
  const npm = spawn('npm', ['start'], { cwd: root, env: isolatedEnvironment(ports, varDir, runId), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output: string[] = [];
  for (const stream of [npm.stdout!, npm.stderr!]) stream.on('data', (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean)));
  run = { npm, marker, varDir, ports, output };
  const exited = new Promise<never>((_, reject) => npm.once('exit', (code, signal) => reject(new Error(`npm start exited (${signal ?? code}) before it served`))));
  exited.catch(() => {});
  const deadline = Date.now() + START_DEADLINE_MS;
  for (;;) {
    const healthy = await Promise.race([
      fetch(`http://127.0.0.1:${ports.api}/healthz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status === 200, () => false),
      exited,
    ]).catch((err: Error) => {
      throw new Error(`${err.message}\n${output.slice(-40).join('\n')}`);
    });
    if (healthy) return run;
    if (Date.now() > deadline) throw new Error(`npm start did not answer /healthz within ${START_DEADLINE_MS / 1000} s\n${output.slice(-40).join('\n')}`);
    await sleep(250);
  }
}

/** Polls until nothing carrying the marker runs and every port is free; answers the seconds it took. */
async function stoppedWithin(laurel: Run, since: number, deadlineMs: number): Promise<number> {
  const ports = Object.values(laurel.ports);
  for (;;) {
    const running = processesCarrying(laurel.marker);
    const taken = running.length ? [] : (await Promise.all(ports.map(async (p) => ((await portIsFree(p)) ? [] : [p])))).flat();
    if (running.length === 0 && taken.length === 0) return (Date.now() - since) / 1000;
    if (Date.now() - since > deadlineMs) {
      throw new Error(
        `not stopped ${deadlineMs / 1000} s after the signal:\n` +
          running.map((p) => `  still running: ${p.pid} ${p.command}`).concat(taken.map((p) => `  port still taken: ${p}`)).join('\n') +
          `\nlast output:\n${laurel.output.slice(-30).join('\n')}`,
      );
    }
    await sleep(100);
  }
}

afterEach(() => {
  if (!run) return;
  // Whatever a failed test left behind: only the processes this run started, by id.
  for (const { pid } of processesCarrying(run.marker)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  fs.rmSync(run.varDir, { recursive: true, force: true });
  run = undefined;
});

const stops = [
  { how: 'SIGTERM to the npm process (a service manager stopping it)', send: (npm: ChildProcess) => process.kill(npm.pid!, 'SIGTERM') },
  { how: 'SIGINT to the npm process', send: (npm: ChildProcess) => process.kill(npm.pid!, 'SIGINT') },
  { how: 'Ctrl-C in a terminal (SIGINT to the whole foreground process group)', send: (npm: ChildProcess) => process.kill(-npm.pid!, 'SIGINT') },
];

test.each(stops)(`after $how, every process npm start started is gone and its ports are free within ${STOP_DEADLINE_MS / 1000} s`, async ({ how, send }) => {
  const laurel = await startLaurel();
  const started = processesCarrying(laurel.marker);
  for (const [part, command] of Object.entries(EXPECTED)) {
    expect({ part, running: started.some((p) => command.test(p.command)) }).toEqual({ part, running: true });
  }

  const signalledAt = Date.now();
  send(laurel.npm);
  const seconds = await stoppedWithin(laurel, signalledAt, STOP_DEADLINE_MS);
  console.log(`start-stop: ${how}: ${started.length} processes gone and ${Object.keys(laurel.ports).length} ports free after ${seconds.toFixed(1)} s`);
  expect(seconds).toBeLessThanOrEqual(STOP_DEADLINE_MS / 1000);
}, START_DEADLINE_MS + 60_000);
