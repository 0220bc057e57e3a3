import type { Language } from '../../domain/channels';
import type { CaseActivities, CaseStep } from '../../workflows/contract';
import type { DecodedEvent } from '../history-events';
import { decisionSentence } from './decisions';
import type { HistoryKind, Told } from './history-item';
import { COMMITTEE } from './people';
import type { EventNarrator, WorkflowScene } from './workflow-scene';
import { currentCause } from './workflow-scene';
import type { Phrasebook } from './words';
import {
  colon,
  compensationText,
  decisionText,
  decisionWords,
  kindText,
  listSeparator,
  movedTo,
  noteText,
  openedTask,
  scoreSuffix,
  statusText,
  statusWords,
  stayedIn,
  tongueOf,
} from './words';

// The activities a case workflow calls, told by what they do to the case: a step recorded, a vote,
// a compensation, an email. Keyed by the contract's activity names, so renaming one there fails
// compilation here instead of silently dropping it from the history.

type CaseActivity = keyof CaseActivities;
type Input<N extends CaseActivity> = Parameters<CaseActivities[N]>[0];
type Result<N extends CaseActivity> = Awaited<ReturnType<CaseActivities[N]>>;

/** A completion in plain words and in machine terms. */
interface Said {
  what: string;
  machine: string;
}

interface ActivityNarrator<N extends CaseActivity> {
  kind: HistoryKind;
  scheduled(input: Input<N>, scene: WorkflowScene): Omit<Told, 'kind'> & { kind?: HistoryKind };
  completed(input: Input<N>, result: Result<N> | undefined, scene: WorkflowScene): Said;
  /** How a failure names the activity, when not by its name. */
  failedAs?(input: Input<N>, language: Language): { compensation: string };
}

interface StepPhrases {
  moves(seq: number, status: string): string;
  stays(seq: number, status: string): string;
  closes(taskId: string, kind: string, decision: string, score: string): string;
  cancels(taskId: string, kind: string): string;
  cancelsOthers(taskIds: string[]): string;
  opens(taskId: string, kind: string): string;
  ruled(subject: Subject, id: string, ruling: string): string;
  concerns(subject: Subject, id: string): string;
  subject(subject: Subject): string;
  plainRuling(subject: string, ruling: string): string;
  internalNote(note: string): string;
  awards(verified: boolean): string;
  published: string;
  withdrawnFromNotice: string;
  score(score: number): string;
  rank(rank: number): string;
  written(seq: number, status: string, roundClosed: boolean): string;
  verdict(kind: string, decision: string, score: string): string;
  approvals(count: string): string;
}

type Subject = NonNullable<CaseStep['subject']>['kind'];

