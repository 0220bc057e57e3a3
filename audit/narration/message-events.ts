import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { Label } from '../../domain/vocabulary';
import { say } from '../../domain/vocabulary';
import {
  committeeOutcomeSignal,
  completeTaskUpdate,
  deadlinesChangedSignal,
  lodgeObjectionUpdate,
  promotedSignal,
  reportFraudUpdate,
  sealedFormResubmittedUpdate,
  withdrawUpdate,
} from '../../workflows/contract';
import type { Told } from './history-item';
import type { EventNarrator, WorkflowScene } from './workflow-scene';
import type { Phrasebook } from './words';
import { decisionText, deciderRole, kindText, localTime, scoreSuffix, statusText, tongueOf } from './words';

// The messages a case workflow receives: Updates (a person's decision, withdrawal, resubmission,
// objection or fraud report) and Signals (the committee round's outcome, a promotion, new
// deadlines). Matched on the contract's definitions, so a renamed message fails compilation here.

interface UpdatePhrases {
  decided(d: { role?: string; name: string; kind: string; taskId: string; decision: string; score: string; comment?: string }): string;
  applicantOrUnit: string;
  withdraws(name: string): string;
  resubmitted(sealedFormId: string): string;
  thePublic: string;
  objectionLodged(objectionId: string): string;
  reportsFraud(name: string, reportId: string): string;
  otherUpdate(name: string): string;
  anUpdate: string;
  outcome: { failed(failure: string): string; tookEffect(status: string): string; taskOpened(taskId: string): string; done: string };
  completed(label: string, outcome: string): string;
}

const UPDATES: Phrasebook<UpdatePhrases> = {
  zh: {
    decided: (d) => `${d.role ? `${d.role} ` : ''}${d.name} 作出决定（${d.kind}，任务 ${d.taskId}）：${d.decision}${d.score}${d.comment ? `，意见：${d.comment}` : ''}`,
    applicantOrUnit: '申请人或推荐单位',
    withdraws: (name) => `${name} 撤回申报`,
    resubmitted: (sealedFormId) => `重新提交盖章报名表（${sealedFormId}）`,
    thePublic: '公众',
    objectionLodged: (objectionId) => `公示期内收到异议（${objectionId}）`,
    reportsFraud: (name, reportId) => `${name} 举报（${reportId}）`,
    otherUpdate: (name) => `更新 ${name}`,
    anUpdate: '更新',
    outcome: { failed: (f) => `失败：${f}`, tookEffect: (status) => `已生效，案件状态：${status}`, taskOpened: (taskId) => `已受理，开启任务 ${taskId}`, done: '已处理' },
    completed: (label, outcome) => `${label}${outcome}`,
  },
  en: {
    decided: (d) => `${d.role ? `${d.role} ` : ''}${d.name} decided (${d.kind}, task ${d.taskId}): ${d.decision}${d.score}${d.comment ? `; comment: ${d.comment}` : ''}`,
    applicantOrUnit: 'applicant or unit',
    withdraws: (name) => `${name} withdraws the nomination`,
    resubmitted: (sealedFormId) => `sealed form resubmitted (${sealedFormId})`,
    thePublic: 'the public',
    objectionLodged: (objectionId) => `objection lodged during the notice (${objectionId})`,
    reportsFraud: (name, reportId) => `${name} reports fraud (${reportId})`,
    otherUpdate: (name) => `update ${name}`,
    anUpdate: 'update',
    outcome: { failed: (f) => `failed: ${f}`, tookEffect: (status) => `took effect; the case is ${status}`, taskOpened: (taskId) => `accepted; task ${taskId} opened`, done: 'done' },
    completed: (label, outcome) => `${label} ${outcome}`,
  },
};

interface UpdateNarrator {
  /** What the Update's completion calls it. */
  label: Label;
  accepted(arg: unknown, scene: WorkflowScene): Told;
}

/** Ties a narrator to its Update's definition, typing the argument by it. */
function onUpdate<Args extends unknown[]>(
  definition: UpdateDefinition<unknown, Args>,
  label: Label,
  accepted: (arg: Partial<Args[0]>, scene: WorkflowScene, say: UpdatePhrases) => Told,
): [string, UpdateNarrator] {
  return [definition.name, { label, accepted: (arg, scene) => accepted((arg ?? {}) as Partial<Args[0]>, scene, UPDATES[tongueOf(scene.language)]) }];
}

const UPDATE_NARRATORS = new Map<string, UpdateNarrator>([
  onUpdate(completeTaskUpdate, { zh: '决定', en: 'Decision' }, (d, scene, say) => {
    const L = scene.language;
    const kind = d.taskId === undefined ? undefined : scene.taskKinds.get(d.taskId);
    const name = scene.nameOf(d.actor?.id, d.actor?.username);
    const what = say.decided({
      role: deciderRole(kind, L),
      name,
      kind: kindText(kind, L),
      taskId: String(d.taskId),
      decision: decisionText(String(d.decision), L),
      score: scoreSuffix(d.score, L),
      comment: d.comment,
    });
    return { actor: name, what, why: d.comment };
  }),
  onUpdate(withdrawUpdate, { zh: '撤回申报', en: 'Withdrawal' }, (w, scene, say) => {
    const name = scene.nameOf(w.actor?.id, w.actor?.username ?? say.applicantOrUnit);
    return { actor: name, what: say.withdraws(name), why: w.reason };
  }),
  onUpdate(sealedFormResubmittedUpdate, { zh: '重新提交盖章报名表', en: 'Sealed form resubmission' }, (r, _scene, say) => ({
    actor: say.applicantOrUnit,
    what: say.resubmitted(String(r.sealedFormId)),
  })),
  onUpdate(lodgeObjectionUpdate, { zh: '公示异议', en: 'Objection' }, (o, _scene, say) => ({ actor: say.thePublic, what: say.objectionLodged(String(o.objectionId)) })),
  onUpdate(reportFraudUpdate, { zh: '举报', en: 'Fraud report' }, (r, scene, say) => {
    const name = scene.nameOf(r.actor?.id, r.actor?.username);
    return { actor: name, what: say.reportsFraud(name, String(r.reportId)) };
  }),
]);

