import type { Language } from '../../domain/channels';
import type { CaseActivities, CaseStep } from '../../workflows/contract';
import type { Told } from './history-item';
import type { EventNarrator, WorkflowScene } from './workflow-scene';
import type { Phrasebook } from './words';
import { colon, compensationText, decisionText, kindText, listSeparator, noteText, scoreSuffix, statusText, tongueOf } from './words';

// The activities a case workflow calls, told by what they do to the case: a step recorded, a vote,
// a compensation, an email. Keyed by the contract's activity names, so renaming one there fails
// compilation here instead of silently dropping it from the history.

type CaseActivity = keyof CaseActivities;
type Input<N extends CaseActivity> = Parameters<CaseActivities[N]>[0];
type Result<N extends CaseActivity> = Awaited<ReturnType<CaseActivities[N]>>;

interface ActivityNarrator<N extends CaseActivity> {
  scheduled(input: Input<N>, scene: WorkflowScene): Told;
  completed(input: Input<N>, result: Result<N> | undefined, scene: WorkflowScene): string;
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
  ruled(subject: 'objection' | 'fraud-report' | 'eligibility', id: string, ruling: string): string;
  published: string;
  withdrawnFromNotice: string;
  score(score: number): string;
  rank(rank: number): string;
  written(seq: number, status: string, roundClosed: boolean): string;
}

const STEP: Phrasebook<StepPhrases> = {
  zh: {
    moves: (seq, status) => `记录第 ${seq} 步：案件状态变为「${status}」`,
    stays: (seq, status) => `记录第 ${seq} 步：状态仍为「${status}」`,
    closes: (taskId, kind, decision, score) => `关闭任务 ${taskId}（${kind}），决定：${decision}${score}`,
    cancels: (taskId, kind) => `取消任务 ${taskId}（${kind}）`,
    cancelsOthers: (taskIds) => `取消其他任务 ${taskIds.join('、')}`,
    opens: (taskId, kind) => `开启任务「${kind}」${taskId}`,
    ruled: (subject, id, ruling) => `${{ objection: '异议', 'fraud-report': '举报', eligibility: '资格复核' }[subject]} ${id} 裁定：${ruling}`,
    published: '列入公示',
    withdrawnFromNotice: '撤下公示',
    score: (score) => `评审得分 ${score}`,
    rank: (rank) => `排名 ${rank}`,
    written: (seq, status, roundClosed) => `第 ${seq} 步已写入：状态「${status}」${roundClosed ? '，评审委员会评选已结束' : ''}`,
  },
  en: {
    moves: (seq, status) => `Step ${seq}: the case moves to ${status}`,
    stays: (seq, status) => `Step ${seq}: the case stays in ${status}`,
    closes: (taskId, kind, decision, score) => `closes task ${taskId} (${kind}), decision: ${decision}${score}`,
    cancels: (taskId, kind) => `cancels task ${taskId} (${kind})`,
    cancelsOthers: (taskIds) => `cancels tasks ${taskIds.join(', ')}`,
    opens: (taskId, kind) => `opens task ${taskId} (${kind})`,
    ruled: (subject, id, ruling) => `${{ objection: 'objection', 'fraud-report': 'fraud report', eligibility: 'eligibility review' }[subject]} ${id} ruled ${ruling}`,
    published: 'published on the notice',
    withdrawnFromNotice: 'withdrawn from the notice',
    score: (score) => `score ${score}`,
    rank: (rank) => `rank ${rank}`,
    written: (seq, status, roundClosed) => `step ${seq} written: ${status}${roundClosed ? '; the committee round had already closed' : ''}`,
  },
};

interface OtherPhrases {
  vote(member: string, taskId: string, decision: string, score: string): string;
  voteRecorded: string;
  compensation(label: string, action: string): string;
  compensated(label: string, promoted?: { caseId: string; rank: number }): string;
  sendsEmail(outboxId: string): string;
  emailSent(outboxId: string): string;
  scheduled(activity: string): string;
  completed(activity: string): string;
  failed(f: { compensation: boolean; name: string; timedOut: boolean; gaveUp: boolean }): string;
}

const OTHER: Phrasebook<OtherPhrases> = {
  zh: {
    vote: (member, taskId, decision, score) => `记录评审委员 ${member} 的投票（任务 ${taskId}）：${decision}${score}`,
    voteRecorded: '投票已记录',
    compensation: (label, action) => `撤销补偿：${label}（${action}）`,
    compensated: (label, promoted) => `撤销补偿完成：${label}${promoted ? `，递补案件 ${promoted.caseId}（排名 ${promoted.rank}）` : ''}`,
    sendsEmail: (outboxId) => `发送邮件（发件箱 ${outboxId}）`,
    emailSent: (outboxId) => `邮件已发出（发件箱 ${outboxId}）`,
    scheduled: (activity) => `调用活动 ${activity}`,
    completed: (activity) => `活动 ${activity} 完成`,
    failed: (f) => `${f.compensation ? '撤销补偿' : '活动'}「${f.name}」${f.timedOut ? '超时' : '失败'}${f.gaveUp ? '，不再重试' : ''}`,
  },
  en: {
    vote: (member, taskId, decision, score) => `records committee member ${member}'s vote (task ${taskId}): ${decision}${score}`,
    voteRecorded: 'vote recorded',
    compensation: (label, action) => `compensation: ${label} (${action})`,
    compensated: (label, promoted) => `compensation done: ${label}${promoted ? `; reserve case ${promoted.caseId} promoted (rank ${promoted.rank})` : ''}`,
    sendsEmail: (outboxId) => `sends email (outbox ${outboxId})`,
    emailSent: (outboxId) => `email sent (outbox ${outboxId})`,
    scheduled: (activity) => `activity ${activity} scheduled`,
    completed: (activity) => `activity ${activity} completed`,
    failed: (f) => `${f.compensation ? 'compensation' : 'activity'} ${f.name} ${f.timedOut ? 'timed out' : 'failed'}${f.gaveUp ? ', no more retries' : ''}`,
  },
};

