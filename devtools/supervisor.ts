import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import readline from 'node:readline';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Restart it when it dies unexpectedly; when false, its death stops everything. */
  restart: boolean;
  /** Resolves once the child serves; `start` waits for it before the next child starts. */
  ready?: (signal: AbortSignal) => Promise<void>;
}

export interface SupervisorOptions {
  /** Between SIGTERM and SIGKILL when stopping a child. */
  stopTimeoutMs?: number;
  /** Delay before the n-th consecutive restart (n from 1). */
  backoffMs?: (failures: number) => number;
  /** A child that dies sooner than this after starting counts as a rapid failure. */
  rapidFailureMs?: number;
  /** Give up, and stop everything, after this many rapid failures in a row. */
  maxRapidFailures?: number;
  /** Where the supervisor's own messages go. */
  log?: (line: string) => void;
  /** Where each line a child prints goes. */
  output?: (name: string, line: string) => void;
}

interface Running {
  spec: ChildSpec;
  process?: ChildProcess;
  exited?: Promise<void>;
  startedAt: number;
  rapidFailures: number;
  restartTimer?: NodeJS.Timeout;
}

/**
 * Starts child processes in order, restarts those that crash (with a back-off, giving up after
 * repeated rapid failures), and stops them all in reverse order: SIGTERM, then SIGKILL.
 */
export class Supervisor {
  private readonly children: Running[] = [];
  private readonly options: Required<SupervisorOptions>;
  private stopped?: Promise<void>;
  private exitCode = 0;
  private resolveDone!: (code: number) => void;
  /** Resolves with the exit code once everything has stopped: 0 if asked to stop, 1 after a failure. */
  readonly done = new Promise<number>((resolve) => (this.resolveDone = resolve));

  /** True from the moment a stop was asked for, or forced by a failing child. */
  get stopping(): boolean {
    return this.stopped !== undefined;
  }

  constructor(options: SupervisorOptions = {}) {
    this.options = {
      stopTimeoutMs: 10_000,
      backoffMs: (n) => Math.min(500 * 2 ** (n - 1), 10_000),
      rapidFailureMs: 30_000,
      maxRapidFailures: 5,
      log: (line) => console.log(line),
      output: (name, line) => console.log(`${name.padEnd(8)}| ${line}`),
      ...options,
    };
  }

  /** Spawns the child and waits until it is ready; rejects if it dies first or everything is stopping. */
  async start(spec: ChildSpec): Promise<void> {
    if (this.stopped) throw new Error(`not starting ${spec.name}: stopping`);
    const entry: Running = { spec, startedAt: 0, rapidFailures: 0 };
    this.children.push(entry);
    this.spawn(entry);
    if (!spec.ready) return;
    const abort = new AbortController();
    const died = entry.exited!.then(() => Promise.reject(new Error(`${spec.name} exited before it was ready`)));
    try {
      await Promise.race([spec.ready(abort.signal), died]);
    } finally {
      abort.abort();
      died.catch(() => {});
    }
  }

  /** Stops every child, newest first, then resolves `done`; calling it again returns the same promise. */
  stop(exitCode = 0): Promise<void> {
    if (!this.stopped) {
      this.exitCode = exitCode;
      this.stopped = this.stopAll().then(() => this.resolveDone(this.exitCode));
    }
    return this.stopped;
  }

  /** SIGINT and SIGTERM stop everything, cleanly, once. */
  stopOnSignals(): void {
    const onSignal = (signal: NodeJS.Signals) => {
      if (!this.stopped) this.options.log(`${signal}: stopping`);
      void this.stop(0);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    void this.done.then(() => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    });
  }

  private spawn(entry: Running): void {
    const { spec } = entry;
    // Its own process group: a Ctrl-C in the terminal reaches the supervisor only, which then
    // stops the children in order instead of all of them dying at once.
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    entry.process = child;
    entry.startedAt = Date.now();
    for (const stream of [child.stdout!, child.stderr!]) {
      readline.createInterface({ input: stream }).on('line', (line) => this.options.output(spec.name, line));
    }
    entry.exited = new Promise((resolve) => {
      let settled = false;
      const exited = (description: string) => {
        if (settled) return;
        settled = true;
        resolve();
        if (entry.process === child) entry.process = undefined;
        if (!this.stopped) this.unexpectedExit(entry, description);
      };
      child.once('exit', (code, signal) => exited(signal ? `killed by ${signal}` : `exit code ${code}`));
      child.once('error', (err) => exited(err.message));
    });
  }

  private unexpectedExit(entry: Running, description: string): void {
    const { spec } = entry;
    if (!spec.restart) {
      this.options.log(`${spec.name} stopped unexpectedly (${description}): stopping everything`);
      void this.stop(1);
      return;
    }
    entry.rapidFailures = Date.now() - entry.startedAt < this.options.rapidFailureMs ? entry.rapidFailures + 1 : 1;
    if (entry.rapidFailures >= this.options.maxRapidFailures) {
      this.options.log(`${spec.name} failed ${entry.rapidFailures} times in a row (${description}): giving up, stopping everything`);
      void this.stop(1);
      return;
    }
    const delay = this.options.backoffMs(entry.rapidFailures);
    this.options.log(`${spec.name} stopped unexpectedly (${description}): restarting in ${(delay / 1000).toFixed(1)} s`);
    entry.restartTimer = setTimeout(() => {
      entry.restartTimer = undefined;
      if (!this.stopped) this.spawn(entry);
    }, delay);
  }

  private async stopAll(): Promise<void> {
    for (const entry of [...this.children].reverse()) {
      clearTimeout(entry.restartTimer);
      await this.stopChild(entry);
    }
  }

  private async stopChild(entry: Running): Promise<void> {
    const child = entry.process;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      this.options.log(`${entry.spec.name} did not stop within ${this.options.stopTimeoutMs / 1000} s: killing it`);
      child.kill('SIGKILL');
    }, this.options.stopTimeoutMs);
    await entry.exited;
    clearTimeout(timer);
  }
}
