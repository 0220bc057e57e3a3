import type { Language } from '../../domain/channels';
import type { CaseStatus } from '../../domain/statuses';
import { CASE_STATUSES, isTerminal } from '../../domain/statuses';
import type { CaseFile, HistoryDetail, HistoryItem, HistoryKind, Narrated, Stage, StageDecision, StageSummary } from './history-item';
import { HISTORY_KINDS, STAGES } from './history-item';
import { kindWords, listSeparator, localTime, movedTo, openedTask, stageWords, statusWords } from './words';

// The case file: the records of a case's history (in time order) folded so that each row is one
// thing a person did or the case went through, the records that only repeat it in machine terms
// under it, each row placed in the stage of the process it happened in.

/** The stage each status belongs to; a rejection or an expiry ends the stage it happened in. */
const STAGE_OF_STATUS: Partial<Record<CaseStatus, Stage>> = {
  'seal-check': 'seal-check',
  'resubmission-requested': 'seal-check',
  'field-review': 'field-review',
  'branch-shortlist': 'branch-shortlist',
  'committee-review': 'committee-review',
  'awaiting-selection': 'awaiting-selection',
  // A case not selected waits in reserve through the selection's notice period.
  'not-selected': 'awaiting-selection',
  'public-notice': 'public-notice',
  'notice-ended': 'announced',
  announced: 'announced',
  withdrawn: 'withdrawn',
  disqualified: 'disqualified',
};

/** The statuses that cut a case short: whatever led there is told in their own stage. */
const EXITS: readonly string[] = ['withdrawn', 'disqualified'] satisfies Stage[];

function stageOf(status: string | undefined, before: Stage | undefined): Stage {
  const stage = status && Object.hasOwn(STAGE_OF_STATUS, status) ? STAGE_OF_STATUS[status as CaseStatus] : undefined;
  return stage ?? before ?? STAGES[0];
}

function endsStage(status: string, stage: Stage): boolean {
  const known = (CASE_STATUSES as readonly string[]).includes(status);
  return stageOf(status, stage) !== stage || (known && isTerminal(status as CaseStatus));
}

/**
 * Which record each record repeats: the one answering to the first of its `repeats` that any
 * record answers to — the latest before it, or else the first after it (a timeline row is written
 * under the time its step computed, before the event that records the step).
 */
function foldTargets(records: Narrated[]): (number | undefined)[] {
  const answering = new Map<string, number[]>();
  records.forEach((r, i) => {
    for (const key of r.keys ?? []) answering.set(key, [...(answering.get(key) ?? []), i]);
  });
  const targets = records.map((r, i) => {
    for (const key of r.repeats ?? []) {
      const candidates = (answering.get(key) ?? []).filter((j) => j !== i);
      const target = candidates.filter((j) => j < i).at(-1) ?? candidates.find((j) => j > i);
      if (target !== undefined) return target;
    }
    return undefined;
  });
  // A circle of records repeating one another (no history the workflow writes has one) is broken where it closes.
  for (let i = 0; i < targets.length; i++) {
    const seen = new Set<number>([i]);
    for (let j = targets[i]; j !== undefined; j = targets[j]) {
      if (seen.has(j)) {
        targets[i] = undefined;
        break;
      }
      seen.add(j);
    }
  }
  return targets;
}

function leaderOf(targets: (number | undefined)[], i: number): number {
  let at = i;
  while (targets[at] !== undefined) at = targets[at]!;
  return at;
}

const detailOf = (r: Narrated, language: Language): HistoryDetail => ({
  at: r.at,
  atLocal: localTime(r.at, language),
  source: r.source,
  eventType: r.eventType,
  eventId: r.eventId,
  actor: r.actor,
  text: r.machine,
  ...(r.why !== undefined && r.why !== '' && { why: r.why }),
});

/** A row and the records folded under it, with the status it was made in. */
interface Group {
  leader: Narrated;
  status?: string;
  followers: Narrated[];
}

/** The last move the group made the case, and when. */
function lastMove(group: Group): { status: string; at: string } | undefined {
  const move = [group.leader, ...group.followers].filter((r) => r.movesTo !== undefined).at(-1);
  return move && { status: move.movesTo!, at: move.at };
}

/** When a group's records moved the case into a status of the stage, if they did. */
const moveInto = (stage: Stage) => (group: Group) =>
  [group.leader, ...group.followers].find((r) => r.movesTo !== undefined && STAGE_OF_STATUS[r.movesTo as CaseStatus] === stage)?.at;

/** The row's words: the leader's (or a follower's that tells it better), then what the records under it did to the case. */
function rowWhat(group: Group, language: Language): string {
  const { leader, followers } = group;
  const better = followers.find((f) => f.tellsBetter);
  const said = better?.what ?? leader.what;
  // A step standing as a row says its move itself; the timeline row folded under it says it again.
  const moved = followers.filter((f) => f.movesTo !== undefined && f.movesTo !== leader.movesTo).at(-1)?.movesTo;
  if (moved && moved !== group.status) return `${said}${listSeparator(language)}${movedTo(moved, language)}`;
  const opened = !moved && !leader.opens ? followers.find((f) => f.opens)?.opens : undefined;
  return opened ? `${said}${listSeparator(language)}${openedTask(opened, language)}` : said;
}