const STEP: Phrasebook<StepPhrases> = {
  zh: {
    moves: (seq, status) => `记录第 ${seq} 步：案件状态变为「${status}」`,
    stays: (seq, status) => `记录第 ${seq} 步：状态仍为「${status}」`,
    closes: (taskId, kind, decision, score) => `关闭任务 ${taskId}（${kind}），决定：${decision}${score}`,
    cancels: (taskId, kind) => `取消任务 ${taskId}（${kind}）`,
    cancelsOthers: (taskIds) => `取消其他任务 ${taskIds.join('、')}`,
    opens: (taskId, kind) => `开启任务「${kind}」${taskId}`,
    ruled: (subject, id, ruling) => `${STEP.zh.subject(subject)} ${id} 裁定：${ruling}`,
    concerns: (subject, id) => `涉及${STEP.zh.subject(subject)} ${id}`,
    subject: (subject) => ({ objection: '异议', 'fraud-report': '举报', eligibility: '资格复核' })[subject] ?? subject,
    plainRuling: (subject, ruling) => `${subject}裁定：${ruling}`,
    internalNote: (note) => `内部备注：${note}`,
    awards: (verified) => `媒体奖项核实：${verified ? '属实' : '未能核实'}`,
    published: '列入公示',
    withdrawnFromNotice: '撤下公示',
    score: (score) => `评审得分 ${score}`,
    rank: (rank) => `排名 ${rank}`,
    written: (seq, status, roundClosed) => `第 ${seq} 步已写入：状态「${status}」${roundClosed ? '，评审委员会评选已结束' : ''}`,
    verdict: (kind, decision, score) => `${kind}结论：${decision}${score}`,
    approvals: (count) => `赞成票 ${count}`,
  },
  en: {
    moves: (seq, status) => `Step ${seq}: the case moves to ${status}`,
    stays: (seq, status) => `Step ${seq}: the case stays in ${status}`,
    closes: (taskId, kind, decision, score) => `closes task ${taskId} (${kind}), decision: ${decision}${score}`,
    cancels: (taskId, kind) => `cancels task ${taskId} (${kind})`,
    cancelsOthers: (taskIds) => `cancels tasks ${taskIds.join(', ')}`,
    opens: (taskId, kind) => `opens task ${taskId} (${kind})`,
    ruled: (subject, id, ruling) => `${STEP.en.subject(subject)} ${id} ruled ${ruling}`,
    concerns: (subject, id) => `concerning ${STEP.en.subject(subject)} ${id}`,
    subject: (subject) => ({ objection: 'objection', 'fraud-report': 'fraud report', eligibility: 'eligibility review' })[subject] ?? subject,
    plainRuling: (subject, ruling) => `${subject} ruled: ${ruling}`,
    internalNote: (note) => `internal note: ${note}`,
    awards: (verified) => `media awards: ${verified ? 'verified' : 'not verified'}`,
    published: 'published on the notice',
    withdrawnFromNotice: 'withdrawn from the notice',
    score: (score) => `score ${score}`,
    rank: (rank) => `rank ${rank}`,
    written: (seq, status, roundClosed) => `step ${seq} written: ${status}${roundClosed ? '; the committee round had already closed' : ''}`,
    verdict: (kind, decision, score) => `the committee's verdict at the ${kind.toLowerCase()}: ${decision}${score}`,
    approvals: (count) => `in favour: ${count}`,
  },
};

interface OtherPhrases {
  vote(member: string, taskId: string, decision: string, score: string): string;
  voteRecorded: string;
  compensation(label: string, action: string): string;
  undoes(label: string): string;
  compensated(label: string, promoted?: { caseId: string; rank: number }): string;
  sendsEmail(outboxId: string): string;
  statusEmail(status: string): string;
  compensationEmail(label: string): string;
  anEmail: string;
  emailSent(outboxId: string): string;
  scheduled(activity: string): string;
  completed(activity: string): string;
  failed(f: { compensation: boolean; name: string; timedOut: boolean; gaveUp: boolean }): string;
  retryState(state: string): string;
}

const OTHER: Phrasebook<OtherPhrases> = {
  zh: {
    vote: (member, taskId, decision, score) => `记录评审委员 ${member} 的投票（任务 ${taskId}）：${decision}${score}`,
    voteRecorded: '投票已记录',
    compensation: (label, action) => `撤销补偿：${label}（${action}）`,
    undoes: (label) => `撤销补偿：${label}`,
    compensated: (label, promoted) => `撤销补偿完成：${label}${promoted ? `，递补案件 ${promoted.caseId}（排名 ${promoted.rank}）` : ''}`,
    sendsEmail: (outboxId) => `发送邮件（发件箱 ${outboxId}）`,
    statusEmail: (status) => `发送状态通知邮件：案件进入「${status}」`,
    compensationEmail: (label) => `发送通知邮件（${label}）`,
    anEmail: '发送邮件',
    emailSent: (outboxId) => `邮件已发出（发件箱 ${outboxId}）`,
    scheduled: (activity) => `调用活动 ${activity}`,
    completed: (activity) => `活动 ${activity} 完成`,
    failed: (f) => `${f.compensation ? '撤销补偿' : '活动'}「${f.name}」${f.timedOut ? '超时' : '失败'}${f.gaveUp ? '，不再重试' : ''}`,
    retryState: (state) => `重试状态：${state}`,
  },
  en: {
    vote: (member, taskId, decision, score) => `records committee member ${member}'s vote (task ${taskId}): ${decision}${score}`,
    voteRecorded: 'vote recorded',
    compensation: (label, action) => `compensation: ${label} (${action})`,
    undoes: (label) => `compensation: ${label}`,
    compensated: (label, promoted) => `compensation done: ${label}${promoted ? `; reserve case ${promoted.caseId} promoted (rank ${promoted.rank})` : ''}`,
    sendsEmail: (outboxId) => `sends email (outbox ${outboxId})`,
    statusEmail: (status) => `status email: the case is now ${status}`,
    compensationEmail: (label) => `notice email (${label})`,
    anEmail: 'sends an email',
    emailSent: (outboxId) => `email sent (outbox ${outboxId})`,
    scheduled: (activity) => `activity ${activity} scheduled`,
    completed: (activity) => `activity ${activity} completed`,
    failed: (f) => `${f.compensation ? 'compensation' : 'activity'} ${f.name} ${f.timedOut ? 'timed out' : 'failed'}${f.gaveUp ? ', no more retries' : ''}`,
    retryState: (state) => `retry state: ${state}`,
  },
};

