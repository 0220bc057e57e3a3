import { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import os from 'node:os';
import type { CaseActivities } from '../../workflows/contract';
import { historyToJson } from '../../audit/history-json';
import { projectRoot } from '../../config';
import { caseWorkflowId } from '../../workflows/contract';
import { fakeCaseActivities } from '../support/fake-case-activities';
import type { Scenario } from './scenarios';

type History = temporal.api.history.v1.IHistory;

/** The identity every recorded event carries, instead of this machine's pid@hostname. */
export const RECORDER_IDENTITY = 'laurel-history-recorder';
export const RECORDER_TASK_QUEUE = 'laurel-histories';
export const RECORDER_CAMPAIGN = 'c-histories';

export interface Recorded {
  scenario: Scenario;
  workflowId: string;
  history: History;
  /** The history as committed: Temporal's JSON form, stack traces removed, indented. */
  json: string;
}

const quietLogger = { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} };

/** An open case is recorded once it rests: no activity pending and its last workflow task completed. */
async function rests(client: Client, workflowId: string) {
  for (;;) {
    const handle = client.workflow.getHandle(workflowId);
    const [described, history] = await Promise.all([handle.describe(), handle.fetchHistory()]);
    const last = history.events?.at(-1);
    if ((described.raw.pendingActivities?.length ?? 0) === 0 && last?.workflowTaskCompletedEventAttributes) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The committed form of a history. Stack traces name files of the machine that recorded them, so
 * they go; anything else naming this machine stops the recording instead of reaching the repo.
 */
export function committedJson(history: History): string {
  const tree = JSON.parse(historyToJson(history)) as unknown;
  const scrub = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(scrub);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'stackTrace') (node as Record<string, unknown>)[key] = '';
      else scrub(value);
    }
  };
  scrub(tree);
  const json = `${JSON.stringify(tree, null, 2)}\n`;
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A short host name also occurs inside base64 data: only a standalone occurrence names the host.
  const host = new RegExp(`(^|[^A-Za-z0-9+/])${escape(os.hostname())}([^A-Za-z0-9+/]|$)`);
  if (host.test(json)) throw new Error('a recorded history names this host; not writing it');
  for (const local of [projectRoot, os.homedir()])
    if (local.length > 1 && json.includes(local)) throw new Error('a recorded history names a local path; not writing it');
  return json;
}

export interface RecordOptions {
  /** Workflow code to run: the current code by default, a variant in the patching tests. */
  workflowsPath?: string;
  /** Activities a variant adds, beside the recording fakes of the case activities. */
  extraActivities?: Record<string, (...args: never[]) => Promise<unknown>>;
}

/** Runs each scenario as a real case workflow on the given server and returns its recorded history. */
export async function recordScenarios(env: TestWorkflowEnvironment, scenarios: Scenario[], options: RecordOptions = {}): Promise<Recorded[]> {
  const { code } = await bundleWorkflowCode({ workflowsPath: options.workflowsPath ?? require.resolve('../../workflows'), logger: quietLogger });
  const fakes = new Map<string, ReturnType<typeof fakeCaseActivities>>();
  const fakeOf = (caseId: string) => fakes.get(caseId)!.activities;
  const activities: CaseActivities = {
    recordCaseStep: (s) => fakeOf(s.caseId).recordCaseStep(s),
    enterSelectionPool: (s) => fakeOf(s.caseId).enterSelectionPool(s),
    recordVote: (v) => fakeOf(v.caseId).recordVote(v),
    compensate: (c) => fakeOf(c.caseId).compensate(c),
    deliverEmail: async () => undefined,
  };
  const taskQueue = RECORDER_TASK_QUEUE;
  const client = new Client({ connection: env.connection, identity: RECORDER_IDENTITY });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    identity: RECORDER_IDENTITY,
    workflowBundle: { code },
    activities: { ...activities, ...options.extraActivities },
  });

  async function record(scenario: Scenario): Promise<Recorded> {
    const caseId = `hist-${scenario.name}`;
    const now = Date.now();
    fakes.set(caseId, fakeCaseActivities({ now, ...scenario.options?.(now) }));
    const workflowId = caseWorkflowId(caseId);
    const handle = await client.workflow.start('nominationWorkflow', { workflowId, taskQueue, args: [{ caseId, campaignId: RECORDER_CAMPAIGN, channel: scenario.channel ?? 'organisation' }] });
    await scenario.drive(handle as never);
    if (scenario.staysOpen) await rests(client, workflowId);
    const history = await handle.fetchHistory();
    if (scenario.staysOpen) await handle.terminate('recorded');
    return { scenario, workflowId, history, json: committedJson(history) };
  }

  return worker.runUntil(Promise.all(scenarios.map(record)));
}
