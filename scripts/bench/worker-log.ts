/** SQLite's busy and locked errors, PostgreSQL's lock and serialization failures, Prisma's transaction waits. */
export const DATABASE_LOCK = /SQLITE_BUSY|SQLITE_LOCKED|database is locked|deadlock|could not serialize|lock timeout|could not obtain lock|P2034|P2028|Unable to start a transaction in the given time|Transaction already closed/i;

/** What the workers' logs say, by process. */
export interface LogCounts {
  /** Workflow tasks the SDK warned took over 5 s (TMPRL1104): a blocked event loop. */
  slowWorkflowTasks: Record<string, number>;
  /** Activity attempts the SDK logged as failed, and of those, the ones whose error names a database lock. */
  activityFailures: Record<string, number>;
  lockFailures: Record<string, number>;
}

function add(counts: Record<string, number>, name: string): void {
  counts[name] = (counts[name] ?? 0) + 1;
}

/**
 * Reads every process's output as it comes. The histories count an activity's retries, but the
 * Temporal server cuts a retried attempt's failure over 4 KB down to "Failure exceeds size limit."
 * (a Prisma error is larger), so whether a lock caused it is read here, from the SDK's
 * "Activity failed" warning: one line (Laurel's logger), or an entry over several lines ending with
 * a lone `}` (the SDK's own logger, the bare worker's).
 */
export class WorkerLog {
  private readonly counts: LogCounts = { slowWorkflowTasks: {}, activityFailures: {}, lockFailures: {} };
  /** By process: inside an "Activity failed" entry, and whether it named a lock yet. */
  private readonly entry = new Map<string, { lock: boolean }>();

  read(name: string, line: string): void {
    if (line.includes('TMPRL1104')) add(this.counts.slowWorkflowTasks, name);
    if (line.includes('Activity failed')) {
      add(this.counts.activityFailures, name);
      if (DATABASE_LOCK.test(line)) add(this.counts.lockFailures, name);
      else if (line.trimEnd().endsWith('{')) this.entry.set(name, { lock: false });
      return;
    }
    const entry = this.entry.get(name);
    if (!entry) return;
    if (line === '}') this.entry.delete(name);
    else if (!entry.lock && DATABASE_LOCK.test(line)) {
      entry.lock = true;
      add(this.counts.lockFailures, name);
    }
  }

  /** The counts so far; `since(earlier)` the counts after it. */
  now(): LogCounts {
    return { slowWorkflowTasks: { ...this.counts.slowWorkflowTasks }, activityFailures: { ...this.counts.activityFailures }, lockFailures: { ...this.counts.lockFailures } };
  }

  since(earlier: LogCounts): LogCounts {
    const minus = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.entries(a).map(([name, n]) => [name, n - (b[name] ?? 0)]));
    const current = this.now();
    return {
      slowWorkflowTasks: minus(current.slowWorkflowTasks, earlier.slowWorkflowTasks),
      activityFailures: minus(current.activityFailures, earlier.activityFailures),
      lockFailures: minus(current.lockFailures, earlier.lockFailures),
    };
  }
}
