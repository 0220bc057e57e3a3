import type { Language } from '../../domain/channels';
import type { Label } from '../../domain/vocabulary';
import { CHANNEL_LABELS, COMPENSATION_LABELS, DECISION_LABELS, NOTE_LABELS, ROLE_LABELS, STATUS_LABELS, TASK_KIND_LABELS, say } from '../../domain/vocabulary';
import { TASK_KINDS } from '../../domain/tasks';
import type { HistoryKind, Stage } from './history-item';

// The domain's words as the history uses them: every label comes from domain/vocabulary.ts; only
// how the history wraps them (a code after its label, a local time, a duration) is said here.

export type Tongue = 'zh' | 'en';

/** Chinese unless English is asked for, as `say()` decides. */
export function tongueOf(language: Language): Tongue {
  return language === 'en' ? 'en' : 'zh';
}

/** The history's own sentences: one template per language, filled from the same values. */
export type Phrasebook<Phrases> = Record<Tongue, Phrases>;

const PUNCTUATION: Phrasebook<{ coded(label: string, code: string): string; list: string; colon: string; beijing(text: string): string }> = {
  zh: { coded: (label, code) => `${label}（${code}）`, list: '，', colon: '：', beijing: (text) => `${text}（北京时间）` },
  en: { coded: (label, code) => `${label} (${code})`, list: '; ', colon: ': ', beijing: (text) => `${text} (Beijing time)` },
};

export const listSeparator = (language: Language) => PUNCTUATION[tongueOf(language)].list;
export const colon = (language: Language) => PUNCTUATION[tongueOf(language)].colon;

/** A code from the history can be anything: only a table's own entries are labels. */
function labelOf(table: Record<string, Label>, code: string | null | undefined): Label | undefined {
  return code && Object.hasOwn(table, code) ? table[code] : undefined;
}

/** A label followed by the code it names, so a reader can search for either; the bare code when unnamed. */
function coded(table: Record<string, Label>, code: string, language: Language): string {
  const label = labelOf(table, code);
  return label ? PUNCTUATION[tongueOf(language)].coded(say(label, language), code) : code;
}

export const statusText = (status: string, language: Language) => coded(STATUS_LABELS, status, language);
export const decisionText = (decision: string, language: Language) => coded(DECISION_LABELS, decision, language);

/** A status in words alone, for plain sentences; the bare code when unnamed. */
export const statusWords = (status: string, language: Language) => say(labelOf(STATUS_LABELS, status), language, status);
/** A decision in words alone, for plain sentences; the bare code when unnamed. */
export const decisionWords = (decision: string, language: Language) => say(labelOf(DECISION_LABELS, decision), language, decision);
export const channelWords = (channel: string, language: Language) => say(labelOf(CHANNEL_LABELS, channel), language, channel);

/**
 * The stages' names. Those the vocabulary names as a status are its words; the later ones name the
 * stage rather than the status that opens it (评选, not 等待评选结果).
 */
const STAGE_LABELS: Record<Stage, Label> = {
  'seal-check': STATUS_LABELS['seal-check'],
  'field-review': STATUS_LABELS['field-review'],
  'branch-shortlist': STATUS_LABELS['branch-shortlist'],
  'committee-review': STATUS_LABELS['committee-review'],
  'awaiting-selection': { zh: '评选', en: 'Selection' },
  'public-notice': { zh: '公示', en: 'Public notice' },
  announced: { zh: '通报', en: 'Announcement' },
  withdrawn: { zh: '撤回', en: 'Withdrawal' },
  disqualified: { zh: '取消资格', en: 'Disqualification' },
};

export const stageWords = (stage: Stage, language: Language) => say(STAGE_LABELS[stage], language);

const KIND_LABELS: Record<HistoryKind, Label> = {
  decision: { zh: '决定与投票', en: 'Decisions and votes' },
  submission: { zh: '申报、重新提交与撤回', en: 'Submission, resubmission, withdrawal' },
  objection: { zh: '公示异议', en: 'Objections' },
  report: { zh: '举报与资格复核', en: 'Fraud reports and eligibility reviews' },
  correction: { zh: '撤销补偿', en: 'Corrections (compensations)' },
  email: { zh: '邮件', en: 'Emails' },
  deadline: { zh: '期限与计时', en: 'Deadlines and timers' },
  access: { zh: '下载、凭证与被拒绝的操作', en: 'Downloads, tokens and refused attempts' },
  system: { zh: '系统运行记录', en: 'System machinery' },
};

