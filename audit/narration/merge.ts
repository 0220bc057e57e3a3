import type { Language } from '../../domain/channels';
import type { DecodedEvent } from '../history-events';
import { narrateAuditEntries } from './audit-entries';
import { caseFile } from './case-file';
import type { AuditRow, CaseFile, HistorySource, TimelineRow } from './history-item';
import { nameOf } from './people';
import { narrateTimeline } from './timeline-entries';
import { narrateWorkflowEvents } from './workflow-events';

// A case's story for a person: the workflow's own events, the audit log and the timeline, merged
// in time order, each told as who, what and why — in Chinese unless English is asked for — and
// folded into a case file (see case-file.ts).

export interface HistoryInput {
  events: DecodedEvent[];
  audit: AuditRow[];
  timeline: TimelineRow[];
  /** Usernames of the user ids mentioned; see `mentionedUserIds`. */
  usernames: ReadonlyMap<string, string>;
  language: Language;
}

/**
 * The case's history as a case file, in time order. Pure: the caller decodes the workflow history,
 * reads the audit log and the timeline, and resolves the usernames.
 */
export function describeCaseHistory({ events, audit, timeline, usernames, language }: HistoryInput): CaseFile {
  const names = nameOf(usernames, language);
  const records = inTimeOrder([...narrateWorkflowEvents(events, names, language), ...narrateTimeline(timeline, names, language), ...narrateAuditEntries(audit, names, language)]);
  return caseFile(records, language);
}

/** What `inTimeOrder` reads of a record. */
interface Timed {
  at: string;
  source: HistorySource;
  why?: string;
}

/** On the same instant the workflow's event comes first, then the timeline row it wrote, then the audit entry. */
const SOURCE_RANK: Record<HistorySource, number> = { workflow: 0, timeline: 1, audit: 2 };

/**
 * The workflow's events keep their history order (an activity's completion can be written after
 * later events, under its earlier time); the other sources fall in between by time. Items without
 * a reason lose the empty `why`.
 */
export function inTimeOrder<Item extends Timed>(items: Item[]): Item[] {
  let floor = 0;
  const placed = items.map((item, order) => {
    const t = Date.parse(item.at);
    if (item.source === 'workflow') floor = Math.max(floor, t);
    return { item, order, when: item.source === 'workflow' ? floor : t };
  });
  return placed
    .sort((x, y) => x.when - y.when || SOURCE_RANK[x.item.source] - SOURCE_RANK[y.item.source] || x.order - y.order)
    .map(({ item }) => withoutEmptyWhy(item));
}

function withoutEmptyWhy<Item extends Timed>(item: Item): Item {
  if (item.why !== undefined && item.why !== '') return item;
  const { why: _why, ...rest } = item;
  return rest as Item;
}
