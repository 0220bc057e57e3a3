import type { Language } from '../../domain/channels';
import type { Narrated, TimelineRow } from './history-item';
import type { NameOf } from './people';
import type { Phrasebook } from './words';
import { movedTo, noteText, statusText, stayedIn, tongueOf } from './words';

// The case's timeline as the database holds it, told step by step. Each row repeats the step the
// workflow recorded, and folds under it; without the workflow's history it stands on its own.

const PHRASES: Phrasebook<{ step(seq: number, status: string): string }> = {
  zh: { step: (seq, status) => `时间线第 ${seq} 步：${status}` },
  en: { step: (seq, status) => `timeline step ${seq}: ${status}` },
};

export function narrateTimeline(rows: TimelineRow[], nameOf: NameOf, language: Language): Narrated[] {
  const say = PHRASES[tongueOf(language)];
  let before: string | undefined;
  return rows.map((t) => {
    const moves = t.status !== before;
    const status = before;
    before = t.status;
    return {
      at: t.at.toISOString(),
      source: 'timeline',
      actor: nameOf(t.actorId),
      what: moves ? movedTo(t.status, language) : stayedIn(t.status, language),
      machine: say.step(t.seq, statusText(t.status, language)),
      why: noteText(t.note, language),
      kind: 'system',
      repeats: [`step:${t.seq}`],
      ...(moves && { movesTo: t.status }),
      ...(status && { status }),
      statusAfter: t.status,
      eventType: 'TimelineEntry',
      eventId: t.seq,
    };
  });
}
