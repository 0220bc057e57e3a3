import type { WorkflowHandle } from '@temporalio/client';
import { QueryNotRegisteredError } from '@temporalio/client';
import type { CaseStatus } from '../../domain/statuses';
import {
  caseStatusQuery,
  committeeOutcomeSignal,
  completeTaskUpdate,
  announceSignal,
  deadlinesChangedSignal,
  eligibilityReviewUpdate,
  lodgeObjectionUpdate,
  promotedSignal,
  reportFraudUpdate,
  sealedFormResubmittedUpdate,
  withdrawUpdate,
} from '../../workflows/contract';
import type { Actor, NominationInput } from '../../workflows/contract';
import type { nominationWorkflow } from '../../workflows/nomination';
import type { FakeOptions } from '../support/fake-case-activities';

// Every path a case can take, driven against the real workflow code on a real Temporal server.
// The people, comments and ids are made up: these runs become committed histories.

export type CaseHandle = WorkflowHandle<typeof nominationWorkflow>;

export interface Scenario {
  /** File name under test/histories/, and the path's name in reports. */
  name: string;
  description: string;
  /** The status the case ends in (or rests in, for an announced case that stays open). */
  expectedStatus: CaseStatus;
  /** True when the workflow stays open at the end: an announced case waits for later fraud findings. */
  staysOpen?: boolean;
  options?: (now: number) => FakeOptions;
  /** The channel the nomination came through: organisation unless said. */
  channel?: NominationInput['channel'];
  drive: (h: CaseHandle) => Promise<void>;
}

const secretariat: Actor = { id: 'u-secretariat', username: 'secretariat' };
const workingGroup: Actor = { id: 'u-wg-catering', username: 'wg-catering' };
const branch: Actor = { id: 'u-branch-catering', username: 'branch-catering' };
const committee: Actor = { id: 'u-committee1', username: 'committee1' };
const unit: Actor = { id: 'u-assoc-1', username: 'assoc-1' };

const REVIEW_KINDS = ['seal-check', 'field-review', 'branch-shortlist', 'committee-review'];
/** Timers run on the real clock here: notice periods and deadlines of a few seconds. */
const SHORT_MS = 2_000;

/** Waits for the workflow's own answer, asked again until it holds: the workflow moves on its own. */
async function until<T>(read: () => Promise<T>, check: (v: T) => boolean): Promise<T> {
  for (;;) {
    try {
      const v = await read();
      if (check(v)) return v;
    } catch (err) {
      // A workflow variant may do something else before it sets its handlers.
      if (!(err instanceof QueryNotRegisteredError)) throw err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function openTask(h: CaseHandle, kinds: string[] = REVIEW_KINDS) {
  const snapshot = await until(
    () => h.query(caseStatusQuery),
    (s) => s.steps > 0 && s.openTasks.some((t) => kinds.includes(t.kind)),
  );
  return snapshot.openTasks.find((t) => kinds.includes(t.kind))!;
}

export async function statusReaches(h: CaseHandle, status: CaseStatus) {
  await until(() => h.query(caseStatusQuery), (s) => s.status === status);
}

export async function decide(h: CaseHandle, actor: Actor, decision: string, extra: { comment?: string; note?: string; score?: number; awardsVerified?: boolean } = {}) {
  const task = await openTask(h);
  return h.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, decision, actor, ...extra }] });
}

async function passToSelection(h: CaseHandle) {
  await decide(h, secretariat, 'approve', { comment: '盖章材料齐全' });
  await decide(h, workingGroup, 'pass', { comment: '事迹属实，符合推荐条件', awardsVerified: true });
  await decide(h, branch, 'shortlist', { comment: '同意入围' });
  await decide(h, committee, 'approve', { score: 91, comment: '事迹突出' });
}

function soon(ms = SHORT_MS) {
  return new Date(Date.now() + ms).toISOString();
}

async function toNotice(h: CaseHandle, noticeMs = SHORT_MS) {
  await passToSelection(h);
  await h.signal(committeeOutcomeSignal, { selected: true, rank: 1, noticeEndsAt: soon(noticeMs) });
  await statusReaches(h, 'public-notice');
}

/** The notice ends; the secretariat's announcement reaches the case. */
async function announced(h: CaseHandle) {
  await statusReaches(h, 'notice-ended');
  await h.signal(announceSignal, { announcedAt: new Date().toISOString() });
  await statusReaches(h, 'announced');
}

async function fraudUpheld(h: CaseHandle, reportId: string, comment: string) {
  const { taskId } = await h.executeUpdate(reportFraudUpdate, { args: [{ reportId, actor: workingGroup }] });
  return h.executeUpdate(completeTaskUpdate, { args: [{ taskId, decision: 'uphold', comment, actor: secretariat }] });
}