/** A step in machine terms: the status it moves the case to, then each thing it does, in the order it does them. */
function stepMachine(s: CaseStep, scene: WorkflowScene): string {
  const L = scene.language;
  const say = STEP[tongueOf(L)];
  const kindOf = (taskId: string) => kindText(scene.taskKinds.get(taskId), L);
  const status = statusText(s.status, L);
  const parts = [s.status !== scene.status ? say.moves(s.seq, status) : say.stays(s.seq, status)];
  const c = s.closeTask;
  if (c?.outcome === 'completed') parts.push(say.closes(c.taskId, kindOf(c.taskId), decisionText(c.decision ?? '', L), scoreSuffix(c.score, L)));
  if (c?.outcome === 'completed' && c.awardsVerified !== undefined) parts.push(say.awards(c.awardsVerified));
  if (c?.outcome === 'completed' && c.note) parts.push(say.internalNote(c.note));
  if (c?.outcome === 'cancelled') parts.push(say.cancels(c.taskId, kindOf(c.taskId)));
  if (s.cancelTasks?.length) parts.push(say.cancelsOthers(s.cancelTasks));
  if (s.openTask) parts.push(say.opens(s.openTask.taskId, kindText(s.openTask.kind, L)));
  if (s.subject?.ruling) parts.push(say.ruled(s.subject.kind, s.subject.id, decisionText(s.subject.ruling, L)));
  else if (s.subject) parts.push(say.concerns(s.subject.kind, s.subject.id));
  if (s.notice === 'publish') parts.push(say.published);
  if (s.notice === 'withdraw') parts.push(say.withdrawnFromNotice);
  if (s.score !== undefined) parts.push(say.score(s.score));
  if (s.rank !== undefined) parts.push(say.rank(s.rank));
  return parts.join(listSeparator(L));
}

/** A step in plain words, as a row of its own: what it did to the case. */
function stepWhat(s: CaseStep, scene: WorkflowScene): string {
  const L = scene.language;
  const say = STEP[tongueOf(L)];
  const parts: string[] = [];
  if (s.subject?.ruling) parts.push(say.plainRuling(say.subject(s.subject.kind), decisionWords(s.subject.ruling, L)));
  if (s.status !== scene.status) parts.push(movedTo(s.status, L));
  else if (s.openTask) parts.push(openedTask(s.openTask.kind, L));
  if (s.notice === 'publish') parts.push(say.published);
  if (s.notice === 'withdraw') parts.push(say.withdrawnFromNotice);
  if (s.rank !== undefined) parts.push(say.rank(s.rank));
  return (parts.length ? parts : [stayedIn(s.status, L)]).join(listSeparator(L));
}

/**
 * The records a step only carries out: the decision on the task it closes, the objection or report
 * it opens a task for, the failed compensation it opens an incident for, the withdrawal or
 * disqualification it ends the case with; else whatever the workflow is acting on.
 */
function causesOf(s: CaseStep, scene: WorkflowScene): string[] {
  const causes: (string | undefined)[] = [];
  if (s.closeTask?.outcome === 'completed') causes.push(`task:${s.closeTask.taskId}`);
  if (s.subject && !s.subject.ruling) causes.push(`${s.subject.kind}:${s.subject.id}`);
  if (s.openTask?.kind === 'compensation-incident') causes.push(scene.failedCompensation);
  if (s.status === 'withdrawn') causes.push('withdraw');
  if (s.status === 'disqualified') causes.push('disqualify');
  causes.push(currentCause(scene));
  return causes.filter((c): c is string => c !== undefined);
}

