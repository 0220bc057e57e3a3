import type { Language } from '../../domain/channels';
import type { Actor, CaseStep, TaskDecision } from '../../workflows/contract';
import type { DecodedEvent } from '../history-events';
import type { AuditRow, TimelineRow } from './history-item';
import type { Phrasebook } from './words';
import { tongueOf } from './words';

// Who did something, by the name people know them by.

/** Names an actor: a user id by its username, else the fallback, else the system. */
export type NameOf = (id: string | null | undefined, fallback?: string) => string;

const APPLICANT_PREFIX = 'applicant:';
/** The committee's verdict, reached by several members: no single account. */
export const COMMITTEE = 'committee';

const NAMES: Phrasebook<{ system: string; applicant: string; committee: string }> = {
  zh: { system: '系统', applicant: '申请人', committee: '评审委员会' },
  en: { system: 'system', applicant: 'applicant', committee: 'committee' },
};

export function systemName(language: Language): string {
  return NAMES[tongueOf(language)].system;
}

/** The committee as a whole, as its round's outcome names it. */
export function committeeName(language: Language): string {
  return NAMES[tongueOf(language)].committee;
}

export function nameOf(usernames: ReadonlyMap<string, string>, language: Language): NameOf {
  const names = NAMES[tongueOf(language)];
  return (id, fallback) => {
    if (!id) return fallback ?? names.system;
    if (id.startsWith(APPLICANT_PREFIX)) return names.applicant;
    if (id === COMMITTEE) return names.committee;
    return usernames.get(id) ?? fallback ?? id;
  };
}

/** Every user id the history mentions, to be resolved to usernames before `describeCaseHistory`. */
export function mentionedUserIds(events: DecodedEvent[], audit: AuditRow[], timeline: TimelineRow[]): string[] {
  const ids = new Set<string>();
  const add = (id: unknown) => {
    if (typeof id === 'string' && id && id !== COMMITTEE && !id.startsWith(APPLICANT_PREFIX)) ids.add(id);
  };
  for (const e of events) {
    // Steps name their actor, decisions and fraud reports theirs, votes their member.
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
