import type { CaseStep } from '../workflows/contract';
import { canonicalJson } from '../db/audit-log';
import type { CaseProjection } from '../db/case-projection';
import { isStepActivity } from './case-activity-names';
import type { DecodedEvent } from './history-events';
import type { ReplayTrace } from './replay';

// What a replay proves beyond determinism. Temporal's replay compares the commands the code makes
// (which activity, which timer) with the history, not their arguments; so the steps the code
// computes are compared with the steps the history recorded, and with the database they wrote.

export interface ReplayedTask {
  id: string;
  kind: string;
  status: 'open' | 'completed' | 'cancelled';
  decision: string | null;
  comment: string | null;
  score: number | null;
  decidedBy: string | null;
}

/** The case's projection as the replayed steps write it (mirroring activities/case-activities.ts writeStep). */
export interface ReplayedCase {
  status: string | null;
  lastSeq: number;
  score: number | null;
  rank: number | null;
  timeline: { seq: number; status: string; note: string | null; actorId: string | null }[];
  tasks: Map<string, ReplayedTask>;
  votes: { taskId: string; memberId: string; decision: string; score: number | null }[];
}

export function reconstructCase(trace: ReplayTrace): ReplayedCase {
  const state: ReplayedCase = { status: null, lastSeq: 0, score: null, rank: null, timeline: [], tasks: new Map(), votes: [] };
  for (const s of trace.steps) {
    if (s.seq <= state.lastSeq) continue;
    state.status = s.status;
    state.lastSeq = s.seq;
    if (s.score !== undefined) state.score = s.score;
    if (s.rank !== undefined) state.rank = s.rank;
    state.timeline.push({ seq: s.seq, status: s.status, note: s.note ?? null, actorId: s.actorId ?? null });
    const c = s.closeTask;
    const open = (id: string) => state.tasks.get(id)?.status === 'open';
    if (c && open(c.taskId))
      Object.assign(state.tasks.get(c.taskId)!, {
        status: c.outcome,
        decision: c.decision ?? null,
        comment: c.comment ?? null,
        score: c.score ?? null,
        decidedBy: c.decidedBy ?? null,
      });
    for (const id of s.cancelTasks ?? []) if (open(id)) state.tasks.get(id)!.status = 'cancelled';
    if (s.openTask)
      state.tasks.set(s.openTask.taskId, { id: s.openTask.taskId, kind: s.openTask.kind, status: 'open', decision: null, comment: null, score: null, decidedBy: null });
  }
  state.votes = trace.votes.map((v) => ({ taskId: v.taskId, memberId: v.memberId, decision: v.decision, score: v.score ?? null }));
  return state;
}

/** The case as the database holds it. */
export type CaseRecord = CaseProjection;

export interface Disagreement {
  /** Which record the replay disagrees with. */
  against: 'database' | 'history';
  /** What differs, e.g. `status`, `timeline[3].status`, `task t2.decision`. */
  subject: string;
  replayed: unknown;
  recorded: unknown;
}

const same = (a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 1e-9 : canonicalJson(a ?? null) === canonicalJson(b ?? null);

export function compareWithDatabase(replayed: ReplayedCase, record: CaseRecord): Disagreement[] {
  const out: Disagreement[] = [];
  const check = (subject: string, r: unknown, d: unknown) => {
    if (!same(r, d)) out.push({ against: 'database', subject, replayed: r ?? null, recorded: d ?? null });
  };
  // A case whose workflow has recorded nothing yet is as the API stored it.
  if (replayed.lastSeq > 0) check('status', replayed.status, record.status);
  check('lastSeq', replayed.lastSeq, record.lastSeq);
  check('score', replayed.score, record.score);
  check('rank', replayed.rank, record.rank);

  const timeline = new Map(record.timeline.map((t) => [t.seq, t]));
  for (const t of replayed.timeline) {
    const d = timeline.get(t.seq);
    if (!d) {
      check(`timeline[${t.seq}]`, t, null);
      continue;
    }
    timeline.delete(t.seq);
    for (const key of ['status', 'note', 'actorId'] as const) check(`timeline[${t.seq}].${key}`, t[key], d[key]);
  }
  for (const d of timeline.values()) check(`timeline[${d.seq}]`, null, d);

  const tasks = new Map(record.tasks.map((t) => [t.id, t]));
  for (const t of replayed.tasks.values()) {
    const d = tasks.get(t.id);
    if (!d) {
      check(`task ${t.id}`, t, null);
      continue;
    }
    tasks.delete(t.id);
    for (const key of ['kind', 'status', 'decision', 'comment', 'score', 'decidedBy'] as const) check(`task ${t.id}.${key}`, t[key], d[key]);
  }
  for (const d of tasks.values()) check(`task ${d.id}`, null, d);

  const key = (v: { taskId: string; memberId: string }) => `${v.taskId}/${v.memberId}`;
  const votes = new Map(record.votes.map((v) => [key(v), v]));
  for (const v of replayed.votes) {
    const d = votes.get(key(v));
    votes.delete(key(v));
    check(`vote ${key(v)}`, v, d ?? null);
  }
  for (const d of votes.values()) check(`vote ${key(d)}`, null, d);
  return out;
}

/** The steps as the history recorded them: inputs of the step activities that completed. */
export function recordedSteps(events: DecodedEvent[]): CaseStep[] {
  const scheduled = new Map(events.filter((e) => e.type === 'ActivityTaskScheduled').map((e) => [e.id, e]));
  return events
    .filter((e) => e.type === 'ActivityTaskCompleted')
    .map((e) => scheduled.get(e.scheduledEventId ?? -1))
    .filter((s): s is DecodedEvent => s !== undefined && isStepActivity(s.activityType))
    .map((s) => s.input?.[0] as CaseStep);
}

/** Whether the code, replayed, computes the steps and the outcome the history recorded. */
export function compareWithHistory(trace: ReplayTrace, events: DecodedEvent[]): Disagreement[] {
  const out: Disagreement[] = [];
  const recorded = recordedSteps(events);
  const n = Math.max(recorded.length, trace.steps.length);
  for (let i = 0; i < n; i++) {
    const r = trace.steps[i];
    const h = recorded[i];
    if (!same(r, h)) out.push({ against: 'history', subject: `step ${h?.seq ?? r?.seq}`, replayed: r ?? null, recorded: h ?? null });
  }
  const completed = events.find((e) => e.type === 'WorkflowExecutionCompleted');
  if (completed && !same(trace.ended?.result, completed.result))
    out.push({ against: 'history', subject: 'result', replayed: trace.ended?.result ?? null, recorded: completed.result ?? null });
  return out;
}
