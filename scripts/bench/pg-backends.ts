import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { processCpuSeconds } from './cpu';
import { HARNESS_APPLICATION } from './databases';

const SAMPLE_MS = 500;

/**
 * CPU of the PostgreSQL backends serving some databases, over a stretch of time. Backends come and
 * go with the clients' pools, so they are sampled: a backend seen first during the stretch counts
 * from zero, one that exits counts up to its last sample. The server's shared processes (WAL
 * writer, checkpointer, autovacuum) are left out: other databases on the server use them too; so
 * are the bench's own connections (its application_name).
 */
export class PostgresBackendCpu {
  private constructor(private readonly client: Client) {}

  static async connect(serverUrl: string): Promise<PostgresBackendCpu> {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    return new PostgresBackendCpu(client);
  }

  private async backends(databases: string[]): Promise<number[]> {
    const { rows } = await this.client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = ANY($1) AND application_name <> $2', [databases, HARNESS_APPLICATION]);
    return rows.map((r) => r.pid);
  }

  /** Starts sampling; the returned function stops and answers the CPU seconds used meanwhile. */
  async measure(databases: string[]): Promise<() => Promise<number>> {
    const first = new Map<number, number>();
    const last = new Map<number, number>();
    const sample = async (initial: boolean) => {
      for (const pid of await this.backends(databases)) {
        const seconds = processCpuSeconds(pid);
        if (seconds === undefined) continue;
        if (!first.has(pid)) first.set(pid, initial ? seconds : 0);
        last.set(pid, seconds);
      }
    };
    await sample(true);
    let running = true;
    const sampling = (async () => {
      while (running) {
        await sleep(SAMPLE_MS);
        await sample(false);
      }
    })();
    return async () => {
      running = false;
      await sampling;
      await sample(false);
      let total = 0;
      for (const [pid, seconds] of last) total += seconds - (first.get(pid) ?? 0);
      return total;
    };
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
