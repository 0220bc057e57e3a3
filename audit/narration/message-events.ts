import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { Label } from '../../domain/vocabulary';
import { say } from '../../domain/vocabulary';
import {
  announceSignal,
  committeeOutcomeSignal,
  committeeQuorumSignal,
  completeTaskUpdate,
  deadlinesChangedSignal,
  eligibilityReviewUpdate,
  lodgeObjectionUpdate,
  promotedSignal,
  reportFraudUpdate,
  sealedFormResubmittedUpdate,
  withdrawUpdate,
} from '../../workflows/contract';
import { decisionSentence } from './decisions';
import type { HistoryKind, Told } from './history-item';
import { committeeName } from './people';
import type { EventNarrator, WorkflowScene } from './workflow-scene';
import type { Phrasebook } from './words';
import { colon, decisionText, deciderRole, kindText, localTime, noteText, scoreSuffix, statusText, tongueOf } from './words';

// The messages a case workflow receives: Updates (a person's decision, withdrawal, resubmission,
// objection, fraud report, eligibility review) and Signals (the committee round's outcome, a
// promotion, new deadlines, the announcement). Matched on the contract's definitions, so a renamed
// message fails compilation here.

interface UpdatePhrases {
  decided(d: { role?: string; name: string; kind: string; taskId: string; decision: string; score: string; comment?: string; note?: string; awardsVerified?: boolean }): string;
  applicantOrUnit: string;
  withdraws(name: string): string;
  resubmitted(sealedFormId: string): string;
  resubmits(name: string): string;
  thePublic: string;
  objectionLodged(objectionId: string): string;
  objectionDuringNotice: string;
  reportsFraud(name: string, reportId: string): string;
  reportsFraudPlain(name: string): string;
  eligibilityReview(reviewId: string): string;
  otherUpdate(name: string): string;
  anUpdate: string;
  outcome: { failed(failure: string): string; tookEffect(status: string): string; taskOpened(taskId: string): string; done: string };
  completed(label: string, outcome: string): string;
}

const UPDATES: Phrasebook<UpdatePhrases> = {
  zh: {
    decided: (d) =>
      `${d.role ? `${d.role} ` : ''}${d.name} 作出决定（${d.kind}，任务 ${d.taskId}）：${d.decision}${d.score}${d.comment ? `，意见：${d.comment}` : ''}` +
      `${d.note ? `，内部备注：${d.note}` : ''}${d.awardsVerified === undefined ? '' : `，媒体奖项核实：${d.awardsVerified ? '属实' : '未能核实'}`}`,
    applicantOrUnit: '申请人或推荐单位',
    withdraws: (name) => `${name} 撤回申报`,
    resubmitted: (sealedFormId) => `重新提交盖章报名表（${sealedFormId}）`,
    resubmits: (name) => `${name}重新提交盖章报名表`,
    thePublic: '公众',
    objectionLodged: (objectionId) => `公示期内收到异议（${objectionId}）`,
    objectionDuringNotice: '公示期内收到异议',
    reportsFraud: (name, reportId) => `${name} 举报（${reportId}）`,
    reportsFraudPlain: (name) => `${name} 举报弄虚作假`,
    eligibilityReview: (reviewId) => `开启参评资格复核（${reviewId}）`,
    otherUpdate: (name) => `更新 ${name}`,
    anUpdate: '更新',
    outcome: { failed: (f) => `失败：${f}`, tookEffect: (status) => `已生效，案件状态：${status}`, taskOpened: (taskId) => `已受理，开启任务 ${taskId}`, done: '已处理' },
    completed: (label, outcome) => `${label}${outcome}`,
  },
  en: {
    decided: (d) =>
      `${d.role ? `${d.role} ` : ''}${d.name} decided (${d.kind}, task ${d.taskId}): ${d.decision}${d.score}${d.comment ? `; comment: ${d.comment}` : ''}` +
      `${d.note ? `; internal note: ${d.note}` : ''}${d.awardsVerified === undefined ? '' : `; media awards: ${d.awardsVerified ? 'verified' : 'not verified'}`}`,
    applicantOrUnit: 'applicant or unit',
    withdraws: (name) => `${name} withdraws the nomination`,
    resubmitted: (sealedFormId) => `sealed form resubmitted (${sealedFormId})`,
    resubmits: (name) => `the ${name} resubmitted the sealed form`,
    thePublic: 'the public',
    objectionLodged: (objectionId) => `objection lodged during the notice (${objectionId})`,
    objectionDuringNotice: 'an objection was lodged during the public notice',
    reportsFraud: (name, reportId) => `${name} reports fraud (${reportId})`,
    reportsFraudPlain: (name) => `${name} reported fraud`,
    eligibilityReview: (reviewId) => `eligibility review opened (${reviewId})`,
    otherUpdate: (name) => `update ${name}`,
    anUpdate: 'update',
    outcome: { failed: (f) => `failed: ${f}`, tookEffect: (status) => `took effect; the case is ${status}`, taskOpened: (taskId) => `accepted; task ${taskId} opened`, done: 'done' },
    completed: (label, outcome) => `${label} ${outcome}`,
  },
};

