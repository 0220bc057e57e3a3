import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { projectRoot } from '../../config';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The line it prints once it serves. */
  readyLine: RegExp;
  /** An IPC channel to it (the bare client's). */
  ipc?: boolean;
}

/** Bundling workflows on a busy machine takes a while. */
const READY_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 10_000;

/** Every process started and not yet stopped, so that a bench told to stop leaves none behind. */
const running = new Set<BenchProcess>();
let closing = false;

/** Stops every process still running, and any that becomes ready from now on. */
export async function stopAllProcesses(): Promise<void> {
  closing = true;
  await Promise.all([...running].map((p) => p.stop()));
}

let cpuProfileDir: string | undefined;

/** From now on every process started writes a V8 CPU profile into `dir`/its name when it exits. */
export function profileProcessesInto(dir: string): void {
  cpuProfileDir = dir;
}

/** A TypeScript entry point run by Node itself with tsx as a loader: one process, one PID to measure. */
export function tsEntry(name: string, file: string, env: NodeJS.ProcessEnv, readyLine: RegExp, ipc = false): ProcessSpec {
  const profiling = cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', path.join(cpuProfileDir, name)] : [];
  return { name, command: process.execPath, args: [...profiling, '--import', 'tsx', path.join(projectRoot, file)], cwd: projectRoot, env, readyLine, ipc };
}

/** One part of a system under measurement, as a real process whose PID the bench reads. */
export class BenchProcess {
  private readonly exited: Promise<void>;
  private stopping = false;

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
    output: (name: string, line: string) => void,
    onDeath: (name: string, description: string) => void,
  ) {
    for (const stream of [child.stdout!, child.stderr!]) readline.createInterface({ input: stream }).on('line', (line) => output(name, line));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        resolve();
        if (!this.stopping) onDeath(name, signal ? `killed by ${signal}` : `exit code ${code}`);
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Spawns it and resolves once it prints its ready line; rejects if it dies first or takes too long. */
  static async start(spec: ProcessSpec, output: (name: string, line: string) => void, onDeath: (name: string, description: string) => void): Promise<BenchProcess> {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: spec.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
      // Its own process group: a Ctrl-C reaches the bench only, which then stops every part in order.
      detached: true,
    });
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${spec.name} not ready within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      const watch = (chunk: Buffer) => {
        if (!spec.readyLine.test(chunk.toString())) return;
        clearTimeout(timer);
        resolve();
      };
      child.stdout!.on('data', watch);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${spec.name} exited (${code}) before it was ready`));
      });
      child.once('error', (err) => reject(new Error(`${spec.name}: ${err.message}`)));
    });
    const started = new BenchProcess(spec.name, child, output, onDeath);
    running.add(started);
    try {
      await ready;
      if (closing) throw new Error(`${spec.name}: the bench is stopping`);
    } catch (err) {
      await started.stop();
      throw err;
    }
    return started;
  }

  /** SIGTERM, then SIGKILL if it has not stopped in time. */
  async stop(): Promise<void> {
    running.delete(this);
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.stopping = true;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    this.child.kill('SIGTERM');
    await this.exited;
    clearTimeout(timer);
  }
}