const rejectedAt = (step: 'seal-check' | 'field-review' | 'branch-shortlist' | 'committee-review'): Scenario => ({
  name: `rejected-at-${step}`,
  description: `rejected at ${step}`,
  expectedStatus: 'rejected',
  async drive(h) {
    const before: [Actor, string, { score?: number }][] = [
      [secretariat, 'approve', {}],
      [workingGroup, 'pass', {}],
      [branch, 'shortlist', {}],
    ];
    const at = REVIEW_KINDS.indexOf(step);
    for (const [actor, d, extra] of before.slice(0, at)) await decide(h, actor, d, extra);
    const reviewer = [secretariat, workingGroup, branch, committee][at];
    await decide(h, reviewer, 'reject', { comment: '申报材料不完整' });
    await h.result();
  },
});

export const SCENARIOS: Scenario[] = [
  {
    name: 'announced',
    description: 'every review passed, selected, noticed, the notice ended, announced on the date the secretariat chose',
    expectedStatus: 'announced',
    staysOpen: true,
    async drive(h) {
      await toNotice(h);
      await announced(h);
    },
  },
  {
    name: 'branch-nomination-announced',
    description: 'a branch’s own nomination: from the seal check straight to the committee, selected, noticed, announced',
    expectedStatus: 'announced',
    staysOpen: true,
    channel: 'branch',
    async drive(h) {
      await decide(h, secretariat, 'approve', { comment: '盖章材料齐全' });
      await decide(h, committee, 'approve', { score: 88, comment: '事迹突出' });
      await h.signal(committeeOutcomeSignal, { selected: true, rank: 2, noticeEndsAt: soon() });
      await announced(h);
    },
  },
  {
    name: 'ineligible-after-import',
    description: 'an earlier honouree found by a registry import during review: ruled ineligible, compensations run, disqualified',
    expectedStatus: 'disqualified',
    async drive(h) {
      await decide(h, secretariat, 'approve');
      await decide(h, workingGroup, 'pass', { awardsVerified: true });
      await openTask(h);
      const { taskId } = await h.executeUpdate(eligibilityReviewUpdate, { args: [{ reviewId: 'e-registry' }] });
      await h.executeUpdate(completeTaskUpdate, { args: [{ taskId, decision: 'ineligible', note: '2022年度已获表彰', actor: secretariat }] });
      await h.result();
    },
  },
  rejectedAt('seal-check'),
  rejectedAt('field-review'),
  rejectedAt('branch-shortlist'),
  rejectedAt('committee-review'),
  {
    name: 'committee-majority-against',
    description: 'a committee of three, two against: rejected',
    expectedStatus: 'rejected',
    options: () => ({ settings: { committeeQuorum: 3 } }),
    async drive(h) {
      await decide(h, secretariat, 'approve');
      await decide(h, workingGroup, 'pass');
      await decide(h, branch, 'shortlist');
      const task = await openTask(h);
      const vote = (id: string, decision: string, score?: number) =>
        h.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, decision, score, actor: { id: `u-${id}`, username: id } }] });
      await vote('committee1', 'approve', 88);
      await vote('committee2', 'reject');
      await vote('committee3', 'reject');
      await h.result();
    },
  },
  {
    name: 'resubmitted-then-rejected',
    description: 'sealed form resubmitted on request, then rejected at field review',
    expectedStatus: 'rejected',
    async drive(h) {
      await decide(h, secretariat, 'request-resubmission', { comment: '公章不清晰' });
      await h.executeUpdate(sealedFormResubmittedUpdate, { args: [{ sealedFormId: 'f-resubmitted' }] });
      await decide(h, secretariat, 'approve');
      await decide(h, workingGroup, 'reject', { comment: '不符合推荐条件' });
      await h.result();
    },
  },
  {
    name: 'expired',
    description: 'resubmission requested, submission deadline passed: expired',
    expectedStatus: 'expired',
    options: (now) => ({ settings: { submissionDeadline: new Date(now + 4 * SHORT_MS).toISOString() } }),
    async drive(h) {
      await decide(h, secretariat, 'request-resubmission', { comment: '公章不清晰' });
      await h.result();
    },
  },
  {
    name: 'expired-after-deadline-brought-forward',
    description: 'resubmission requested, deadline brought forward by the secretariat, then passed: expired',
    expectedStatus: 'expired',
    options: (now) => ({ settings: { submissionDeadline: new Date(now + 3_600_000).toISOString() } }),
    async drive(h) {
      await decide(h, secretariat, 'request-resubmission');
      await h.signal(deadlinesChangedSignal, { submissionDeadline: soon(), reviewDeadline: soon(3_600_000), version: 2 });
      await h.result();
    },
  },
  {
    name: 'withdrawn-during-review',
    description: 'withdrawn by the recommending unit during field review',
    expectedStatus: 'withdrawn',
    async drive(h) {
      await decide(h, secretariat, 'approve');
      await openTask(h);
      await h.executeUpdate(withdrawUpdate, { args: [{ actor: unit, reason: '候选人调离本单位' }] });
      await h.result();
    },
  },
  {
    name: 'withdrawn-during-notice',
    description: 'withdrawn during the public notice: notice entry and winner slot undone',
    expectedStatus: 'withdrawn',
    async drive(h) {
      await toNotice(h, 3_600_000);
      await h.executeUpdate(withdrawUpdate, { args: [{ actor: unit, reason: '本人申请撤回' }] });
      await h.result();
    },
  },
  {
    name: 'not-selected',
    description: 'approved, not selected by the committee round, reserve until the notice ends',
    expectedStatus: 'not-selected',
    async drive(h) {
      await passToSelection(h);
      await h.signal(committeeOutcomeSignal, { selected: false, rank: 101, noticeEndsAt: soon() });
      await h.result();
    },
  },
  {
    name: 'not-selected-round-closed',
    description: 'approved after the committee round closed: not selected at once',
    expectedStatus: 'not-selected',
    options: () => ({ roundClosed: true }),
    async drive(h) {
      await passToSelection(h);
      await h.result();
    },
  },
  {
    name: 'promoted-from-reserve',
    description: 'not selected, promoted when a winner was revoked, noticed and announced',
    expectedStatus: 'announced',
    staysOpen: true,
    async drive(h) {
      await passToSelection(h);
      await h.signal(committeeOutcomeSignal, { selected: false, rank: 4, noticeEndsAt: soon(3_600_000) });
      await statusReaches(h, 'not-selected');
      await h.signal(promotedSignal, { rank: 3, noticeEndsAt: soon() });
      await announced(h);
    },
  },
  {
    name: 'objection-dismissed',
    description: 'an objection during the notice, dismissed: announced',
    expectedStatus: 'announced',
    staysOpen: true,
    async drive(h) {
      await toNotice(h, 4 * SHORT_MS);
      const { taskId } = await h.executeUpdate(lodgeObjectionUpdate, { args: [{ objectionId: 'o-dismissed' }] });
      await h.executeUpdate(completeTaskUpdate, { args: [{ taskId, decision: 'dismiss', comment: '经核实无据', note: '异议人未提供证据', actor: secretariat }] });
      await announced(h);
    },
  },
  {
    name: 'objection-upheld',
    description: 'an objection during the notice, upheld: compensations run, disqualified',
    expectedStatus: 'disqualified',
    async drive(h) {
      await toNotice(h, 3_600_000);
      const { taskId } = await h.executeUpdate(lodgeObjectionUpdate, { args: [{ objectionId: 'o-upheld' }] });
      await h.executeUpdate(completeTaskUpdate, { args: [{ taskId, decision: 'uphold', comment: '经核实异议属实', actor: secretariat }] });
      await h.result();
    },
  },
  {
    name: 'disqualified-after-announcement',
    description: 'fraud upheld after the announcement: every step undone in reverse order, disqualified',
    expectedStatus: 'disqualified',
    async drive(h) {
      await toNotice(h);
      await announced(h);
      await fraudUpheld(h, 'r-after-announcement', '材料造假');
      await h.result();
    },
  },
  {
    name: 'fraud-dismissed-then-rejected',
    description: 'a fraud report during review, dismissed; the case goes on and is rejected',
    expectedStatus: 'rejected',
    async drive(h) {
      await openTask(h);
      const { taskId } = await h.executeUpdate(reportFraudUpdate, { args: [{ reportId: 'r-dismissed', actor: workingGroup }] });
      await h.executeUpdate(completeTaskUpdate, { args: [{ taskId, decision: 'dismiss', comment: '举报不实', actor: secretariat }] });
      await decide(h, secretariat, 'approve');
      await decide(h, workingGroup, 'reject');
      await h.result();
    },
  },
  {
    name: 'compensation-incident',
    description: 'fraud upheld during the notice, a compensation keeps failing: incident resolved by hand, disqualified',
    expectedStatus: 'disqualified',
    options: () => ({ failCompensation: { 'withdraw-notice': Infinity } }),
    async drive(h) {
      await toNotice(h, 3_600_000);
      await fraudUpheld(h, 'r-incident', '举报属实');
      const incident = await openTask(h, ['compensation-incident']);
      await h.executeUpdate(completeTaskUpdate, { args: [{ taskId: incident.id, decision: 'resolved', comment: '已人工撤下公示', actor: secretariat }] });
      await h.result();
    },
  },
];