/** A step in words: the status it moves the case to, then each thing it does, in the order it does them. */
function stepWhat(s: CaseStep, scene: WorkflowScene): string {
  const L = scene.language;
  const say = STEP[tongueOf(L)];
  const kindOf = (taskId: string) => kindText(scene.taskKinds.get(taskId), L);
  const status = statusText(s.status, L);
  const parts = [s.status !== scene.status ? say.moves(s.seq, status) : say.stays(s.seq, status)];
  const c = s.closeTask;
  if (c?.outcome === 'completed') parts.push(say.closes(c.taskId, kindOf(c.taskId), decisionText(c.decision ?? '', L), scoreSuffix(c.score, L)));
  if (c?.outcome === 'cancelled') parts.push(say.cancels(c.taskId, kindOf(c.taskId)));
  if (s.cancelTasks?.length) parts.push(say.cancelsOthers(s.cancelTasks));
  if (s.openTask) parts.push(say.opens(s.openTask.taskId, kindText(s.openTask.kind, L)));
  if (s.subject?.ruling) parts.push(say.ruled(s.subject.kind, s.subject.id, decisionText(s.subject.ruling, L)));
  if (s.notice === 'publish') parts.push(say.published);
  if (s.notice === 'withdraw') parts.push(say.withdrawnFromNotice);
  if (s.score !== undefined) parts.push(say.score(s.score));
  if (s.rank !== undefined) parts.push(say.rank(s.rank));
  return parts.join(listSeparator(L));
}

/** `recordCaseStep` and `enterSelectionPool` both record a step; the latter may find the round closed. */
const step: ActivityNarrator<'recordCaseStep'> & ActivityNarrator<'enterSelectionPool'> = {
  scheduled(s: CaseStep, scene: WorkflowScene) {
    if (s.openTask) scene.taskKinds.set(s.openTask.taskId, s.openTask.kind);
    return { actor: scene.nameOf(s.actorId), what: stepWhat(s, scene), why: noteText(s.note, scene.language) };
  },
  completed(s: CaseStep, result: { roundClosed?: boolean } | undefined, scene: WorkflowScene) {
    scene.status = s.status;
    return STEP[tongueOf(scene.language)].written(s.seq, statusText(s.status, scene.language), Boolean(result?.roundClosed));
  },
};

const vote: ActivityNarrator<'recordVote'> = {
  scheduled(v, scene) {
    const member = scene.nameOf(v.memberId);
    const L = scene.language;
    return { actor: member, what: OTHER[tongueOf(L)].vote(member, v.taskId, decisionText(v.decision, L), scoreSuffix(v.score, L)), why: v.comment };
  },
  completed: (_v, _result, scene) => OTHER[tongueOf(scene.language)].voteRecorded,
};

const compensate: ActivityNarrator<'compensate'> = {
  scheduled(c, scene) {
    const L = scene.language;
    return { actor: scene.system, what: OTHER[tongueOf(L)].compensation(compensationText(c.action, L), c.action), why: noteText(c.reason, L) };
  },
  completed: (c, result, scene) => OTHER[tongueOf(scene.language)].compensated(compensationText(c.action, scene.language), result?.promoted),
  failedAs: (c, language) => ({ compensation: compensationText(c.action, language) }),
};

const deliverEmail: ActivityNarrator<'deliverEmail'> = {
  scheduled: (outboxId, scene) => ({ actor: scene.system, what: OTHER[tongueOf(scene.language)].sendsEmail(String(outboxId)) }),
  completed: (outboxId, _result, scene) => OTHER[tongueOf(scene.language)].emailSent(String(outboxId)),
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

export const activityScheduled: EventNarrator = (e, scene) => {
  scene.scheduledActivities.set(e.id, e);
  const narrator = narratorOf(e.activityType);
  if (narrator) return narrator.scheduled(e.input?.[0] as never, scene);
  return { actor: scene.system, what: OTHER[tongueOf(scene.language)].scheduled(String(e.activityType)) };
};

export const activityCompleted: EventNarrator = (e, scene) => {
  const scheduled = scene.scheduledActivities.get(e.scheduledEventId ?? -1);
  const narrator = narratorOf(scheduled?.activityType);
  const what = narrator
    ? narrator.completed(scheduled?.input?.[0] as never, e.result as never, scene)
    : OTHER[tongueOf(scene.language)].completed(String(scheduled?.activityType));
  return { actor: scene.system, what };
};

/** A failure or a time-out; the retry state says whether Temporal will try again. */
export const activityFailed: EventNarrator = (e, scene) => {
  const L = scene.language;
  const scheduled = scene.scheduledActivities.get(e.scheduledEventId ?? -1);
  const failedAs = narratorOf(scheduled?.activityType)?.failedAs?.(scheduled?.input?.[0] as never, L);
  const failed = OTHER[tongueOf(L)].failed({
    compensation: failedAs !== undefined,
    name: failedAs?.compensation ?? String(scheduled?.activityType),
    timedOut: e.type === 'ActivityTaskTimedOut',
    gaveUp: Boolean(e.retryState && e.retryState !== 'RETRY_STATE_IN_PROGRESS'),
  });
  return { actor: scene.system, what: `${failed}${colon(L)}${e.failure ?? ''}`, why: e.retryState };
};
