import type { CaseStep, Compensation } from '../workflows/contract';
import { spreadsheetCsv } from '../domain/spreadsheet-csv';
import type { Language } from '../domain/channels';
import type { CaseStatus } from '../domain/statuses';
import { STATUS_LABELS, TASK_KIND_LABELS } from '../domain/vocabulary';
import type { TaskKind } from '../domain/tasks';
import { TASK_KINDS } from '../domain/tasks';
import type { Actor, CommitteeOutcome, Deadlines, Promotion, TaskDecision, WithdrawRequest } from '../workflows/contract';
import type { DecodedEvent } from './history-events';
import { describeError } from '../api/http/error-messages';

// A case's story for a person: the workflow's own events, the audit log and the timeline, merged
// in time order, each told as who, what and why — in Chinese unless English is asked for.

export type HistorySource = 'workflow' | 'audit' | 'timeline';

export interface HistoryItem {
  at: string;
  source: HistorySource;
  actor: string;
  what: string;
  why?: string;
  /** The workflow event type, the audit action, or `TimelineEntry`. */
  eventType: string;
  /** The workflow event id, the audit entry id, or the timeline step number. */
  eventId: number;
}

export interface AuditRow {
  id: number;
  at: Date;
  actorId: string | null;
  action: string;
  details: string;
}

export interface TimelineRow {
  seq: number;
  at: Date;
  status: string;
  note: string | null;
  actorId: string | null;
}

export interface HistoryInput {
  events: DecodedEvent[];
  audit: AuditRow[];
  timeline: TimelineRow[];
  /** Usernames of the user ids mentioned; see {@link mentionedUserIds}. */
  usernames: ReadonlyMap<string, string>;
  language: Language;
}

const zh = (language: Language) => language !== 'en';

function pick(language: Language, text: { zh: string; en: string }): string {
  return zh(language) ? text.zh : text.en;
}

const DECISIONS: Record<string, { zh: string; en: string }> = {
  approve: { zh: '通过', en: 'approved' },
  pass: { zh: '通过', en: 'passed' },
  shortlist: { zh: '入围', en: 'shortlisted' },
  reject: { zh: '不通过', en: 'rejected' },
  'request-resubmission': { zh: '要求重新提交盖章报名表', en: 'resubmission of the sealed form requested' },
  uphold: { zh: '成立', en: 'upheld' },
  dismiss: { zh: '驳回', en: 'dismissed' },
  resolved: { zh: '已处理', en: 'resolved' },
};

const ROLES: Record<string, { zh: string; en: string }> = {
  secretariat: { zh: '秘书处', en: 'Secretariat' },
  'working-group': { zh: '工作组', en: 'Working group' },
  branch: { zh: '分支机构', en: 'Branch' },
  committee: { zh: '评审委员', en: 'Committee member' },
};

const COMPENSATIONS: Record<Compensation, { zh: string; en: string }> = {
  'revoke-announcement': { zh: '撤销通报', en: 'revoke the announcement' },
  'withdraw-notice': { zh: '撤下公示', en: 'withdraw the notice entry' },
  'revoke-winner': { zh: '撤销当选', en: 'revoke the winner slot' },
  'revoke-approval': { zh: '撤销评审委员会通过', en: "revoke the committee's approval" },
  'revoke-shortlist': { zh: '撤销入围', en: "revoke the branch's shortlisting" },
  'notify-parties': { zh: '通知推荐单位及申报人', en: 'notify the recommending unit and the applicant' },
};

/** Notes the workflow writes as codes rather than words. */
const NOTES: Record<string, { zh: string; en: string }> = {
  'submission-deadline-passed': { zh: '申报截止期限已过，未收到重新提交的盖章报名表', en: 'the submission deadline passed without a resubmitted sealed form' },
  'round-already-closed': { zh: '评审委员会评选已结束', en: 'the committee round had already closed' },
  'objection-lodged': { zh: '收到公示异议', en: 'an objection was lodged' },
  'fraud-reported': { zh: '收到举报', en: 'fraud was reported' },
  'objection-upheld': { zh: '异议成立', en: 'objection upheld' },
  'fraud-upheld': { zh: '举报属实', en: 'fraud report upheld' },
};

const UPDATES: Record<string, { zh: string; en: string }> = {
  completeTask: { zh: '决定', en: 'Decision' },
  withdraw: { zh: '撤回申报', en: 'Withdrawal' },
  sealedFormResubmitted: { zh: '重新提交盖章报名表', en: 'Sealed form resubmission' },
  lodgeObjection: { zh: '公示异议', en: 'Objection' },
  reportFraud: { zh: '举报', en: 'Fraud report' },
};