interface UpdateNarrator {
  /** What the Update's completion calls it. */
  label: Label;
  kind: HistoryKind;
  accepted(arg: unknown, scene: WorkflowScene): Omit<Told, 'kind'>;
}

/** Ties a narrator to its Update's definition, typing the argument by it. */
function onUpdate<Args extends unknown[]>(
  definition: UpdateDefinition<unknown, Args>,
  label: Label,
  kind: HistoryKind,
  accepted: (arg: Partial<Args[0]>, scene: WorkflowScene, say: UpdatePhrases) => Omit<Told, 'kind'>,
): [string, UpdateNarrator] {
  return [definition.name, { label, kind, accepted: (arg, scene) => accepted((arg ?? {}) as Partial<Args[0]>, scene, UPDATES[tongueOf(scene.language)]) }];
}

/** Decisions that disqualify the case: an objection or fraud report upheld, the nominee found ineligible. */
const DISQUALIFYING = new Set(['uphold', 'ineligible']);

const UPDATE_NARRATORS = new Map<string, UpdateNarrator>([
  onUpdate(completeTaskUpdate, { zh: '决定', en: 'Decision' }, 'decision', (d, scene, say) => {
    const L = scene.language;
    const kind = d.taskId === undefined ? undefined : scene.taskKinds.get(d.taskId);
    const name = scene.nameOf(d.actor?.id, d.actor?.username);
    const decision = String(d.decision);
    const machine = say.decided({
      role: deciderRole(kind, L),
      name,
      kind: kindText(kind, L),
      taskId: String(d.taskId),
      decision: decisionText(decision, L),
      score: scoreSuffix(d.score, L),
      comment: d.comment,
      note: d.note,
      awardsVerified: d.awardsVerified,
    });
    const keys = [`task:${d.taskId}`, `decision:${d.taskId}:${d.actor?.id}`];
    // The first ruling that disqualifies starts the saga; the case's last step carries it out.
    if (DISQUALIFYING.has(decision) && !scene.interruption) {
      scene.interruption = 'disqualified';
      keys.push('disqualify');
    }
    return {
      actor: name,
      what: decisionSentence({ kind, name, decision, score: d.score, awardsVerified: d.awardsVerified }, L),
      machine,
      why: d.comment,
      note: d.note,
      keys,
      decision,
      // A compensation incident is resolved as part of the saga.
      ...(kind === 'compensation-incident' && { stage: scene.interruption ?? 'disqualified' }),
    };
  }),
  onUpdate(withdrawUpdate, { zh: '撤回申报', en: 'Withdrawal' }, 'submission', (w, scene, say) => {
    const name = scene.nameOf(w.actor?.id, w.actor?.username ?? say.applicantOrUnit);
    scene.interruption ??= 'withdrawn';
    return { actor: name, what: say.withdraws(name), machine: say.withdraws(name), why: w.reason, keys: ['withdraw'], stage: 'withdrawn' };
  }),
  onUpdate(sealedFormResubmittedUpdate, { zh: '重新提交盖章报名表', en: 'Sealed form resubmission' }, 'submission', (r, _scene, say) => ({
    actor: say.applicantOrUnit,
    what: say.resubmits(say.applicantOrUnit),
    machine: say.resubmitted(String(r.sealedFormId)),
    keys: [`resubmit:${r.sealedFormId}`],
  })),
  onUpdate(lodgeObjectionUpdate, { zh: '公示异议', en: 'Objection' }, 'objection', (o, _scene, say) => ({
    actor: say.thePublic,
    what: say.objectionDuringNotice,
    machine: say.objectionLodged(String(o.objectionId)),
    keys: [`objection:${o.objectionId}`],
  })),
  onUpdate(reportFraudUpdate, { zh: '举报', en: 'Fraud report' }, 'report', (r, scene, say) => {
    const name = scene.nameOf(r.actor?.id, r.actor?.username);
    return { actor: name, what: say.reportsFraudPlain(name), machine: say.reportsFraud(name, String(r.reportId)), keys: [`fraud-report:${r.reportId}`] };
  }),
  onUpdate(eligibilityReviewUpdate, { zh: '参评资格复核', en: 'Eligibility review' }, 'report', (r, scene, say) => ({
    actor: scene.system,
    what: noteText('eligibility-review-opened', scene.language) ?? say.eligibilityReview(String(r.reviewId)),
    machine: say.eligibilityReview(String(r.reviewId)),
    keys: [`eligibility:${r.reviewId}`],
  })),
]);

