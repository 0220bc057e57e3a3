import type { Language } from '../../domain/channels';
import type { HistoryItem, TimelineRow } from './history-item';
import type { NameOf } from './people';
import type { Phrasebook } from './words';
import { noteText, statusText, tongueOf } from './words';

// The case's timeline as the database holds it, told step by step.

const PHRASES: Phrasebook<{ step(seq: number, status: string): string }> = {
  zh: { step: (seq, status) => `时间线第 ${seq} 步：${status}` },
  en: { step: (seq, status) => `timeline step ${seq}: ${status}` },
};

export function narrateTimeline(rows: TimelineRow[], nameOf: NameOf, language: Language): HistoryItem[] {
  const say = PHRASES[tongueOf(language)];
  return rows.map((t) => ({
    at: t.at.toISOString(),
    source: 'timeline',
    actor: nameOf(t.actorId),
    what: say.step(t.seq, statusText(t.status, language)),
    why: noteText(t.note, language),
    eventType: 'TimelineEntry',
    eventId: t.seq,
  }));
}
