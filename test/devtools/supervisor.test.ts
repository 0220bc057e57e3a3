import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../config';
import type { ChildSpec, SupervisorOptions } from '../../devtools/supervisor';
import { Supervisor } from '../../devtools/supervisor';

// Tiny `node -e` children that leave traces in files: how often they started, when they stopped.

let dir: string;
let log: string[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-supervisor-'));
  log = [];
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function supervisor(options: SupervisorOptions = {}): Supervisor {
  return new Supervisor({ backoffMs: () => 20, stopTimeoutMs: 5_000, log: (line) => log.push(line), output: () => {}, ...options });
}

/** A child that appends "start" to `<name>.log`, then runs `body`; on SIGTERM it appends "stop" there and its name to stops.log. */
function child(name: string, body: string, restart = true): ChildSpec {
  const file = JSON.stringify(path.join(dir, `${name}.log`));
  const code = `
    const fs = require('fs');
    fs.appendFileSync(${file}, 'start\\n');
    process.on('SIGTERM', () => {
      fs.appendFileSync(${file}, 'stop\\n');
      fs.appendFileSync(${JSON.stringify(path.join(dir, 'stops.log'))}, ${JSON.stringify(name)} + '\\n');
      process.exit(0);
    });
    setInterval(() => {}, 1000);
    ${body}`;
  return { name, command: process.execPath, args: ['-e', code], restart };
}

function lines(name: string): string[] {
  const file = path.join(dir, `${name}.log`);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n') : [];
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const started = (name: string) => lines(name).filter((l) => l === 'start').length;

test('a child that crashes is restarted, and keeps running once it stops crashing', async () => {
  const s = supervisor();
  // Crashes on its first two runs.
  await s.start(child('flaky', `if (fs.readFileSync(${JSON.stringify(path.join(dir, 'flaky.log'))}, 'utf8').split('start').length <= 3) process.exit(3);`));

  await until(() => started('flaky') === 3);
  await new Promise((r) => setTimeout(r, 200));
  expect(started('flaky')).toBe(3);
  expect(log.filter((l) => l.includes('flaky stopped unexpectedly (exit code 3): restarting'))).toHaveLength(2);

  await s.stop();
  expect(await s.done).toBe(0);
  expect(lines('flaky').at(-1)).toBe('stop');
});

test('after five rapid failures in a row the supervisor gives up, stops the others and exits non-zero', async () => {
  const s = supervisor();
  await s.start(child('steady', ''));
  await s.start(child('broken', 'process.exit(1);'));

  expect(await s.done).toBe(1);
  expect(started('broken')).toBe(5);
  expect(lines('steady').at(-1)).toBe('stop');
  expect(log.at(-1)).toContain('broken failed 5 times in a row');
});

test('when a child that must not be restarted dies, everything stops with a non-zero exit', async () => {
  const s = supervisor();
  await s.start(child('server', 'setTimeout(() => process.exit(2), 300);', false));
  await s.start(child('worker', ''));

  expect(await s.done).toBe(1);
  expect(started('server')).toBe(1);
  expect(lines('worker').at(-1)).toBe('stop');
});

test('on SIGTERM the supervising process stops every child in reverse start order and exits 0', async () => {
  // The supervisor runs in a process of its own, so that it receives a real signal.
  const specs = ['first', 'second', 'third'].map((name) => child(name, ''));
  const code = `
    const { Supervisor } = require('./devtools/supervisor');
    const s = new Supervisor({ output: () => {} });
    s.stopOnSignals();
    (async () => {
      for (const spec of ${JSON.stringify(specs)}) await s.start(spec);
      console.log('started');
      process.exit(await s.done);
    })();`;
  const supervising = spawn(process.execPath, ['--import', 'tsx', '-e', code], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => supervising.once('exit', resolve));
  await new Promise((resolve) => supervising.stdout!.on('data', (chunk) => String(chunk).includes('started') && resolve(undefined)));
  await until(() => ['first', 'second', 'third'].every((n) => started(n) === 1));

  supervising.kill('SIGTERM');

  expect(await exited).toBe(0);
  expect(lines('stops')).toEqual(['third', 'second', 'first']);
});

test('a child that ignores SIGTERM is killed after the stop timeout', async () => {
  const s = supervisor({ stopTimeoutMs: 300 });
  const stubborn = child('stubborn', "process.removeAllListeners('SIGTERM'); process.on('SIGTERM', () => {});");
  await s.start(stubborn);
  await until(() => started('stubborn') === 1);

  const before = Date.now();
  await s.stop();
  expect(Date.now() - before).toBeGreaterThanOrEqual(300);
  expect(log).toContain('stubborn did not stop within 0.3 s: killing it');
  expect(await s.done).toBe(0);
});

test('start waits for readiness, and fails if the child dies first', async () => {
  const s = supervisor();
  let ready = false;
  await s.start({ ...child('slow', ''), ready: () => new Promise<void>((r) => setTimeout(() => ((ready = true), r()), 100)) });
  expect(ready).toBe(true);

  await expect(s.start({ ...child('dies', 'process.exit(4);', false), ready: () => new Promise<void>(() => {}) })).rejects.toThrow('dies exited before it was ready');
  expect(await s.done).toBe(1);
});