const ofUpdate = (acceptedEventId: number | undefined) => `update:${acceptedEventId}`;

export const updateAccepted: EventNarrator = (e, scene) => {
  scene.acceptedUpdates.set(e.id, e);
  // Until it completes, the Update is what the workflow acts on: the steps it causes fold under it.
  scene.causes.push(ofUpdate(e.id));
  const narrator = e.updateName === undefined ? undefined : UPDATE_NARRATORS.get(e.updateName);
  if (narrator) {
    const told = narrator.accepted(e.input?.[0], scene);
    return { ...told, kind: narrator.kind, keys: [...(told.keys ?? []), ofUpdate(e.id)] };
  }
  const other = UPDATES[tongueOf(scene.language)].otherUpdate(String(e.updateName));
  return { actor: scene.system, what: other, machine: other, kind: 'system', keys: [ofUpdate(e.id)] };
};

/** An Update's answer repeats what its steps did; one that failed is a row of its own. */
export const updateCompleted: EventNarrator = (e, scene) => {
  const L = scene.language;
  const phrases = UPDATES[tongueOf(L)];
  scene.causes = scene.causes.filter((c) => c !== ofUpdate(e.acceptedEventId));
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
  const said = phrases.completed(label, outcome);
  return { actor: scene.system, what: said, machine: said, kind: known?.kind ?? 'system', ...(!e.failure && { repeats: [ofUpdate(e.acceptedEventId)] }) };
};

interface SignalPhrases {
  selected(rank: number, until: string): string;
  notSelected(rank: number, until: string): string;
  promoted(rank: number, until: string): string;
  deadlinesChanged(version: number, submission: string, review: string): string;
  announced(at: string): string;
  quorum(quorum: number): string;
  otherSignal(name: string): string;
  signalsCase(workflowId: string, signal: string): string;
}