export const updateAccepted: EventNarrator = (e, scene) => {
  scene.acceptedUpdates.set(e.id, e);
  const narrator = e.updateName === undefined ? undefined : UPDATE_NARRATORS.get(e.updateName);
  if (narrator) return narrator.accepted(e.input?.[0], scene);
  return { actor: scene.system, what: UPDATES[tongueOf(scene.language)].otherUpdate(String(e.updateName)) };
};

export const updateCompleted: EventNarrator = (e, scene) => {
  const L = scene.language;
  const phrases = UPDATES[tongueOf(L)];
  const name = scene.acceptedUpdates.get(e.acceptedEventId ?? -1)?.updateName;
  const known = name === undefined ? undefined : UPDATE_NARRATORS.get(name);
  const label = known ? say(known.label, L) : (name ?? phrases.anUpdate);
  const result = e.result as { caseStatus?: string; taskId?: string } | undefined;
  const outcome = e.failure
    ? phrases.outcome.failed(e.failure)
    : result?.caseStatus
      ? phrases.outcome.tookEffect(statusText(result.caseStatus, L))
      : result?.taskId
        ? phrases.outcome.taskOpened(result.taskId)
        : phrases.outcome.done;
  return { actor: scene.system, what: phrases.completed(label, outcome) };
};

interface SignalPhrases {
  selected(rank: number, until: string): string;
  notSelected(rank: number, until: string): string;
  promoted(rank: number, until: string): string;
  deadlinesChanged(version: number, submission: string, review: string): string;
  otherSignal(name: string): string;
  signalsCase(workflowId: string, signal: string): string;
}

const SIGNALS: Phrasebook<SignalPhrases> = {
  zh: {
    selected: (rank, until) => `评审委员会评选结果：当选，排名 ${rank}，公示至 ${until}`,
    notSelected: (rank, until) => `评审委员会评选结果：未当选，排名 ${rank}，候补至 ${until}`,
    promoted: (rank, until) => `递补为当选：排名 ${rank}，公示至 ${until}`,
    deadlinesChanged: (version, submission, review) => `截止期限变更（第 ${version} 版）：申报截止 ${submission}，评审截止 ${review}`,
    otherSignal: (name) => `收到信号 ${name}`,
    signalsCase: (workflowId, signal) => `通知案件工作流 ${workflowId}：${signal}`,
  },
  en: {
    selected: (rank, until) => `committee round: selected, rank ${rank}, on notice until ${until}`,
    notSelected: (rank, until) => `committee round: not selected, rank ${rank}, in reserve until ${until}`,
    promoted: (rank, until) => `promoted from the reserve: rank ${rank}, on notice until ${until}`,
    deadlinesChanged: (version, submission, review) => `deadlines changed (version ${version}): submission ${submission}, review ${review}`,
    otherSignal: (name) => `signal ${name}`,
    signalsCase: (workflowId, signal) => `signals case workflow ${workflowId}: ${signal}`,
  },
};

type SignalNarrator = (arg: unknown, scene: WorkflowScene) => string;

/** Ties a narrator to its Signal's definition, typing the argument by it. */
function onSignal<Args extends unknown[]>(definition: SignalDefinition<Args>, tell: (arg: Partial<Args[0]>, scene: WorkflowScene, say: SignalPhrases) => string): [string, SignalNarrator] {
  return [definition.name, (arg, scene) => tell((arg ?? {}) as Partial<Args[0]>, scene, SIGNALS[tongueOf(scene.language)])];
}

const SIGNAL_NARRATORS = new Map<string, SignalNarrator>([
  onSignal(committeeOutcomeSignal, (o, scene, say) =>
    (o.selected ? say.selected : say.notSelected)(o.rank as number, localTime(o.noticeEndsAt, scene.language)),
  ),
  onSignal(promotedSignal, (p, scene, say) => say.promoted(p.rank as number, localTime(p.noticeEndsAt, scene.language))),
  onSignal(deadlinesChangedSignal, (d, scene, say) =>
    say.deadlinesChanged(d.version as number, localTime(d.submissionDeadline, scene.language), localTime(d.reviewDeadline, scene.language)),
  ),
]);

export const signaled: EventNarrator = (e, scene) => {
  const narrator = e.signalName === undefined ? undefined : SIGNAL_NARRATORS.get(e.signalName);
  const what = narrator ? narrator(e.input?.[0], scene) : SIGNALS[tongueOf(scene.language)].otherSignal(String(e.signalName));
  return { actor: scene.system, what };
};

/** The committee round telling a case workflow its outcome, or a promotion. */
export const signalSent: EventNarrator = (e, scene) => ({
  actor: scene.system,
  what: SIGNALS[tongueOf(scene.language)].signalsCase(String(e.targetWorkflowId), String(e.signalName)),
});
