import type { Language } from '../../domain/channels';
import type { Label } from '../../domain/vocabulary';
import { COMPENSATION_LABELS, DECISION_LABELS, NOTE_LABELS, ROLE_LABELS, STATUS_LABELS, TASK_KIND_LABELS, say } from '../../domain/vocabulary';
import { TASK_KINDS } from '../../domain/tasks';

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

/** Times a person reads: Beijing time, to the minute (the ISO instant stays in `at`). */
export function localTime(iso: string | undefined, language: Language): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return iso ?? '?';
  const shifted = new Date(Date.parse(iso) + BEIJING_OFFSET_MS).toISOString();
  return PUNCTUATION[tongueOf(language)].beijing(`${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`);
}

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
