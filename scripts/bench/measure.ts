import type { CpuReading, MeasuredPart } from './cpu';
import { cpuSince, readCpu } from './cpu';
import type { PostgresBackendCpu } from './pg-backends';

export interface Measured<T> {
  result: T;
  /** CPU seconds each process used meanwhile. */
  cpu: CpuReading;
  /** CPU seconds of the PostgreSQL backends serving the given databases, or null on SQLite. */
  postgresSeconds: number | null;
  seconds: number;
}

/** Runs `work` between two readings of every process's CPU (and of the PostgreSQL backends of `pgDatabases`). */
export async function measured<T>(parts: readonly MeasuredPart[], postgres: PostgresBackendCpu | null, pgDatabases: string[], work: () => Promise<T>): Promise<Measured<T>> {
  const stopSampling = postgres ? await postgres.measure(pgDatabases) : null;
  const before = readCpu(parts);
  const started = performance.now();
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSince(before, readCpu(parts));
    return { result, cpu, postgresSeconds: stopSampling ? await stopSampling() : null, seconds };
  } catch (err) {
    await stopSampling?.();
    throw err;
  }
}