export const kindWords = (kind: HistoryKind, language: Language) => say(KIND_LABELS[kind], language);

export function kindText(kind: string | undefined, language: Language): string {
  return say(labelOf(TASK_KIND_LABELS, kind), language, kind ?? '?');
}

export function compensationText(action: string, language: Language): string {
  return say(labelOf(COMPENSATION_LABELS, action), language, action);
}

/** A note the workflow writes as a code, in words; free text as it is. */
export function noteText(note: string | null | undefined, language: Language): string | undefined {
  if (!note) return undefined;
  return say(labelOf(NOTE_LABELS, note), language, note);
}

/** The role that decides a kind of task, e.g. 秘书处 for a seal check. */
export function deciderRole(kind: string | undefined, language: Language): string | undefined {
  const role = kind && Object.hasOwn(TASK_KINDS, kind) ? TASK_KINDS[kind as keyof typeof TASK_KINDS].role : undefined;
  const label = labelOf(ROLE_LABELS, role);
  return label && say(label, language);
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** An instant in Beijing time, to the minute: `2030-01-02 00:30`; what is not a time as it is. */
export function beijingTime(iso: string | undefined): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return iso ?? '?';
  const shifted = new Date(Date.parse(iso) + BEIJING_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** Times a person reads: Beijing time, to the minute, saying so (the ISO instant stays in `at`). */
export function localTime(iso: string | undefined, language: Language): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return iso ?? '?';
  return PUNCTUATION[tongueOf(language)].beijing(beijingTime(iso));
}

const PROGRESS: Phrasebook<{ moves(status: string): string; opens(kind: string, role?: string): string; stays(status: string): string }> = {
  zh: {
    moves: (status) => `案件状态变为「${status}」`,
    opens: (kind, role) => (role ? `转${role}办理（${kind}）` : `开启「${kind}」任务`),
    stays: (status) => `案件状态仍为「${status}」`,
  },
  en: {
    moves: (status) => `the case moves to ${status}`,
    opens: (kind, role) => (role ? `passed to the ${role.toLowerCase()} (${kind})` : `a ${kind} task is opened`),
    stays: (status) => `the case stays in ${status}`,
  },
};

/** 案件状态变为「业务领域审核」: a step's move, in plain words. */
export const movedTo = (status: string, language: Language) => PROGRESS[tongueOf(language)].moves(statusWords(status, language));
/** 转秘书处办理（异议处理）: the task a step opened while the status stayed, in plain words. */
export const openedTask = (kind: string, language: Language) => PROGRESS[tongueOf(language)].opens(kindText(kind, language), deciderRole(kind, language));
export const stayedIn = (status: string, language: Language) => PROGRESS[tongueOf(language)].stays(statusWords(status, language));

const DURATION_UNITS: { size: number; unit: Record<Tongue, string> }[] = [
  { size: 86_400_000, unit: { zh: '天', en: 'd' } },
  { size: 3_600_000, unit: { zh: '小时', en: 'h' } },
  { size: 60_000, unit: { zh: '分钟', en: 'min' } },
  { size: 1000, unit: { zh: '秒', en: 's' } },
  { size: 1, unit: { zh: '毫秒', en: 'ms' } },
];

/** A timer's length in its largest whole unit, to one decimal: `1.5 天`, `2 h`. */
export function durationText(ms: number, language: Language): string {
  const { size, unit } = DURATION_UNITS.find((u) => ms >= u.size) ?? DURATION_UNITS.at(-1)!;
  const n = size === 1 ? ms : Math.round((ms / size) * 10) / 10;
  return `${n} ${unit[tongueOf(language)]}`;
}

const SCORE: Phrasebook<(score: string) => string> = {
  zh: (score) => `，评分 ${score}`,
  en: (score) => `, score ${score}`,
};

/** `，评分 91` after a decision that carries a score; nothing otherwise. */
export function scoreSuffix(score: number | string | undefined, language: Language): string {
  return score === undefined ? '' : SCORE[tongueOf(language)](String(score));
}
