import type { Client } from '@temporalio/client';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { temporalHistories } from '../../audit/temporal-histories';
import { inPool } from './pool';
import { percentile } from './stats';
import { DATABASE_LOCK } from './worker-log';

type Event = temporal.api.history.v1.IHistoryEvent;
type Failure = temporal.api.failure.v1.IFailure;
const EventType = temporal.api.enums.v1.EventType;

/** What one workflow's history says about where its time went and what was retried. */
export interface HistorySamples {
  workflows: number;
  /** By activity type: ms from scheduled to started (queued, and the retry back-off of a retried one) and from started to closed. */
  activities: Record<string, { queuedMs: number[]; runMs: number[] }>;
  workflowTasks: { queuedMs: number[]; runMs: number[] };
  /** ms from an Update's acceptance to its completion, inside the workflow. */
  updateMs: number[];
  /** Attempts beyond the first, over every activity. */
  retries: number;
  /** Of those, attempts after a failure that names a database lock, and after one the server cut (its cause unknown here). */
  lockRetries: number;
  cutRetries: number;
  /** ActivityTaskFailed and ActivityTaskTimedOut events: activities that gave up. */
  activityFailures: number;
  /** A few of the failures behind retries, in words. */
  retryCauses: string[];
  /** Epoch ms at which each workflow's first step activity completed, by workflow id. */
  firstStepAt: Record<string, number>;
  /** Events over every history read, by type, and the histories' size as the server sends them (bytes). */
  eventsByType: Record<string, number>;
  historyBytes: number;
}

function emptySamples(): HistorySamples {
  return { workflows: 0, activities: {}, workflowTasks: { queuedMs: [], runMs: [] }, updateMs: [], retries: 0, lockRetries: 0, cutRetries: 0, activityFailures: 0, retryCauses: [], firstStepAt: {}, eventsByType: {}, historyBytes: 0 };
}

/** The server's stand-in for a retried attempt's failure over its size limit (4 KB): the cause is lost. */
const FAILURE_CUT = 'Failure exceeds size limit.';

function millis(t: { seconds?: unknown; nanos?: number | null } | null | undefined): number {
  return Number(String(t?.seconds ?? 0)) * 1000 + (t?.nanos ?? 0) / 1e6;
}

function id(value: unknown): number {
  return Number(String(value ?? 0));
}

/** A failure's message and its causes'; Laurel's are encrypted in an encoded attribute, decoded with its codecs. */
async function failureText(f: Failure | null | undefined, codecs: PayloadCodec[]): Promise<string> {
  if (!f) return '';
  let message = f.message ?? '';
  if (f.encodedAttributes) {
    let [payload] = [f.encodedAttributes as Payload];
    for (const codec of [...codecs].reverse()) [payload] = await codec.decode([payload]);
    message = (JSON.parse(Buffer.from(payload.data ?? []).toString('utf8')) as { message?: string }).message ?? message;
  }
  const cause = await failureText(f.cause, codecs);
  return cause ? `${message}: ${cause}` : message;
}

function push(samples: HistorySamples, type: string, queuedMs: number, runMs: number) {
  const entry = (samples.activities[type] ??= { queuedMs: [], runMs: [] });
  entry.queuedMs.push(queuedMs);
  entry.runMs.push(runMs);
}