const SIGNALS: Phrasebook<SignalPhrases> = {
  zh: {
    selected: (rank, until) => `评审委员会评选结果：当选，排名 ${rank}，公示至 ${until}`,
    notSelected: (rank, until) => `评审委员会评选结果：未当选，排名 ${rank}，候补至 ${until}`,
    promoted: (rank, until) => `递补为当选：排名 ${rank}，公示至 ${until}`,
    deadlinesChanged: (version, submission, review) => `截止期限变更（第 ${version} 版）：申报截止 ${submission}，评审截止 ${review}`,
    announced: (at) => `评选结果正式通报（${at}）`,
    quorum: (quorum) => `评审委员会法定人数调整为 ${quorum} 人`,
    otherSignal: (name) => `收到信号 ${name}`,
    signalsCase: (workflowId, signal) => `通知案件工作流 ${workflowId}：${signal}`,
  },
  en: {
    selected: (rank, until) => `committee round: selected, rank ${rank}, on notice until ${until}`,
    notSelected: (rank, until) => `committee round: not selected, rank ${rank}, in reserve until ${until}`,
    promoted: (rank, until) => `promoted from the reserve: rank ${rank}, on notice until ${until}`,
    deadlinesChanged: (version, submission, review) => `deadlines changed (version ${version}): submission ${submission}, review ${review}`,
    announced: (at) => `the result is announced (${at})`,
    quorum: (quorum) => `the committee's quorum is now ${quorum}`,
    otherSignal: (name) => `signal ${name}`,
    signalsCase: (workflowId, signal) => `signals case workflow ${workflowId}: ${signal}`,
  },
};

/** A Signal in plain words, who it speaks for, and its kind. */
interface SignalTold {
  what: string;
  kind: HistoryKind;
  /** The committee, for its round's outcome; the system otherwise. */
  byCommittee?: boolean;
}

type SignalNarrator = (arg: unknown, scene: WorkflowScene) => SignalTold;

/** Ties a narrator to its Signal's definition, typing the argument by it. */
function onSignal<Args extends unknown[]>(definition: SignalDefinition<Args>, tell: (arg: Partial<Args[0]>, scene: WorkflowScene, say: SignalPhrases) => SignalTold): [string, SignalNarrator] {
  return [definition.name, (arg, scene) => tell((arg ?? {}) as Partial<Args[0]>, scene, SIGNALS[tongueOf(scene.language)])];
}

const SIGNAL_NARRATORS = new Map<string, SignalNarrator>([
  onSignal(committeeOutcomeSignal, (o, scene, say) => ({
    what: (o.selected ? say.selected : say.notSelected)(o.rank as number, localTime(o.noticeEndsAt, scene.language)),
    kind: 'decision',
    byCommittee: true,
  })),
  onSignal(promotedSignal, (p, scene, say) => ({ what: say.promoted(p.rank as number, localTime(p.noticeEndsAt, scene.language)), kind: 'decision' })),
  onSignal(deadlinesChangedSignal, (d, scene, say) => ({
    what: say.deadlinesChanged(d.version as number, localTime(d.submissionDeadline, scene.language), localTime(d.reviewDeadline, scene.language)),
    kind: 'deadline',
  })),
  onSignal(announceSignal, (a, scene, say) => ({ what: say.announced(localTime(a.announcedAt, scene.language)), kind: 'decision' })),
  onSignal(committeeQuorumSignal, (q, _scene, say) => ({ what: say.quorum(q.quorum as number), kind: 'system' })),
]);

export const signaled: EventNarrator = (e, scene) => {
  const L = scene.language;
  const narrator = e.signalName === undefined ? undefined : SIGNAL_NARRATORS.get(e.signalName);
  const other = SIGNALS[tongueOf(L)].otherSignal(String(e.signalName));
  const told = narrator ? narrator(e.input?.[0], scene) : { what: other, kind: 'system' as const };
  const key = `signal:${e.id}`;
  // What the Signal brings about (a notice published, a timer cancelled) folds under it.
  scene.causes.push(key);
  return {
    actor: told.byCommittee ? committeeName(L) : scene.system,
    what: told.what,
    machine: `${other}${colon(L)}${JSON.stringify(e.input?.[0] ?? null)}`,
    kind: told.kind,
    keys: [key],
  };
};

/** The committee round telling a case workflow its outcome, or a promotion. */
export const signalSent: EventNarrator = (e, scene) => {
  const said = SIGNALS[tongueOf(scene.language)].signalsCase(String(e.targetWorkflowId), String(e.signalName));
  return { actor: scene.system, what: said, machine: said, kind: 'system' };
};