function statusText(status: string, language: Language): string {
  const label = STATUS_LABELS[status as CaseStatus];
  if (!label) return status;
  return zh(language) ? `${label.zh}（${status}）` : `${label.en} (${status})`;
}

function kindText(kind: string | undefined, language: Language): string {
  const label = kind && TASK_KIND_LABELS[kind as TaskKind];
  return label ? pick(language, label) : (kind ?? '?');
}

function decisionText(decision: string, language: Language): string {
  const label = DECISIONS[decision];
  if (!label) return decision;
  return zh(language) ? `${label.zh}（${decision}）` : `${label.en} (${decision})`;
}

function noteText(note: string | null | undefined, language: Language): string | undefined {
  if (!note) return undefined;
  const known = NOTES[note];
  return known ? pick(language, known) : note;
}

/** Times a person reads: Beijing time, to the minute (the ISO instant stays in `at`). */
export function localTime(iso: string | undefined, language: Language): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return iso ?? '?';
  const shifted = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  const text = `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
  return zh(language) ? `${text}（北京时间）` : `${text} (Beijing time)`;
}

function durationText(ms: number, language: Language): string {
  const units: [number, string, string][] = [
    [86_400_000, '天', 'd'],
    [3_600_000, '小时', 'h'],
    [60_000, '分钟', 'min'],
    [1000, '秒', 's'],
  ];
  for (const [size, zhUnit, enUnit] of units)
    if (ms >= size) {
      const n = Math.round((ms / size) * 10) / 10;
      return zh(language) ? `${n} ${zhUnit}` : `${n} ${enUnit}`;
    }
  return zh(language) ? `${ms} 毫秒` : `${ms} ms`;
}

const joiner = (language: Language) => (zh(language) ? '，' : '; ');
const colon = (language: Language) => (zh(language) ? '：' : ': ');

/** Every user id the history mentions, to be resolved to usernames before {@link describeCaseHistory}. */
export function mentionedUserIds(events: DecodedEvent[], audit: AuditRow[], timeline: TimelineRow[]): string[] {
  const ids = new Set<string>();
  // `committee` (several members' verdict) and `applicant:<case>` name no account.
  const add = (id: unknown) => typeof id === 'string' && id && id !== 'committee' && !id.startsWith('applicant:') && ids.add(id);
  for (const e of events) {
    const arg = e.input?.[0] as Partial<CaseStep & TaskDecision & { memberId: string }> | undefined;
    if (!arg || typeof arg !== 'object') continue;
    add(arg.actorId);
    add(arg.closeTask?.decidedBy);
    add((arg.actor as Actor | undefined)?.id);
    add(arg.memberId);
  }
  for (const a of audit) add(a.actorId);
  for (const t of timeline) add(t.actorId);
  return [...ids];
}

type TimerKind = 'submission' | 'notice' | 'reserve' | 'other';

/**
 * The case's history in time order. Pure: the caller decodes the workflow history, reads the audit
 * log and the timeline, and resolves the usernames.
 */
export function describeCaseHistory({ events, audit, timeline, usernames, language }: HistoryInput): HistoryItem[] {
  const L = language;
  const system = zh(L) ? '系统' : 'system';
  const who = (id: string | null | undefined, fallback?: string): string => {
    if (!id) return fallback ?? system;
    if (id.startsWith('applicant:')) return zh(L) ? '申请人' : 'applicant';
    if (id === 'committee') return zh(L) ? '评审委员会' : 'committee';
    return usernames.get(id) ?? fallback ?? id;
  };

  const items: (HistoryItem & { order: number })[] = [];
  const push = (item: HistoryItem) => items.push({ ...item, order: items.length });

  // Walking the workflow's events in order, keeping what later events refer to.
  const taskKinds = new Map<string, TaskKind>();
  const scheduled = new Map<number, DecodedEvent>();
  const timers = new Map<string, { kind: TimerKind; fireAt: string }>();
  const updates = new Map<number, DecodedEvent>();
  let status: string | undefined;

  function stepWhat(s: CaseStep): string {
    const parts: string[] = [];
    parts.push(
      s.status !== status
        ? zh(L)
          ? `记录第 ${s.seq} 步：案件状态变为「${statusText(s.status, L)}」`
          : `Step ${s.seq}: the case moves to ${statusText(s.status, L)}`
        : zh(L)
          ? `记录第 ${s.seq} 步：状态仍为「${statusText(s.status, L)}」`
          : `Step ${s.seq}: the case stays in ${statusText(s.status, L)}`,
    );
    const c = s.closeTask;
    if (c?.outcome === 'completed')
      parts.push(
        zh(L)
          ? `关闭任务 ${c.taskId}（${kindText(taskKinds.get(c.taskId), L)}），决定：${decisionText(c.decision ?? '', L)}${c.score !== undefined ? `，评分 ${c.score}` : ''}`
          : `closes task ${c.taskId} (${kindText(taskKinds.get(c.taskId), L)}), decision: ${decisionText(c.decision ?? '', L)}${c.score !== undefined ? `, score ${c.score}` : ''}`,
      );
    if (c?.outcome === 'cancelled') parts.push(zh(L) ? `取消任务 ${c.taskId}（${kindText(taskKinds.get(c.taskId), L)}）` : `cancels task ${c.taskId} (${kindText(taskKinds.get(c.taskId), L)})`);
    if (s.cancelTasks?.length) parts.push(zh(L) ? `取消其他任务 ${s.cancelTasks.join('、')}` : `cancels tasks ${s.cancelTasks.join(', ')}`);
    if (s.openTask) parts.push(zh(L) ? `开启任务「${kindText(s.openTask.kind, L)}」${s.openTask.taskId}` : `opens task ${s.openTask.taskId} (${kindText(s.openTask.kind, L)})`);
    if (s.subject?.ruling)
      parts.push(
        zh(L)
          ? `${s.subject.kind === 'objection' ? '异议' : '举报'} ${s.subject.id} 裁定：${decisionText(s.subject.ruling, L)}`
          : `${s.subject.kind === 'objection' ? 'objection' : 'fraud report'} ${s.subject.id} ruled ${decisionText(s.subject.ruling, L)}`,
      );
    if (s.notice === 'publish') parts.push(zh(L) ? '列入公示' : 'published on the notice');
    if (s.notice === 'withdraw') parts.push(zh(L) ? '撤下公示' : 'withdrawn from the notice');
    if (s.score !== undefined) parts.push(zh(L) ? `评审得分 ${s.score}` : `score ${s.score}`);
    if (s.rank !== undefined) parts.push(zh(L) ? `排名 ${s.rank}` : `rank ${s.rank}`);
    return parts.join(joiner(L));
  }

  function timerKind(): TimerKind {
    if (status === 'resubmission-requested') return 'submission';
    if (status === 'public-notice') return 'notice';
    if (status === 'not-selected') return 'reserve';
    return 'other';
  }

  const TIMER_LABELS: Record<TimerKind, { zh: string; en: string }> = {
    submission: { zh: '申报截止期限', en: 'the submission deadline' },
    notice: { zh: '公示期结束', en: 'the end of the public notice' },
    reserve: { zh: '候补期（公示期）结束', en: 'the end of the reserve period (the public notice)' },
    other: { zh: '计时', en: 'a timer' },
  };

  function describeUpdate(e: DecodedEvent): { actor: string; what: string; why?: string } {
    const arg = (e.input?.[0] ?? {}) as Record<string, unknown>;
    switch (e.updateName) {
      case 'completeTask': {
        const d = arg as unknown as TaskDecision;
        const kind = taskKinds.get(d.taskId);
        const role = kind ? ROLES[TASK_KINDS[kind].role] : undefined;
        const name = who(d.actor?.id, d.actor?.username);
        const score = d.score !== undefined ? (zh(L) ? `，评分 ${d.score}` : `, score ${d.score}`) : '';
        const comment = d.comment ? (zh(L) ? `，意见：${d.comment}` : `; comment: ${d.comment}`) : '';
        const what = zh(L)
          ? `${role ? `${role.zh} ` : ''}${name} 作出决定（${kindText(kind, L)}，任务 ${d.taskId}）：${decisionText(d.decision, L)}${score}${comment}`
          : `${role ? `${role.en} ` : ''}${name} decided (${kindText(kind, L)}, task ${d.taskId}): ${decisionText(d.decision, L)}${score}${comment}`;
        return { actor: name, what, why: d.comment };
      }
      case 'withdraw': {
        const w = arg as WithdrawRequest;
        const name = who(w.actor?.id, w.actor?.username ?? (zh(L) ? '申请人或推荐单位' : 'applicant or unit'));
        return { actor: name, what: zh(L) ? `${name} 撤回申报` : `${name} withdraws the nomination`, why: w.reason };
      }
      case 'sealedFormResubmitted': {
        const actor = zh(L) ? '申请人或推荐单位' : 'applicant or unit';
        return { actor, what: zh(L) ? `重新提交盖章报名表（${String(arg.sealedFormId)}）` : `sealed form resubmitted (${String(arg.sealedFormId)})` };
      }
      case 'lodgeObjection':
        return { actor: zh(L) ? '公众' : 'the public', what: zh(L) ? `公示期内收到异议（${String(arg.objectionId)}）` : `objection lodged during the notice (${String(arg.objectionId)})` };
      case 'reportFraud': {
        const actor = arg.actor as Actor | undefined;
        const name = who(actor?.id, actor?.username);
        return { actor: name, what: zh(L) ? `${name} 举报（${String(arg.reportId)}）` : `${name} reports fraud (${String(arg.reportId)})` };
      }
      default:
        return { actor: system, what: zh(L) ? `更新 ${e.updateName}` : `update ${e.updateName}` };
    }
  }

  for (const e of events) {
    const base = { at: e.at, source: 'workflow' as const, eventType: e.type, eventId: e.id };
    switch (e.type) {
      case 'WorkflowExecutionStarted': {
        const input = (e.input?.[0] ?? {}) as { caseId?: string; campaignId?: string };
        push({
          ...base,
          actor: system,
          what: zh(L) ? `案件工作流启动（${e.workflowType}）` : `case workflow started (${e.workflowType})`,
          why: zh(L) ? `案件 ${input.caseId}，评选活动 ${input.campaignId}` : `case ${input.caseId}, campaign ${input.campaignId}`,
        });
        break;
      }
      case 'ActivityTaskScheduled': {
        scheduled.set(e.id, e);
        const arg = e.input?.[0] as Record<string, unknown> | undefined;
        if (e.activityType === 'recordCaseStep' || e.activityType === 'enterSelectionPool') {
          const s = arg as unknown as CaseStep;
          if (s.openTask) taskKinds.set(s.openTask.taskId, s.openTask.kind);
          const what = stepWhat(s);
          push({ ...base, actor: who(s.actorId), what, why: noteText(s.note, L) });
        } else if (e.activityType === 'recordVote') {
          const v = arg as unknown as { memberId: string; decision: string; score?: number; comment?: string; taskId: string };
          const name = who(v.memberId);
          push({
            ...base,
            actor: name,
            what: zh(L)
              ? `记录评审委员 ${name} 的投票（任务 ${v.taskId}）：${decisionText(v.decision, L)}${v.score !== undefined ? `，评分 ${v.score}` : ''}`
              : `records committee member ${name}'s vote (task ${v.taskId}): ${decisionText(v.decision, L)}${v.score !== undefined ? `, score ${v.score}` : ''}`,
            why: v.comment,
          });
        } else if (e.activityType === 'compensate') {
          const c = arg as unknown as { action: Compensation; reason: string };
          push({ ...base, actor: system, what: zh(L) ? `撤销补偿：${pick(L, COMPENSATIONS[c.action] ?? { zh: c.action, en: c.action })}（${c.action}）` : `compensation: ${pick(L, COMPENSATIONS[c.action] ?? { zh: c.action, en: c.action })} (${c.action})`, why: noteText(c.reason, L) });
        } else if (e.activityType === 'deliverEmail') {
          push({ ...base, actor: system, what: zh(L) ? `发送邮件（发件箱 ${String(e.input?.[0])}）` : `sends email (outbox ${String(e.input?.[0])})` });
        } else {
          push({ ...base, actor: system, what: zh(L) ? `调用活动 ${e.activityType}` : `activity ${e.activityType} scheduled` });
        }
        break;
      }
      case 'ActivityTaskCompleted': {
        const s = scheduled.get(e.scheduledEventId ?? -1);
        const arg = s?.input?.[0] as Record<string, unknown> | undefined;
        if (s?.activityType === 'recordCaseStep' || s?.activityType === 'enterSelectionPool') {
          const step = arg as unknown as CaseStep;
          status = step.status;
          const closed = (e.result as { roundClosed?: boolean } | undefined)?.roundClosed;
          push({
            ...base,
            actor: system,
            what: zh(L)
              ? `第 ${step.seq} 步已写入：状态「${statusText(step.status, L)}」${closed ? '，评审委员会评选已结束' : ''}`
              : `step ${step.seq} written: ${statusText(step.status, L)}${closed ? '; the committee round had already closed' : ''}`,
          });
        } else if (s?.activityType === 'compensate') {
          const c = arg as unknown as { action: Compensation };
          const promoted = (e.result as { promoted?: { caseId: string; rank: number } } | undefined)?.promoted;
          push({
            ...base,
            actor: system,
            what:
              (zh(L) ? `撤销补偿完成：${pick(L, COMPENSATIONS[c.action] ?? { zh: c.action, en: c.action })}` : `compensation done: ${pick(L, COMPENSATIONS[c.action] ?? { zh: c.action, en: c.action })}`) +
              (promoted ? (zh(L) ? `，递补案件 ${promoted.caseId}（排名 ${promoted.rank}）` : `; reserve case ${promoted.caseId} promoted (rank ${promoted.rank})`) : ''),
          });
        } else if (s?.activityType === 'recordVote') {
          push({ ...base, actor: system, what: zh(L) ? '投票已记录' : 'vote recorded' });
        } else if (s?.activityType === 'deliverEmail') {
          push({ ...base, actor: system, what: zh(L) ? `邮件已发出（发件箱 ${String(s.input?.[0])}）` : `email sent (outbox ${String(s.input?.[0])})` });
        } else {
          push({ ...base, actor: system, what: zh(L) ? `活动 ${s?.activityType} 完成` : `activity ${s?.activityType} completed` });
        }
        break;
      }
      case 'ActivityTaskFailed':
      case 'ActivityTaskTimedOut': {
        const s = scheduled.get(e.scheduledEventId ?? -1);
        const c = s?.activityType === 'compensate' ? (s.input?.[0] as { action: Compensation }) : undefined;
        const name = c ? pick(L, COMPENSATIONS[c.action] ?? { zh: c.action, en: c.action }) : s?.activityType;
        const gaveUp = e.retryState && e.retryState !== 'RETRY_STATE_IN_PROGRESS';
        push({
          ...base,
          actor: system,
          what: zh(L)
            ? `${c ? '撤销补偿' : '活动'}「${name}」${e.type === 'ActivityTaskTimedOut' ? '超时' : '失败'}${gaveUp ? '，不再重试' : ''}${colon(L)}${e.failure ?? ''}`
            : `${c ? 'compensation' : 'activity'} ${name} ${e.type === 'ActivityTaskTimedOut' ? 'timed out' : 'failed'}${gaveUp ? ', no more retries' : ''}${colon(L)}${e.failure ?? ''}`,
          why: e.retryState,
        });
        break;
      }
      case 'TimerStarted': {
        const kind = timerKind();
        const fireAt = new Date(Date.parse(e.at) + (e.timeoutMs ?? 0)).toISOString();
        timers.set(e.timerId ?? '', { kind, fireAt });
        const whyText: Record<TimerKind, { zh: string; en: string }> = {
          submission: { zh: '等待重新提交盖章报名表；截止期限到达仍未提交，申报失效', en: 'waiting for the resubmitted sealed form; at the deadline the nomination expires' },
          notice: { zh: '公示期结束且异议均已处理后通报', en: 'announced when the notice ends and every objection is ruled' },
          reserve: { zh: '公示期内如有当选者被取消资格，按排名递补', en: 'promoted by rank if a winner is disqualified during the notice' },
          other: { zh: '工作流计时', en: 'workflow timer' },
        };
        push({
          ...base,
          actor: system,
          what: zh(L)
            ? `开始计时：${TIMER_LABELS[kind].zh}，${durationText(e.timeoutMs ?? 0, L)}后，即 ${localTime(fireAt, L)}`
            : `timer started: ${TIMER_LABELS[kind].en}, in ${durationText(e.timeoutMs ?? 0, L)}, at ${localTime(fireAt, L)}`,
          why: pick(L, whyText[kind]),
        });
        break;
      }
      case 'TimerFired': {
        const t = timers.get(e.timerId ?? '');
        const fired: Record<TimerKind, { zh: string; en: string }> = {
          submission: { zh: '申报截止期限到达，申报失效', en: 'the submission deadline passed: the nomination expires' },
          notice: { zh: '公示期结束', en: 'the public notice ended' },
          reserve: { zh: '候补期结束，未获递补', en: 'the reserve period ended without promotion' },
          other: { zh: '计时到达', en: 'timer fired' },
        };
        push({ ...base, actor: system, what: pick(L, fired[t?.kind ?? 'other']), why: t ? (zh(L) ? `期限：${localTime(t.fireAt, L)}` : `deadline: ${localTime(t.fireAt, L)}`) : undefined });
        break;
      }
      case 'TimerCanceled': {
        const t = timers.get(e.timerId ?? '');
        push({
          ...base,
          actor: system,
          what: zh(L) ? `取消计时：${TIMER_LABELS[t?.kind ?? 'other'].zh}` : `timer cancelled: ${TIMER_LABELS[t?.kind ?? 'other'].en}`,
          why: zh(L) ? '等待的事先发生（如已重新提交、期限变更、撤回或举报）' : 'what it waited for came first (a resubmission, a deadline change, a withdrawal or a fraud finding)',
        });
        break;
      }
      case 'WorkflowExecutionUpdateAccepted': {
        updates.set(e.id, e);
        const d = describeUpdate(e);
        push({ ...base, actor: d.actor, what: d.what, why: d.why });
        break;
      }
      case 'WorkflowExecutionUpdateCompleted': {
        const accepted = updates.get(e.acceptedEventId ?? -1);
        const label = pick(L, UPDATES[accepted?.updateName ?? ''] ?? { zh: accepted?.updateName ?? '更新', en: accepted?.updateName ?? 'update' });
        const result = e.result as { caseStatus?: string; taskId?: string } | undefined;
        const outcome = e.failure
          ? zh(L)
            ? `失败：${e.failure}`
            : `failed: ${e.failure}`
          : result?.caseStatus
            ? zh(L)
              ? `已生效，案件状态：${statusText(result.caseStatus, L)}`
              : `took effect; the case is ${statusText(result.caseStatus, L)}`
            : result?.taskId
              ? zh(L)
                ? `已受理，开启任务 ${result.taskId}`
                : `accepted; task ${result.taskId} opened`
              : zh(L)
                ? '已处理'
                : 'done';
        push({ ...base, actor: system, what: zh(L) ? `${label}${outcome}` : `${label} ${outcome}` });
        break;
      }
      case 'WorkflowExecutionSignaled': {
        const arg = e.input?.[0];
        let what: string;
        if (e.signalName === 'committeeOutcome') {
          const o = arg as CommitteeOutcome;
          what = o.selected
            ? zh(L)
              ? `评审委员会评选结果：当选，排名 ${o.rank}，公示至 ${localTime(o.noticeEndsAt, L)}`
              : `committee round: selected, rank ${o.rank}, on notice until ${localTime(o.noticeEndsAt, L)}`
            : zh(L)
              ? `评审委员会评选结果：未当选，排名 ${o.rank}，候补至 ${localTime(o.noticeEndsAt, L)}`
              : `committee round: not selected, rank ${o.rank}, in reserve until ${localTime(o.noticeEndsAt, L)}`;
        } else if (e.signalName === 'promoted') {
          const p = arg as Promotion;
          what = zh(L) ? `递补为当选：排名 ${p.rank}，公示至 ${localTime(p.noticeEndsAt, L)}` : `promoted from the reserve: rank ${p.rank}, on notice until ${localTime(p.noticeEndsAt, L)}`;
        } else if (e.signalName === 'deadlinesChanged') {
          const d = arg as Deadlines;
          what = zh(L)
            ? `截止期限变更（第 ${d.version} 版）：申报截止 ${localTime(d.submissionDeadline, L)}，评审截止 ${localTime(d.reviewDeadline, L)}`
            : `deadlines changed (version ${d.version}): submission ${localTime(d.submissionDeadline, L)}, review ${localTime(d.reviewDeadline, L)}`;
        } else {
          what = zh(L) ? `收到信号 ${e.signalName}` : `signal ${e.signalName}`;
        }
        push({ ...base, actor: system, what });
        break;
      }
      case 'SignalExternalWorkflowExecutionInitiated': {
        push({ ...base, actor: system, what: zh(L) ? `通知案件工作流 ${e.targetWorkflowId}：${e.signalName}` : `signals case workflow ${e.targetWorkflowId}: ${e.signalName}` });
        break;
      }
      case 'WorkflowExecutionCompleted':
        push({ ...base, actor: system, what: zh(L) ? `案件工作流结束，最终状态：${statusText(String(e.result), L)}` : `case workflow ended: ${statusText(String(e.result), L)}` });
        break;
      case 'WorkflowExecutionFailed':
        push({ ...base, actor: system, what: zh(L) ? `案件工作流失败：${e.failure}` : `case workflow failed: ${e.failure}` });
        break;
      case 'WorkflowExecutionTerminated':
        push({ ...base, actor: system, what: zh(L) ? '案件工作流被终止' : 'case workflow terminated', why: e.reason });
        break;
      case 'WorkflowExecutionTimedOut':
      case 'WorkflowExecutionCanceled':
      case 'WorkflowExecutionContinuedAsNew':
        push({ ...base, actor: system, what: zh(L) ? `案件工作流结束（${e.type}）` : `case workflow ended (${e.type})` });
        break;
      case 'WorkflowTaskFailed':
        push({ ...base, actor: system, what: zh(L) ? `工作流任务失败（${e.cause ?? '?'}）：${e.failure ?? ''}` : `workflow task failed (${e.cause ?? '?'}): ${e.failure ?? ''}` });
        break;
      case 'MarkerRecorded':
        if (e.patchId) push({ ...base, actor: system, what: zh(L) ? `代码版本标记：${e.patchId}` : `code version marker: ${e.patchId}`, why: zh(L) ? '此后按新版流程执行' : 'the new code path applies from here' });
        break;
      default:
        // Workflow and activity task bookkeeping (scheduled, started, completed) says nothing a person needs.
        break;
    }
  }

  for (const t of timeline)
    push({
      at: t.at.toISOString(),
      source: 'timeline',
      actor: who(t.actorId),
      what: zh(L) ? `时间线第 ${t.seq} 步：${statusText(t.status, L)}` : `timeline step ${t.seq}: ${statusText(t.status, L)}`,
      why: noteText(t.note, L),
      eventType: 'TimelineEntry',
      eventId: t.seq,
    });

  for (const a of audit) {
    const d = auditText(a, who(a.actorId), L);
    push({ at: a.at.toISOString(), source: 'audit', actor: who(a.actorId), what: d.what, why: d.why, eventType: a.action, eventId: a.id });
  }

  // The workflow's events keep their history order (an activity's completion can be written after
  // later events, under its earlier time); the other sources fall in between by time.
  let floor = 0;
  const when = new Map<HistoryItem, number>();
  for (const item of items) {
    const t = Date.parse(item.at);
    if (item.source === 'workflow') floor = Math.max(floor, t);
    when.set(item, item.source === 'workflow' ? floor : t);
  }
  const rank: Record<HistorySource, number> = { workflow: 0, timeline: 1, audit: 2 };
  return items
    .sort((x, y) => when.get(x)! - when.get(y)! || rank[x.source] - rank[y.source] || x.order - y.order)
    .map(({ order: _order, ...item }) => (item.why === undefined || item.why === '' ? (({ why: _why, ...rest }) => rest)(item) : item));
}

