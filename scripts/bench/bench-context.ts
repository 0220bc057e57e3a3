import type { Client } from '@temporalio/client';
import type { PostgresBackendCpu } from './pg-backends';
import type { OnDeath, ProcessOutput, SharedServices } from './shared-services';
import type { WorkerLog } from './worker-log';

/** What every part of a bench run shares. */
export interface BenchContext {
  /** The run's temp folder: databases, Temporal's file, caught mail, the system's log. */
  dir: string;
  services: SharedServices;
  output: ProcessOutput;
  onDeath: OnDeath;
  /** Rejects once a process the bench started dies on its own, or the bench is told to stop. */
  halted: Promise<never>;
  /** Aborted at the same moment, for work that stops where it is and still reports (a campaign). */
  stopping: AbortSignal;
  /** Reads the histories (the bench's own client: no codec, failures are decoded apart). */
  temporal: Client;
  /** Null when PostgreSQL is not among the databases. */
  postgres: PostgresBackendCpu | null;
  say: (line: string) => void;
  /** What the processes' output has said so far: slow workflow tasks, activity failures and their locks. */
  log: WorkerLog;
}

/** `work`, unless the bench halts first. */
export function unlessHalted<T>(ctx: BenchContext, work: Promise<T>): Promise<T> {
  return Promise.race([work, ctx.halted]);
}
