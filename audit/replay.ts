import type { DataConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { InjectedSinks, ReplayHistoriesIterable } from '@temporalio/worker';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import type { CaseStep, Compensation } from '../workflows/contract';
import type { ReplayTraceSinks } from '../workflows/replay-trace';
import { COMPENSATION_ACTIVITY, VOTE_ACTIVITY, isStepActivity } from './case-activity-names';

type History = temporal.api.history.v1.IHistory;

export const caseWorkflowsPath = require.resolve('../workflows');
const traceInterceptorPath = require.resolve('../workflows/replay-trace');

/** What the current workflow code did while replaying one history, as reported by workflows/replay-trace.ts. */
export interface ReplayTrace {
  /** Steps whose recording activity completed in the history, with the input this code computed for it. */
  steps: CaseStep[];
  votes: { caseId: string; taskId: string; memberId: string; decision: string; score?: number; comment?: string }[];
  compensations: { action: Compensation; reason: string; outcome: 'completed' | 'failed' }[];
  ended?: { outcome: 'completed' | 'failed'; result: unknown };
}

function emptyTrace(): ReplayTrace {
  return { steps: [], votes: [], compensations: [] };
}

/** Collects the traces of the histories one replay worker runs, by workflow id. */
export function traceCollector() {
  const traces = new Map<string, ReplayTrace>();
  const of = (workflowId: string) => {
    let t = traces.get(workflowId);
    if (!t) traces.set(workflowId, (t = emptyTrace()));
    return t;
  };
  const sinks: InjectedSinks<ReplayTraceSinks> = {
    replayTrace: {
      activity: {
        fn(info, activityType, input, outcome) {
          const trace = of(info.workflowId);
          if (isStepActivity(activityType)) {
            if (outcome === 'completed') trace.steps.push(input as CaseStep);
          } else if (activityType === VOTE_ACTIVITY) {
            if (outcome === 'completed') trace.votes.push(input as ReplayTrace['votes'][number]);
          } else if (activityType === COMPENSATION_ACTIVITY) {
            const c = input as { action: Compensation; reason: string };
            trace.compensations.push({ action: c.action, reason: c.reason, outcome });
          }
        },
        callDuringReplay: true,
      },
      ended: {
        fn(info, outcome, result) {
          of(info.workflowId).ended = { outcome, result };
        },
        callDuringReplay: true,
      },
    },
  };
  return { sinks, trace: (workflowId: string) => traces.get(workflowId) ?? emptyTrace() };
}

const quietLogger = { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} };
const bundles = new Map<string, Promise<{ code: string }>>();

/**
 * The workflows at `workflowsPath` bundled with the trace interceptor, once per process: webpack
 * takes seconds, a replay milliseconds. The converters must be those of the data converter used.
 */
export function replayBundle(workflowsPath: string = caseWorkflowsPath, dataConverter?: DataConverter): Promise<{ code: string }> {
  const key = [workflowsPath, dataConverter?.payloadConverterPath ?? '', dataConverter?.failureConverterPath ?? ''].join('\n');
  let bundle = bundles.get(key);
  if (!bundle) {
    bundle = bundleWorkflowCode({
      workflowsPath,
      workflowInterceptorModules: [traceInterceptorPath],
      payloadConverterPath: dataConverter?.payloadConverterPath,
      failureConverterPath: dataConverter?.failureConverterPath,
      logger: quietLogger,
    });
    bundle.catch(() => bundles.delete(key));
    bundles.set(key, bundle);
  }
  return bundle;
}

export interface ReplayFailure {
  /** `DeterminismViolationError`: the code no longer makes the recorded commands; `ReplayError`: it failed otherwise. */
  kind: 'DeterminismViolationError' | 'ReplayError';
  message: string;
}

export interface ReplayOutcome {
  workflowId: string;
  deterministic: boolean;
  failure?: ReplayFailure;
  events: number;
  trace: ReplayTrace;
  ms: number;
}

export interface ReplayOptions {
  /** The data converter of the workers that wrote the history (its codec decrypts the payloads). */
  dataConverter?: DataConverter;
  /** Workflow code to replay against: the current code by default, a variant in tests. */
  workflowsPath?: string;
  replayName?: string;
}

function failureOf(err: unknown): ReplayFailure {
  const e = err as Error;
  return { kind: e?.name === 'DeterminismViolationError' ? 'DeterminismViolationError' : 'ReplayError', message: e?.message ?? String(err) };
}

/**
 * Replays histories against the workflow code, one replay worker for all of them, and reports for
 * each whether it replayed cleanly and what the code did on the way (its trace).
 */
export async function* replayHistories(histories: Iterable<{ workflowId: string; history: History }>, options: ReplayOptions = {}): AsyncGenerator<ReplayOutcome> {
  const { code } = await replayBundle(options.workflowsPath, options.dataConverter);
  const collector = traceCollector();
  let started = 0;
  let events = 0;
  const source: ReplayHistoriesIterable = (function* () {
    for (const h of histories) {
      events = h.history.events?.length ?? 0;
      started = performance.now();
      yield h;
    }
  })();
  const results = Worker.runReplayHistories(
    { workflowBundle: { code }, dataConverter: options.dataConverter, sinks: collector.sinks, replayName: options.replayName ?? 'laurel-replay' },
    source,
  );
  for await (const r of results) {
    const ms = performance.now() - started;
    yield { workflowId: r.workflowId, deterministic: !r.error, ...(r.error && { failure: failureOf(r.error) }), events, trace: collector.trace(r.workflowId), ms };
  }
}

/** Replays one history; see {@link replayHistories}. */
export async function replayHistory(history: History, workflowId: string, options: ReplayOptions = {}): Promise<ReplayOutcome> {
  for await (const outcome of replayHistories([{ workflowId, history }], options)) return outcome;
  throw new Error('the replay worker returned no result');
}