const REFUSED_ATTEMPTS: Record<string, { zh: string; en: string }> = {
  'withdrawal-refused': { zh: '撤回申请', en: 'withdrawal' },
  'sealed-form-resubmission-refused': { zh: '重新提交报名表', en: 'resubmission of the sealed form' },
  'fraud-report-refused': { zh: '举报', en: 'fraud report' },
  'objection-refused': { zh: '公示异议', en: 'objection' },
};

function auditText(a: AuditRow, actor: string, L: Language): { what: string; why?: string } {
  let details: Record<string, unknown> = {};
  try {
    details = JSON.parse(a.details) as Record<string, unknown>;
  } catch {
    details = { details: a.details };
  }
  const s = (k: string) => (details[k] === undefined || details[k] === null ? '' : String(details[k]));
  if (a.action.startsWith('compensation:')) {
    const action = a.action.slice('compensation:'.length) as Compensation;
    const label = pick(L, COMPENSATIONS[action] ?? { zh: action, en: action });
    return { what: zh(L) ? `撤销补偿生效：${label}（${action}）` : `compensation took effect: ${label} (${action})`, why: noteText(s('reason'), L) };
  }
  switch (a.action) {
    case 'decision':
      return {
        what: zh(L)
          ? `${actor} 提交决定（${kindText(s('kind'), L)}，任务 ${s('taskId')}）：${decisionText(s('decision'), L)}${details.score !== undefined ? `，评分 ${s('score')}` : ''}`
          : `${actor} submitted a decision (${kindText(s('kind'), L)}, task ${s('taskId')}): ${decisionText(s('decision'), L)}${details.score !== undefined ? `, score ${s('score')}` : ''}`,
        why: s('comment') || undefined,
      };
    case 'decision-refused':
      return {
        what: zh(L) ? `拒绝 ${actor} 的操作（${kindText(s('kind'), L)}，任务 ${s('taskId')}）：${s('code')}` : `refused ${actor}'s attempt (${kindText(s('kind'), L)}, task ${s('taskId')}): ${s('code')}`,
        why: describeError(s('code'), L),
      };
    case 'nomination-submitted':
      return {
        what: zh(L) ? `${actor} 提交申报（推荐单位：${s('recommendingUnit')}，渠道：${s('channel')}）` : `${actor} submitted the nomination (unit: ${s('recommendingUnit')}, channel: ${s('channel')})`,
        why: s('sealedFormSha256') ? (zh(L) ? `盖章报名表 SHA-256：${s('sealedFormSha256')}` : `sealed form SHA-256: ${s('sealedFormSha256')}`) : undefined,
      };
    case 'nomination-withdrawn':
      return { what: zh(L) ? `${actor} 撤回申报` : `${actor} withdrew the nomination`, why: s('reason') || undefined };
    case 'sealed-form-resubmitted':
      return { what: zh(L) ? `${actor} 重新提交盖章报名表` : `${actor} resubmitted the sealed form`, why: s('sha256') ? `SHA-256: ${s('sha256')}` : undefined };
    case 'sealed-form-downloaded':
      return { what: zh(L) ? `${actor} 下载盖章报名表` : `${actor} downloaded the sealed form`, why: s('sha256') ? `SHA-256: ${s('sha256')}` : undefined };
    case 'objection-lodged':
      return { what: zh(L) ? `收到公示异议（${s('objectionId')}）` : `objection lodged (${s('objectionId')})` };
    case 'fraud-reported':
      return { what: zh(L) ? `${actor} 举报（${s('reportId')}），开启调查任务 ${s('taskId')}` : `${actor} reported fraud (${s('reportId')}), task ${s('taskId')} opened` };
    case 'email-sent':
      return { what: zh(L) ? `邮件已发出：${s('template')} → ${s('recipient')}` : `email sent: ${s('template')} → ${s('recipient')}`, why: s('key') || undefined };
    case 'email-failed':
      return { what: zh(L) ? `邮件被邮件服务器拒收：${s('template')} → ${s('recipient')}` : `email refused by the mail server: ${s('template')} → ${s('recipient')}`, why: s('error') || undefined };
    case 'withdrawal-refused':
    case 'sealed-form-resubmission-refused':
    case 'fraud-report-refused':
    case 'objection-refused': {
      const attempt = REFUSED_ATTEMPTS[a.action];
      return {
        what: zh(L) ? `拒绝 ${actor} 的${attempt.zh}：${s('code')}` : `refused ${actor}'s ${attempt.en}: ${s('code')}`,
        why: describeError(s('code'), L),
      };
    }
    case 'access-token-replaced':
      return { what: zh(L) ? '申请人访问凭证已更换' : "the applicant's access token was replaced" };
    case 'access-token-revoked':
      return { what: zh(L) ? '申请人访问凭证已作废' : "the applicant's access token was revoked" };
    default: {
      const text = Object.keys(details).length ? JSON.stringify(details) : undefined;
      return { what: zh(L) ? `审计记录：${a.action}` : `audit entry: ${a.action}`, why: text };
    }
  }
}

const CSV_HEADERS: Record<'zh' | 'en', string[]> = {
  zh: ['时间', '来源', '操作人', '事件', '原因或依据', '事件类型', '事件编号'],
  en: ['at', 'source', 'actor', 'what', 'why', 'eventType', 'eventId'],
};

const SOURCE_LABELS: Record<HistorySource, { zh: string; en: string }> = {
  workflow: { zh: '工作流', en: 'workflow' },
  audit: { zh: '审计日志', en: 'audit' },
  timeline: { zh: '时间线', en: 'timeline' },
};

/** The history as a spreadsheet. */
export function historyCsv(items: HistoryItem[], language: Language): string {
  const lines = [CSV_HEADERS[zh(language) ? 'zh' : 'en']];
  for (const i of items) lines.push([i.at, pick(language, SOURCE_LABELS[i.source]), i.actor, i.what, i.why ?? '', i.eventType, String(i.eventId)]);
  return spreadsheetCsv(lines);
}
