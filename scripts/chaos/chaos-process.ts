import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import readline from 'node:readline';

export interface ReadyWatch {
  /** Resolves on the first line the process prints that matches. */
  line: (pattern: RegExp) => Promise<void>;
  /** Aborted once the process is ready, has died, or took too long. */
  signal: AbortSignal;
}

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Resolves once the process serves. */
  ready: (watch: ReadyWatch) => Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 5_000;
/** A process that dies on its own is started again after this, as a service manager would. */
const RESTART_DELAY_MS = 1_000;

/**
 * One part of the system as a real process, whose PID the chaos harness signals. A death the
 * harness did not cause is written down (a finding) and the process started again, as systemd or
 * a container runtime would in production.
 */
export class ChaosProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private readonly listeners = new Set<(line: string) => void>();
  private restartTimer?: NodeJS.Timeout;
  private stopping = false;
  /** Deaths nobody signalled, in words: "exit code 1 (after 12.3 s)". */
  readonly unexpectedExits: string[] = [];

  constructor(
    private readonly spec: ProcessSpec,
    private readonly output: (name: string, line: string) => void,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** Spawns it and resolves once it is ready; rejects if it dies first or is not ready in time. */
  async start(): Promise<void> {
    if (this.child) throw new Error(`${this.name} is already running (pid ${this.child.pid})`);
    clearTimeout(this.restartTimer);
    this.stopping = false;
    const child = this.spawn();
    const abort = new AbortController();
    const watch: ReadyWatch = { line: (pattern) => this.nextLine(pattern, abort.signal), signal: abort.signal };
    let timer: NodeJS.Timeout | undefined;
    const failed = new Promise<never>((_, reject) => {
      void this.exited!.then(() => reject(new Error(`${this.name} exited before it was ready`)));
      timer = setTimeout(() => reject(new Error(`${this.name} not ready within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.spec.ready(watch), failed]);
    } catch (err) {
      if (this.child === child) await this.signal('SIGKILL');
      throw err;
    } finally {
      clearTimeout(timer);
      abort.abort();
      failed.catch(() => {});
    }
  }

  /** Sends `signal` to the process's PID and resolves once it has exited (at once if it is not running). */
  async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    clearTimeout(this.restartTimer);
    if (!child) return;
    this.stopping = true;
    child.kill(signal);
    await this.exited;
  }

  /** SIGTERM, then SIGKILL if it has not stopped in time; it is not started again. */
  async stop(): Promise<void> {
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child) return;
    this.stopping = true;
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.kill('SIGTERM');
    await this.exited;
    clearTimeout(timer);
  }

  private spawn(): ChildProcess {
    const { command, args, env, cwd } = this.spec;
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const startedAt = Date.now();
    this.child = child;
    for (const stream of [child.stdout!, child.stderr!]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        this.output(this.name, line);
        for (const listener of this.listeners) listener(line);
      });
    }
    this.exited = new Promise((resolve) => {
      const onExit = (description: string) => {
        if (this.child !== child) return;
        this.child = undefined;
        resolve();
        if (this.stopping) return;
        const what = `${description} (after ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`;
        this.unexpectedExits.push(what);
        this.output(this.name, `chaos: ${this.name} died on its own, ${what}: starting it again`);
        this.restartTimer = setTimeout(() => this.start().catch((err: unknown) => this.output(this.name, `chaos: restart failed: ${err instanceof Error ? err.message : err}`)), RESTART_DELAY_MS);
      };
      child.once('exit', (code, signal) => onExit(signal ? `killed by ${signal}` : `exit code ${code}`));
      child.once('error', (err) => onExit(err.message));
    });
    return child;
  }

  private nextLine(pattern: RegExp, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const listener = (line: string) => {
        if (!pattern.test(line)) return;
        this.listeners.delete(listener);
        resolve();
      };
      this.listeners.add(listener);
      signal.addEventListener('abort', () => this.listeners.delete(listener), { once: true });
    });
  }
}