/** `recordCaseStep` and `enterSelectionPool` both record a step; the latter may find the round closed. */
const step: ActivityNarrator<'recordCaseStep'> & ActivityNarrator<'enterSelectionPool'> = {
  kind: 'system',
  scheduled(s: CaseStep, scene: WorkflowScene) {
    const L = scene.language;
    if (s.openTask) scene.taskKinds.set(s.openTask.taskId, s.openTask.kind);
    const told = {
      actor: scene.nameOf(s.actorId),
      machine: stepMachine(s, scene),
      why: noteText(s.note, L),
      keys: [`step:${s.seq}`],
      ...(s.status !== scene.status && { movesTo: s.status }),
      ...(s.openTask && { opens: s.openTask.kind }),
      ...(s.openTask?.kind === 'compensation-incident' && { stage: scene.interruption ?? 'disqualified' }),
    };
    // Several members' votes add up to the committee's verdict: no one person's decision to fold it under.
    const c = s.closeTask;
    if (s.actorId === COMMITTEE && c?.outcome === 'completed') {
      const say = STEP[tongueOf(L)];
      const verdict = say.verdict(kindText(scene.taskKinds.get(c.taskId), L), decisionWords(c.decision ?? '', L), scoreSuffix(c.score, L));
      const moved = s.status !== scene.status ? `${listSeparator(L)}${movedTo(s.status, L)}` : '';
      return { ...told, kind: 'decision', what: `${verdict}${moved}`, why: c.comment && say.approvals(c.comment), decision: c.decision };
    }
    return { ...told, what: stepWhat(s, scene), repeats: causesOf(s, scene) };
  },
  completed(s: CaseStep, result: (Partial<Result<'enterSelectionPool'>> & { roundClosed?: boolean }) | undefined, scene: WorkflowScene) {
    scene.status = s.status;
    for (const outboxId of result?.outboxIds ?? []) scene.emails.set(outboxId, { seq: s.seq, status: s.status });
    const written = STEP[tongueOf(scene.language)].written(s.seq, statusText(s.status, scene.language), Boolean(result?.roundClosed));
    return { what: written, machine: written };
  },
};

const vote: ActivityNarrator<'recordVote'> = {
  kind: 'decision',
  scheduled(v, scene) {
    const member = scene.nameOf(v.memberId);
    const L = scene.language;
    return {
      actor: member,
      what: decisionSentence({ kind: 'committee-review', name: member, decision: v.decision, score: v.score }, L),
      machine: OTHER[tongueOf(L)].vote(member, v.taskId, decisionText(v.decision, L), scoreSuffix(v.score, L)),
      why: v.comment,
      repeats: [`decision:${v.taskId}:${v.memberId}`],
      decision: v.decision,
    };
  },
  completed: (_v, _result, scene) => ({ what: OTHER[tongueOf(scene.language)].voteRecorded, machine: OTHER[tongueOf(scene.language)].voteRecorded }),
};

const compensate: ActivityNarrator<'compensate'> = {
  kind: 'correction',
  scheduled(c, scene) {
    const L = scene.language;
    const say = OTHER[tongueOf(L)];
    const label = compensationText(c.action, L);
    return {
      actor: scene.system,
      what: say.undoes(label),
      machine: say.compensation(label, c.action),
      why: noteText(c.reason, L),
      keys: [`compensation:${c.action}`],
      stage: scene.interruption ?? 'disqualified',
    };
  },
  completed(c, result, scene) {
    for (const outboxId of result?.outboxIds ?? []) scene.emails.set(outboxId, { compensation: c.action });
    const said = OTHER[tongueOf(scene.language)].compensated(compensationText(c.action, scene.language), result?.promoted);
    return { what: said, machine: said };
  },
  failedAs: (c, language) => ({ compensation: compensationText(c.action, language) }),
};