function rowStage(group: Group, before: Stage | undefined): Stage {
  if (group.leader.stage) return group.leader.stage;
  const exit = [group.leader, ...group.followers].find((r) => r.movesTo && EXITS.includes(r.movesTo))?.movesTo;
  return exit ? (exit as Stage) : stageOf(group.status, before);
}

/** Each record with the status the case was in when it was made, from the records that know it. */
function withStatuses(records: Narrated[]): { record: Narrated; status?: string }[] {
  const fromWorkflow = records.some((r) => r.source === 'workflow');
  // The workflow knows the status at each of its events; without it, the timeline tells it.
  const knows = (r: Narrated) => r.source === 'workflow' || (!fromWorkflow && r.source === 'timeline');
  let running: string | undefined;
  return records.map((record) => {
    const status = knows(record) ? (record.status ?? running) : running;
    if (knows(record)) running = record.statusAfter ?? running;
    return { record, status };
  });
}

function summaries(items: HistoryItem[], groups: Group[], language: Language): StageSummary[] {
  return STAGES.flatMap((stage): StageSummary[] => {
    const here = items.map((item, i) => ({ item, group: groups[i] })).filter(({ item }) => item.stage === stage);
    if (!here.length) return [];
    // The stage opened when the case moved into it, which the row that moved it (in the stage before) tells.
    const entered = groups
      .map(moveInto(stage))
      .filter((at): at is string => at !== undefined)
      .sort((x, y) => Date.parse(x) - Date.parse(y))[0];
    const openedAt = entered && Date.parse(entered) < Date.parse(here[0].item.at) ? entered : here[0].item.at;
    const closing = here
      .map(({ group }) => lastMove(group))
      .filter((m): m is { status: string; at: string } => m !== undefined && endsStage(m.status, stage))
      .at(-1);
    // A withdrawal is not a decision on a task, yet it is the one decision of its stage.
    const decided = ({ item, group }: { item: HistoryItem; group: Group }) => item.kind === 'decision' || (item.kind === 'submission' && EXITS.includes(lastMove(group)?.status ?? ''));
    const decisions = here
      .filter(decided)
      .map(({ item, group }): StageDecision => {
        const decision = group.leader.decision ?? group.followers.find((f) => f.decision)?.decision;
        return {
          at: item.at,
          atLocal: item.atLocal,
          actor: item.actor,
          what: item.what,
          ...(item.why !== undefined && { why: item.why }),
          ...(item.note !== undefined && { note: item.note }),
          ...(decision !== undefined && { decision }),
        };
      });
    return [
      {
        stage,
        label: stageWords(stage, language),
        openedAt,
        openedAtLocal: localTime(openedAt, language),
        ...(closing && { closedAt: closing.at, closedAtLocal: localTime(closing.at, language), outcome: closing.status, outcomeLabel: statusWords(closing.status, language) }),
        decidedBy: [...new Set(decisions.map((d) => d.actor))],
        decisions,
        items: here.length,
      },
    ];
  });
}

/** The case file of records in time order: rows with what they fold, in stages, and the stages summed up. */
export function caseFile(records: Narrated[], language: Language): CaseFile {
  const targets = foldTargets(records);
  const placed = withStatuses(records);
  const groups: Group[] = [];
  const groupOf = new Map<number, Group>();
  records.forEach((record, i) => {
    const lead = leaderOf(targets, i);
    if (lead === i) {
      const group = { leader: record, status: placed[i].status, followers: [] };
      groups.push(group);
      groupOf.set(i, group);
    }
  });
  records.forEach((record, i) => {
    const lead = leaderOf(targets, i);
    if (lead !== i) groupOf.get(lead)!.followers.push(record);
  });

  let before: Stage | undefined;
  const items = groups.map((group): HistoryItem => {
    const { leader, followers } = group;
    const stage = rowStage(group, before);
    before = stage;
    const better = followers.find((f) => f.tellsBetter);
    const why = leader.why || better?.why;
    const note = leader.note ?? followers.find((f) => f.note)?.note;
    return {
      at: leader.at,
      atLocal: localTime(leader.at, language),
      stage,
      kind: leader.kind,
      source: leader.source,
      actor: better?.actor ?? leader.actor,
      what: rowWhat(group, language),
      ...(why && { why }),
      ...(note && { note }),
      eventType: leader.eventType,
      eventId: leader.eventId,
      detail: [leader, ...followers].map((r) => detailOf(r, language)),
    };
  });

  const count = (kind: HistoryKind) => items.filter((i) => i.kind === kind).length;
  return {
    items,
    stages: summaries(items, groups, language),
    kinds: HISTORY_KINDS.map((kind) => ({ kind, label: kindWords(kind, language), count: count(kind) })),
    records: records.length,
  };
}

/** The rows of the given kinds only (all of them when none is given). */
export function ofKinds(items: HistoryItem[], kinds: readonly HistoryKind[] | undefined): HistoryItem[] {
  return kinds?.length ? items.filter((i) => kinds.includes(i.kind)) : items;
}
