import type { CaseStatus } from '../../domain/statuses';
import type { Label } from '../../domain/vocabulary';
import { say } from '../../domain/vocabulary';
import type { EventNarrator, TimerKind } from './workflow-scene';
import { currentCause } from './workflow-scene';
import type { Phrasebook } from './words';
import { durationText, localTime, tongueOf } from './words';

// The workflow's timers, told as the deadline each one waits for. A timer records only its length,
// so what it waits for is read from the status the case was in when it started.

const TIMER_OF_STATUS: Partial<Record<CaseStatus, TimerKind>> = {
  'resubmission-requested': 'submission',
  'public-notice': 'notice',
  'not-selected': 'reserve',
};

const TIMERS: Record<TimerKind, { name: Label; waitsFor: Label; fired: Label }> = {
  submission: {
    name: { zh: '申报截止期限', en: 'the submission deadline' },
    waitsFor: { zh: '等待重新提交盖章报名表；截止期限到达仍未提交，申报失效', en: 'waiting for the resubmitted sealed form; at the deadline the nomination expires' },
    fired: { zh: '申报截止期限到达，申报失效', en: 'the submission deadline passed: the nomination expires' },
  },
  notice: {
    name: { zh: '公示期结束', en: 'the end of the public notice' },
    waitsFor: { zh: '公示期结束且异议均已处理后通报', en: 'announced when the notice ends and every objection is ruled' },
    fired: { zh: '公示期结束', en: 'the public notice ended' },
  },
  reserve: {
    name: { zh: '候补期（公示期）结束', en: 'the end of the reserve period (the public notice)' },
    waitsFor: { zh: '公示期内如有当选者被取消资格，按排名递补', en: 'promoted by rank if a winner is disqualified during the notice' },
    fired: { zh: '候补期结束，未获递补', en: 'the reserve period ended without promotion' },
  },
  other: {
    name: { zh: '计时', en: 'a timer' },
    waitsFor: { zh: '工作流计时', en: 'workflow timer' },
    fired: { zh: '计时到达', en: 'timer fired' },
  },
};

interface TimerPhrases {
  started(name: string, duration: string, at: string): string;
  setFor(name: string, at: string): string;
  deadline(at: string): string;
  cancelled(name: string): string;
  cancelledWhy: string;
  timer(id: string, what: string): string;
}

const PHRASES: Phrasebook<TimerPhrases> = {
  zh: {
    started: (name, duration, at) => `开始计时：${name}，${duration}后，即 ${at}`,
    setFor: (name, at) => `${name}定于 ${at}`,
    deadline: (at) => `期限：${at}`,
    cancelled: (name) => `取消计时：${name}`,
    cancelledWhy: '等待的事先发生（如已重新提交、期限变更、撤回或举报）',
    timer: (id, what) => `${what}（计时器 ${id}）`,
  },
  en: {
    started: (name, duration, at) => `timer started: ${name}, in ${duration}, at ${at}`,
    setFor: (name, at) => `${name.charAt(0).toUpperCase()}${name.slice(1)} falls on ${at}`,
    deadline: (at) => `deadline: ${at}`,
    cancelled: (name) => `timer cancelled: ${name}`,
    cancelledWhy: 'what it waited for came first (a resubmission, a deadline change, a withdrawal or a fraud finding)',
    timer: (id, what) => `${what} (timer ${id})`,
  },
};

function timerKindIn(status: string | undefined): TimerKind {
  return (status && Object.hasOwn(TIMER_OF_STATUS, status) && TIMER_OF_STATUS[status as CaseStatus]) || 'other';
}

export const timerStarted: EventNarrator = (e, scene) => {
  const L = scene.language;
  const phrases = PHRASES[tongueOf(L)];
  const kind = timerKindIn(scene.status);
  const fireAt = new Date(Date.parse(e.at) + (e.timeoutMs ?? 0)).toISOString();
  scene.timers.set(e.timerId ?? '', { kind, fireAt });
  const name = say(TIMERS[kind].name, L);
  return {
    actor: scene.system,
    what: phrases.setFor(name, localTime(fireAt, L)),
    machine: phrases.timer(String(e.timerId), phrases.started(name, durationText(e.timeoutMs ?? 0, L), localTime(fireAt, L))),
    why: say(TIMERS[kind].waitsFor, L),
    kind: 'deadline',
  };
};

/** A deadline reached: what the workflow does next (an expiry, the end of the notice) folds under it. */
export const timerFired: EventNarrator = (e, scene) => {
  const L = scene.language;
  const timer = scene.timers.get(e.timerId ?? '');
  const fired = say(TIMERS[timer?.kind ?? 'other'].fired, L);
  scene.causes.push(`timer:${e.id}`);
  return {
    actor: scene.system,
    what: fired,
    machine: PHRASES[tongueOf(L)].timer(String(e.timerId), fired),
    why: timer && PHRASES[tongueOf(L)].deadline(localTime(timer.fireAt, L)),
    kind: 'deadline',
    keys: [`timer:${e.id}`],
  };
};

/** A timer cancelled because what it waited for came first: that is told already, so it folds under it. */
export const timerCanceled: EventNarrator = (e, scene) => {
  const phrases = PHRASES[tongueOf(scene.language)];
  const timer = scene.timers.get(e.timerId ?? '');
  const cancelled = phrases.cancelled(say(TIMERS[timer?.kind ?? 'other'].name, scene.language));
  const cause = currentCause(scene);
  return {
    actor: scene.system,
    what: cancelled,
    machine: phrases.timer(String(e.timerId), cancelled),
    why: phrases.cancelledWhy,
    kind: 'deadline',
    ...(cause && { repeats: [cause] }),
  };
};