const deliverEmail: ActivityNarrator<'deliverEmail'> = {
  kind: 'email',
  scheduled(outboxId, scene) {
    const L = scene.language;
    const say = OTHER[tongueOf(L)];
    const origin = scene.emails.get(String(outboxId));
    const what = origin?.status
      ? say.statusEmail(statusWords(origin.status, L))
      : origin?.compensation
        ? say.compensationEmail(compensationText(origin.compensation, L))
        : say.anEmail;
    const keys = [`email:${outboxId}`, ...(origin?.seq === undefined ? [] : [`email-step:${origin.seq}`])];
    return { actor: scene.system, what, machine: say.sendsEmail(String(outboxId)), keys };
  },
  completed: (outboxId, _result, scene) => {
    const sent = OTHER[tongueOf(scene.language)].emailSent(String(outboxId));
    return { what: sent, machine: sent };
  },
};

const NARRATORS: { [N in CaseActivity]?: ActivityNarrator<N> } = {
  recordCaseStep: step,
  enterSelectionPool: step,
  recordVote: vote,
  compensate,
  deliverEmail,
};

/** The narrator of an activity named in a history, which may name activities this code no longer has. */
function narratorOf(activityType: string | undefined): ActivityNarrator<CaseActivity> | undefined {
  if (!activityType || !Object.hasOwn(NARRATORS, activityType)) return undefined;
  return NARRATORS[activityType as CaseActivity] as ActivityNarrator<CaseActivity> | undefined;
}

const ofActivity = (e: DecodedEvent) => `activity:${e.id}`;

export const activityScheduled: EventNarrator = (e, scene) => {
  scene.scheduledActivities.set(e.id, e);
  const narrator = narratorOf(e.activityType);
  if (narrator) {
    const told = narrator.scheduled(e.input?.[0] as never, scene);
    return { ...told, kind: told.kind ?? narrator.kind, keys: [...(told.keys ?? []), ofActivity(e)] };
  }
  const said = OTHER[tongueOf(scene.language)].scheduled(String(e.activityType));
  return { actor: scene.system, what: said, machine: said, kind: 'system', keys: [ofActivity(e)] };
};

export const activityCompleted: EventNarrator = (e, scene) => {
  const scheduled = scene.scheduledActivities.get(e.scheduledEventId ?? -1);
  const narrator = narratorOf(scheduled?.activityType);
  const completedAs = OTHER[tongueOf(scene.language)].completed(String(scheduled?.activityType));
  const said = narrator ? narrator.completed(scheduled?.input?.[0] as never, e.result as never, scene) : { what: completedAs, machine: completedAs };
  return { actor: scene.system, ...said, kind: narrator?.kind ?? 'system', repeats: [`activity:${e.scheduledEventId}`] };
};

/**
 * A failure or a time-out; the retry state says whether Temporal will try again. One it will retry
 * is folded under its activity; one it gave up on is a row of its own, a compensation's above all.
 */
export const activityFailed: EventNarrator = (e, scene) => {
  const L = scene.language;
  const scheduled = scene.scheduledActivities.get(e.scheduledEventId ?? -1);
  const narrator = narratorOf(scheduled?.activityType);
  const failedAs = narrator?.failedAs?.(scheduled?.input?.[0] as never, L);
  const gaveUp = Boolean(e.retryState && e.retryState !== 'RETRY_STATE_IN_PROGRESS');
  const failed = OTHER[tongueOf(L)].failed({
    compensation: failedAs !== undefined,
    name: failedAs?.compensation ?? String(scheduled?.activityType),
    timedOut: e.type === 'ActivityTaskTimedOut',
    gaveUp,
  });
  const what = `${failed}${colon(L)}${e.failure ?? ''}`;
  const machine = e.retryState ? `${what}${listSeparator(L)}${OTHER[tongueOf(L)].retryState(e.retryState)}` : what;
  const told: Told = { actor: scene.system, what, machine, kind: narrator?.kind ?? 'system' };
  if (!gaveUp) return { ...told, repeats: [`activity:${e.scheduledEventId}`] };
  if (!failedAs) return told;
  scene.failedCompensation = `compensation-failure:${e.id}`;
  return { ...told, keys: [scene.failedCompensation], stage: scene.interruption ?? 'disqualified' };
};