/** Adds one history's facts to `samples`; `stepActivity` names the activity whose first completion is the case's first step. */
async function readHistory(workflowId: string, events: Event[], samples: HistorySamples, stepActivity: string, codecs: PayloadCodec[]): Promise<void> {
  samples.workflows += 1;
  const scheduled = new Map<number, { type: string; at: number }>();
  const started = new Map<number, { at: number }>();
  const accepted = new Map<number, number>();
  let taskScheduledAt = 0;
  let taskStartedAt = 0;
  samples.historyBytes += temporal.api.history.v1.History.encode({ events }).finish().length;
  for (const e of events) {
    const at = millis(e.eventTime);
    const type = EventType[e.eventType ?? 0].replace(/^EVENT_TYPE_/, '');
    samples.eventsByType[type] = (samples.eventsByType[type] ?? 0) + 1;
    switch (e.eventType) {
      case EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED:
        taskScheduledAt = at;
        break;
      case EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED:
        taskStartedAt = at;
        samples.workflowTasks.queuedMs.push(at - taskScheduledAt);
        break;
      case EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
        samples.workflowTasks.runMs.push(at - taskStartedAt);
        break;
      case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
        scheduled.set(id(e.eventId), { type: e.activityTaskScheduledEventAttributes?.activityType?.name ?? '?', at });
        break;
      case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED: {
        const a = e.activityTaskStartedEventAttributes!;
        started.set(id(e.eventId), { at });
        const again = (a.attempt ?? 1) - 1;
        if (again > 0) {
          const cause = await failureText(a.lastFailure, codecs);
          samples.retries += again;
          if (DATABASE_LOCK.test(cause)) samples.lockRetries += again;
          else if (cause.startsWith(FAILURE_CUT)) samples.cutRetries += again;
          if (samples.retryCauses.length < 10) samples.retryCauses.push(`${scheduled.get(id(a.scheduledEventId))?.type}, attempt ${a.attempt}: ${cause.slice(0, 300)}`);
        }
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
      case EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED:
      case EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT: {
        const a = e.activityTaskCompletedEventAttributes ?? e.activityTaskFailedEventAttributes ?? e.activityTaskTimedOutEventAttributes!;
        const s = scheduled.get(id(a.scheduledEventId));
        const begun = started.get(id(a.startedEventId));
        if (s && begun) push(samples, s.type, begun.at - s.at, at - begun.at);
        if (e.eventType !== EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) samples.activityFailures += 1;
        else if (s?.type === stepActivity && samples.firstStepAt[workflowId] === undefined) samples.firstStepAt[workflowId] = at;
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
        accepted.set(id(e.eventId), at);
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED: {
        const from = accepted.get(id(e.workflowExecutionUpdateCompletedEventAttributes?.acceptedEventId));
        if (from !== undefined) samples.updateMs.push(at - from);
        break;
      }
    }
  }
}

/** Reads the histories of `workflowIds` (those that exist), `concurrency` at a time. */
export async function readHistories(client: Client, workflowIds: string[], stepActivity: string, codecs: PayloadCodec[], concurrency = 8): Promise<HistorySamples> {
  const samples = emptySamples();
  const histories = temporalHistories(client);
  await inPool(workflowIds, concurrency, async (workflowId) => {
    const history = await histories.fetch(workflowId);
    if (history) await readHistory(workflowId, history.events ?? [], samples, stepActivity, codecs);
  });
  return samples;
}

export interface ActivityTimes {
  count: number;
  queuedP50: number | null;
  runP50: number | null;
  runP95: number | null;
}

export function timesOf({ queuedMs, runMs }: { queuedMs: number[]; runMs: number[] }): ActivityTimes {
  return { count: runMs.length, queuedP50: percentile(queuedMs, 50), runP50: percentile(runMs, 50), runP95: percentile(runMs, 95) };
}

/** By activity type: how many ran, how long they queued (p50) and ran (p50, p95). */
export function activityTimes(samples: HistorySamples): Record<string, ActivityTimes> {
  return Object.fromEntries(Object.entries(samples.activities).map(([type, a]) => [type, timesOf(a)]));
}

/** Pools the samples of several rounds. */
export function mergeSamples(all: HistorySamples[]): HistorySamples {
  const merged = emptySamples();
  for (const s of all) {
    merged.workflows += s.workflows;
    for (const [type, a] of Object.entries(s.activities)) {
      const entry = (merged.activities[type] ??= { queuedMs: [], runMs: [] });
      entry.queuedMs.push(...a.queuedMs);
      entry.runMs.push(...a.runMs);
    }
    merged.workflowTasks.queuedMs.push(...s.workflowTasks.queuedMs);
    merged.workflowTasks.runMs.push(...s.workflowTasks.runMs);
    merged.updateMs.push(...s.updateMs);
    merged.retries += s.retries;
    merged.lockRetries += s.lockRetries;
    merged.cutRetries += s.cutRetries;
    merged.activityFailures += s.activityFailures;
    merged.retryCauses.push(...s.retryCauses.slice(0, Math.max(0, 10 - merged.retryCauses.length)));
    Object.assign(merged.firstStepAt, s.firstStepAt);
    for (const [type, n] of Object.entries(s.eventsByType)) merged.eventsByType[type] = (merged.eventsByType[type] ?? 0) + n;
    merged.historyBytes += s.historyBytes;
  }
  return merged;
}
