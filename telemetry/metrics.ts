import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// The API's Prometheus metrics: its HTTP traffic, the refused Updates, the codec's use, and the
// state of the work itself read at scrape time. One registry per app, so that tests can build many.

interface Count<K extends string> {
  labels: Record<K, string>;
  count: number;
}

/** What the work looks like at the moment of a scrape; a source that could not be read is named in `failed` and left out. */
export interface OperationalReadings {
  failed: string[];
  counts?: {
    openTasks: Count<'kind'>[];
    overdueTasks: Count<'kind'>[];
    cases: Count<'campaign' | 'status'>[];
    outbox: { queued: number; failing: number; failed: number; oldestQueuedAt: Date | null };
  };
  taskQueue?: { name: string; stats: { type: string; backlog: number; backlogAgeSeconds: number; pollers: number }[] };
  auditChain?: { ok: boolean; entries: number; checkedAt: Date };
}

export const SOURCES = ['database', 'temporal', 'audit-chain'] as const;

/** Seconds, from a 5 ms answer to a 30 s one (a replay, an Update that waits for its workflow). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface ApiMetrics {
  contentType: string;
  /** Reads the work's state, then renders every metric in Prometheus's text format. */
  scrape(): Promise<string>;
  /** Counts each answered request under its route pattern (never the raw URL, which holds ids). */
  httpMiddleware(routeOf: (req: IncomingMessage, res: ServerResponse) => string): (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  /** A workflow's validator refused an Update (or the case was closed): which Update, and the refusal's code. */
  updateRefused(update: string, reason: string): void;
  /** Payloads decoded or encoded through the codec endpoint. */
  codecPayloads(operation: 'decode' | 'encode', count: number): void;
}

export function createApiMetrics(readOperational: () => Promise<OperationalReadings>): ApiMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({ name: 'laurel_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers });
  const durations = new Histogram({
    name: 'laurel_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: DURATION_BUCKETS,
    registers,
  });
  const refused = new Counter({ name: 'laurel_updates_refused_total', help: "Updates a case workflow refused (its validator, or the case closed), by Update and the refusal's code", labelNames: ['update', 'reason'], registers });
  const codec = new Counter({ name: 'laurel_codec_payloads_total', help: 'Payloads decoded or encoded through the codec endpoint', labelNames: ['operation'], registers });

  const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers });
  const openTasks = gauge('laurel_open_tasks', 'Open tasks, by kind', ['kind']);
  const overdueTasks = gauge('laurel_overdue_tasks', 'Open tasks past their due time, by kind', ['kind']);
  const cases = gauge('laurel_cases', 'Cases, by campaign (its code) and status', ['campaign', 'status']);
  const outboxQueued = gauge('laurel_outbox_queued', 'Emails queued and not yet sent');
  const outboxFailing = gauge('laurel_outbox_failing', 'Queued emails whose last try failed (retried)');
  const outboxFailed = gauge('laurel_outbox_failed', 'Emails the mail server refused for good (never retried)');
  const outboxOldest = gauge('laurel_outbox_oldest_queued_age_seconds', 'How long the oldest unsent email has waited; 0 when none waits');
  const backlog = gauge('laurel_task_queue_backlog', "Tasks waiting on Laurel's task queue (the server's approximation), by type", ['task_queue', 'type']);
  const backlogAge = gauge('laurel_task_queue_backlog_age_seconds', 'How long the oldest waiting task has waited, by type', ['task_queue', 'type']);
  const pollers = gauge('laurel_task_queue_pollers', 'Workers polling the task queue lately, by type', ['task_queue', 'type']);
  const chainOk = gauge('laurel_audit_chain_ok', '1 when the last verification of the audit chain found it intact, 0 when it found a problem');
  const chainEntries = gauge('laurel_audit_chain_entries', 'Entries in the audit chain at its last verification');
  const chainChecked = gauge('laurel_audit_chain_verified_timestamp_seconds', 'When the audit chain was last verified (Unix time)');
  const sourceUp = gauge('laurel_metrics_source_up', 'Whether the last scrape could read the source (database, temporal, audit-chain)', ['source']);
  const readingGauges = [openTasks, overdueTasks, cases, outboxQueued, outboxFailing, outboxFailed, outboxOldest, backlog, backlogAge, pollers, chainOk, chainEntries, chainChecked];

  function record(readings: OperationalReadings, now: number): void {
    // Reset first: a kind or status that is gone must not linger at its last value.
    for (const g of readingGauges) g.reset();
    for (const source of SOURCES) sourceUp.set({ source }, readings.failed.includes(source) ? 0 : 1);
    const { counts, taskQueue, auditChain } = readings;
    if (counts) {
      for (const c of counts.openTasks) openTasks.set(c.labels, c.count);
      for (const c of counts.overdueTasks) overdueTasks.set(c.labels, c.count);
      for (const c of counts.cases) cases.set(c.labels, c.count);
      outboxQueued.set(counts.outbox.queued);
      outboxFailing.set(counts.outbox.failing);
      outboxFailed.set(counts.outbox.failed);
      outboxOldest.set(counts.outbox.oldestQueuedAt ? Math.max(0, (now - counts.outbox.oldestQueuedAt.getTime()) / 1000) : 0);
    }
    for (const s of taskQueue?.stats ?? []) {
      const labels = { task_queue: taskQueue!.name, type: s.type };
      backlog.set(labels, s.backlog);
      backlogAge.set(labels, s.backlogAgeSeconds);
      pollers.set(labels, s.pollers);
    }
    if (auditChain) {
      chainOk.set(auditChain.ok ? 1 : 0);
      chainEntries.set(auditChain.entries);
      chainChecked.set(auditChain.checkedAt.getTime() / 1000);
    }
  }

  // Two scrapes at once take turns, so that one's reset never empties what the other renders.
  let queue: Promise<unknown> = Promise.resolve();

  return {
    contentType: registry.contentType,
    scrape() {
      const turn = queue.then(async () => {
        record(await readOperational(), Date.now());
        return registry.metrics();
      });
      queue = turn.catch(() => {});
      return turn;
    },
    httpMiddleware(routeOf) {
      return (req, res, next) => {
        const started = process.hrtime.bigint();
        res.once('finish', () => {
          const labels = { method: req.method ?? 'GET', route: routeOf(req, res), status: String(res.statusCode) };
          requests.inc(labels);
          durations.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
        });
        next();
      };
    },
    updateRefused: (update, reason) => refused.inc({ update, reason }),
    codecPayloads: (operation, count) => codec.inc({ operation }, count),
  };
}
