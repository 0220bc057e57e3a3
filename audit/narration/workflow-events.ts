import type { Language } from '../../domain/channels';
import type { NominationInput } from '../../workflows/contract';
import type { DecodedEvent } from '../history-events';
import { activityCompleted, activityFailed, activityScheduled } from './activity-events';
import type { Narrated, Told } from './history-item';
import { signalSent, signaled, updateAccepted, updateCompleted } from './message-events';
import type { NameOf } from './people';
import { systemName } from './people';
import { timerCanceled, timerFired, timerStarted } from './timer-events';
import type { EventNarrator, WorkflowScene } from './workflow-scene';
import type { Phrasebook } from './words';
import { colon, statusText, statusWords, tongueOf } from './words';

// A case workflow's own history, event by event, in the order the history holds them.

interface LifePhrases {
  begins: string;
  closes(status: string): string;
  started(workflowType: string): string;
  startedFor(caseId: string, campaignId: string): string;
  ended(status: string): string;
  failed(failure: string): string;
  terminated: string;
  endedAs(eventType: string): string;
  taskFailed(cause: string, failure: string): string;
  patched(patchId: string): string;
  patchedWhy: string;
}

const LIFE: Phrasebook<LifePhrases> = {
  zh: {
    begins: '案件办理流程启动',
    closes: (status) => `案件办理结束，最终状态：${status}`,
    started: (workflowType) => `案件工作流启动（${workflowType}）`,
    startedFor: (caseId, campaignId) => `案件 ${caseId}，评选活动 ${campaignId}`,
    ended: (status) => `案件工作流结束，最终状态：${status}`,
    failed: (failure) => `案件工作流失败：${failure}`,
    terminated: '案件工作流被终止',
    endedAs: (eventType) => `案件工作流结束（${eventType}）`,
    taskFailed: (cause, failure) => `工作流任务失败（${cause}）：${failure}`,
    patched: (patchId) => `代码版本标记：${patchId}`,
    patchedWhy: '此后按新版流程执行',
  },
  en: {
    begins: "the case's process begins",
    closes: (status) => `the case's process ended: ${status}`,
    started: (workflowType) => `case workflow started (${workflowType})`,
    startedFor: (caseId, campaignId) => `case ${caseId}, campaign ${campaignId}`,
    ended: (status) => `case workflow ended: ${status}`,
    failed: (failure) => `case workflow failed: ${failure}`,
    terminated: 'case workflow terminated',
    endedAs: (eventType) => `case workflow ended (${eventType})`,
    taskFailed: (cause, failure) => `workflow task failed (${cause}): ${failure}`,
    patched: (patchId) => `code version marker: ${patchId}`,
    patchedWhy: 'the new code path applies from here',
  },
};

const life = (scene: WorkflowScene) => LIFE[tongueOf(scene.language)];

/** Machinery a person reads as it is: the same words in plain and machine terms. */
const machinery = (scene: WorkflowScene, what: string, why?: string): Told => ({ actor: scene.system, what, machine: what, why, kind: 'system' });

/** The workflow's start only repeats the submission that caused it, where the audit log holds that. */
const started: EventNarrator = (e, scene) => {
  const input = (e.input?.[0] ?? {}) as Partial<NominationInput>;
  const say = life(scene);
  scene.causes.push('start');
  return {
    actor: scene.system,
    what: say.begins,
    machine: `${say.started(String(e.workflowType))}${colon(scene.language)}${say.startedFor(String(input.caseId), String(input.campaignId))}`,
    kind: 'system',
    keys: ['start'],
    repeats: ['submission'],
  };
};

const endedAs: EventNarrator = (e, scene) => machinery(scene, life(scene).endedAs(e.type));

/** By event type; the workflow's and activities' task bookkeeping (scheduled, started, completed) is left out. */
const NARRATORS: Record<string, EventNarrator> = {
  WorkflowExecutionStarted: started,
  ActivityTaskScheduled: activityScheduled,
  ActivityTaskCompleted: activityCompleted,
  ActivityTaskFailed: activityFailed,
  ActivityTaskTimedOut: activityFailed,
  TimerStarted: timerStarted,
  TimerFired: timerFired,
  TimerCanceled: timerCanceled,
  WorkflowExecutionUpdateAccepted: updateAccepted,
  WorkflowExecutionUpdateCompleted: updateCompleted,
  WorkflowExecutionSignaled: signaled,
  SignalExternalWorkflowExecutionInitiated: signalSent,
  WorkflowExecutionCompleted: (e, scene) => ({
    ...machinery(scene, life(scene).closes(statusWords(String(e.result), scene.language))),
    machine: life(scene).ended(statusText(String(e.result), scene.language)),
  }),
  WorkflowExecutionFailed: (e, scene) => machinery(scene, life(scene).failed(String(e.failure))),
  WorkflowExecutionTerminated: (e, scene) => machinery(scene, life(scene).terminated, e.reason),
  WorkflowExecutionTimedOut: endedAs,
  WorkflowExecutionCanceled: endedAs,
  WorkflowExecutionContinuedAsNew: endedAs,
  WorkflowTaskFailed: (e, scene) => machinery(scene, life(scene).taskFailed(e.cause ?? '?', e.failure ?? '')),
  // Markers other than patches (side effects, local activities) say nothing a person needs.
  MarkerRecorded: (e, scene) => (e.patchId ? machinery(scene, life(scene).patched(e.patchId), life(scene).patchedWhy) : undefined),
};

export function narrateWorkflowEvents(events: DecodedEvent[], nameOf: NameOf, language: Language): Narrated[] {
  const scene: WorkflowScene = {
    language,
    nameOf,
    system: systemName(language),
    taskKinds: new Map(),
    scheduledActivities: new Map(),
    acceptedUpdates: new Map(),
    timers: new Map(),
    causes: [],
    emails: new Map(),
  };
  const items: Narrated[] = [];
  for (const e of events) {
    const status = scene.status;
    const told = Object.hasOwn(NARRATORS, e.type) ? NARRATORS[e.type](e, scene) : undefined;
    const statusAfter = scene.status;
    if (told) items.push({ at: e.at, source: 'workflow', eventType: e.type, eventId: e.id, ...(status && { status }), ...(statusAfter && { statusAfter }), ...told });
  }
  return items;
}
