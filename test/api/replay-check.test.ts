import { decodeHistory, payloadDecoder } from '../../audit/history-events';
import type { ReplayTrace } from '../../audit/replay';
import type { CaseRecord } from '../../audit/replay-check';
import { compareWithDatabase, compareWithHistory, reconstructCase, recordedSteps } from '../../audit/replay-check';
import { committedHistories } from '../histories/committed';

// The state a replay reconstructs, checked against the database's projection and the history.

async function traceOf(path: string): Promise<{ trace: ReplayTrace; events: Awaited<ReturnType<typeof decodeHistory>> }> {
  const h = committedHistories().find((x) => x.path === path)!;
  const events = await decodeHistory(h.history, payloadDecoder());
  const votes = events.filter((e) => e.type === 'ActivityTaskScheduled' && e.activityType === 'recordVote').map((e) => e.input![0] as ReplayTrace['votes'][number]);
  const completed = events.find((e) => e.type === 'WorkflowExecutionCompleted');
  return { trace: { steps: recordedSteps(events), votes, compensations: [], ended: completed && { outcome: 'completed', result: completed.result } }, events };
}

/** The database as the activities would have written it from these steps. */
function recordOf(trace: ReplayTrace): CaseRecord {
  const r = reconstructCase(trace);
  return { status: r.status!, lastSeq: r.lastSeq, score: r.score, rank: r.rank, timeline: r.timeline.map((t) => ({ ...t })), tasks: [...r.tasks.values()].map((t) => ({ ...t })), votes: r.votes.map((v) => ({ ...v })) };
}

test('the replayed state of an announced case carries its status, score, rank, every task decision and the vote', async () => {
  const { trace } = await traceOf('announced');
  const state = reconstructCase(trace);
  // Eight steps: the four reviews, the selection pool, the notice, its end and the announcement.
  expect(state).toMatchObject({ status: 'announced', lastSeq: 8, score: 91, rank: 1 });
  expect(state.timeline.map((t) => t.status).slice(-3)).toEqual(['public-notice', 'notice-ended', 'announced']);
  expect([...state.tasks.values()].map((t) => [t.kind, t.status, t.decision, t.decidedBy])).toEqual([
    ['seal-check', 'completed', 'approve', 'u-secretariat'],
    ['field-review', 'completed', 'pass', 'u-wg-catering'],
    ['branch-shortlist', 'completed', 'shortlist', 'u-branch-catering'],
    ['committee-review', 'completed', 'approve', 'u-committee1'],
  ]);
  expect(state.votes).toEqual([{ taskId: 'hist-announced.t4', memberId: 'u-committee1', decision: 'approve', score: 91 }]);
});

test('a database that holds what the steps wrote agrees with the replay', async () => {
  const { trace } = await traceOf('objection-upheld');
  expect(compareWithDatabase(reconstructCase(trace), recordOf(trace))).toEqual([]);
});

test('an edited status, an edited decision, a missing vote and a timeline row no step wrote are each reported', async () => {
  const { trace } = await traceOf('rejected-at-committee-review');
  const record = recordOf(trace);
  record.status = 'committee-review';
  record.tasks.find((t) => t.kind === 'field-review')!.decision = 'reject';
  record.votes = [];
  record.timeline.push({ seq: 99, status: 'announced', note: null, actorId: null });
  const subjects = compareWithDatabase(reconstructCase(trace), record).map((d) => [d.subject, d.replayed, d.recorded]);
  expect(subjects).toEqual([
    ['status', 'rejected', 'committee-review'],
    ['timeline[99]', null, { seq: 99, status: 'announced', note: null, actorId: null }],
    ['task hist-rejected-at-committee-review.t2.decision', 'pass', 'reject'],
    ['vote hist-rejected-at-committee-review.t4/u-committee1', { taskId: 'hist-rejected-at-committee-review.t4', memberId: 'u-committee1', decision: 'reject', score: null }, null],
  ]);
});

test('a replay that computes another outcome than the recorded one disagrees with the history', async () => {
  const { trace, events } = await traceOf('withdrawn-during-review');
  expect(compareWithHistory(trace, events)).toEqual([]);
  const changed: ReplayTrace = { ...trace, steps: trace.steps.map((s, i) => (i === trace.steps.length - 1 ? { ...s, note: 'another reason' } : s)), ended: { outcome: 'completed', result: 'rejected' } };
  expect(compareWithHistory(changed, events).map((d) => d.subject)).toEqual([`step ${trace.steps.at(-1)!.seq}`, 'result']);
});
