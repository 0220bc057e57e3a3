import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

// Laurel's own processes, run from the sources as `npm run api` and `npm run worker` run them, to
// join a system started by startSystem (its `processEnv`).

const root = path.resolve(__dirname, '..', '..');

export interface LaurelProcess {
  /** Every line it printed on stdout so far. */
  output: string[];
  /** SIGTERM, then SIGKILL if it has not exited within 15 s. */
  stop: () => Promise<void>;
}

export interface ApiProcess extends LaurelProcess {
  baseUrl: string;
}

/** A port nothing listens on now; the API process is told to take it (it prints the port it was given, not the one it got). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `entry` and resolves once a line of its stdout contains `ready`; rejects if it exits first. */
function start(entry: string, env: NodeJS.ProcessEnv, ready: string): Promise<LaurelProcess> {
  // Node itself with tsx as a loader: the tsx CLI would run the code in a grandchild that signals miss.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, entry)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.kill('SIGTERM');
    await exited(child);
    clearTimeout(killer);
  };
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return new Promise((resolve, reject) => {
    let partial = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop()!;
      output.push(...lines);
      if (lines.some((line) => line.includes(ready))) resolve({ output, stop });
    });
    child.once('exit', (code, signal) => reject(new Error(`${entry} exited before it was ready (${signal ?? code}); it printed:\n${output.join('\n')}`)));
  });
}

/** One more API process (api/main.ts) on a port of its own. */
export async function startApiProcess(env: NodeJS.ProcessEnv): Promise<ApiProcess> {
  const port = await freePort();
  const api = await start('api/main.ts', { ...env, PORT: String(port) }, 'api: listening');
  return { ...api, baseUrl: `http://127.0.0.1:${port}` };
}

/** One more worker process (worker/main.ts): ready once it polls its task queue, having asked for the schedules. */
export function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<LaurelProcess> {
  return start('worker/main.ts', env, 'worker: polling task queue');
}
