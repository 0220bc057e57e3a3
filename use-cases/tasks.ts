import { appendAuditEntry } from '../db/audit-log';
import { claimTask, findTask, inboxTasks, releaseTask, taskById } from '../db/tasks';
import { findCaseStatus } from '../db/cases';
import { usernames } from '../db/users';
import { voteOf } from '../db/votes';
import type { StaffUser } from '../domain/access';
import { canActOnTask, groupsOf, mustRecuse } from '../domain/access';
import type { AppError } from '../domain/errors';
import { conflict, forbidden, notFound, unprocessable } from '../domain/errors';
import type { CaseStatus } from '../domain/statuses';
import type { TaskKind } from '../domain/tasks';
import { isDecisionOf } from '../domain/tasks';
import { committeeCampaignsOf } from './case-access';
import type { UseCaseDeps } from './deps';

export interface InboxQuery {
  q?: string;
  kind?: string;
  field?: string;
  campaignId?: string;
  overdue?: 'true' | 'false';
  claimed?: 'mine' | 'none';
}

/** Open tasks the user may act on, soonest due first, with the names of whoever claimed them. */
export async function inbox({ db }: UseCaseDeps, user: StaffUser, q: InboxQuery) {
  const tasks = await inboxTasks(db, {
    groups: groupsOf(user).filter((g) => g !== 'committee'),
    servedCampaigns: user.campaigns,
    committeeCampaigns: await committeeCampaignsOf(db, user),
    withEscalated: user.roles.includes('secretariat'),
    excludeVotedBy: user.roles.includes('committee') ? user.id : undefined,
    notOfUnit: user.unit,
    q: q.q,
    kind: q.kind,
    field: q.field,
    campaignId: q.campaignId,
    overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
    claimedBy: q.claimed === 'mine' ? user.id : q.claimed === 'none' ? null : undefined,
    now: new Date(),
  });
  return { tasks, claimers: await usernames(db, tasks.map((t) => t.claimedBy)) };
}

async function actionableTask({ db }: UseCaseDeps, user: StaffUser, id: string) {
  const task = await findTask(db, id);
  if (!task || !canActOnTask(user, task, await committeeCampaignsOf(db, user))) throw notFound();
  return task;
}

/** Refuses, and records, what the rules forbid before the workflow is even asked. */
async function refuseAttempt({ db }: UseCaseDeps, user: StaffUser, task: { id: string; caseId: string; kind: string }, error: AppError): Promise<never> {
  await appendAuditEntry(db, { actorId: user.id, action: 'decision-refused', caseId: task.caseId, details: { taskId: task.id, kind: task.kind, roles: user.roles, code: error.code } });
  throw error;
}

export async function claim(deps: UseCaseDeps, user: StaffUser, id: string) {
  const task = await actionableTask(deps, user, id);
  if (mustRecuse(user, task.case)) await refuseAttempt(deps, user, task, forbidden('conflict-of-interest'));
  if (!(await claimTask(deps.db, task.id, user.id, new Date()))) throw conflict(task.status === 'open' ? 'claimed-by-other' : 'task-not-open');
  return taskById(deps.db, task.id);
}

export async function release(deps: UseCaseDeps, user: StaffUser, id: string) {
  const task = await actionableTask(deps, user, id);
  if (mustRecuse(user, task.case)) await refuseAttempt(deps, user, task, forbidden('conflict-of-interest'));
  if (task.status !== 'open') throw conflict('task-not-open');
  if (!(await releaseTask(deps.db, task.id, user.id)) && task.claimedBy !== null) throw conflict('not-claimed-by-you');
  return taskById(deps.db, task.id);
}

export interface Decision {
  decision: string;
  comment?: string;
  note?: string;
  score?: number;
  awardsVerified?: boolean;
}

/**
 * A reviewer's decision on a task: checked here first, then by the case's workflow, which carries
 * it out and audits it in the same transaction as the step. A retried request (same request id)
 * whose decision is already recorded is answered as done, never as a conflict with itself.
 */
export async function complete(deps: UseCaseDeps, user: StaffUser, id: string, body: Decision, requestId?: string) {
  const task = await actionableTask(deps, user, id);
  const vote = task.kind === 'committee-review' ? await voteOf(deps.db, task.id, user.id) : null;
  if (requestId && alreadyDecided(task, vote, user, body.decision)) {
    const kase = await findCaseStatus(deps.db, task.caseId);
    return { task: await taskById(deps.db, task.id), caseStatus: kase!.status as CaseStatus };
  }
  if (mustRecuse(user, task.case)) await refuseAttempt(deps, user, task, forbidden('conflict-of-interest'));
  if (task.status !== 'open') throw conflict('task-not-open');
  // Committee tasks are decided by several members in turn: a claim marks interest, not exclusivity.
  if (task.claimedBy && task.claimedBy !== user.id && task.kind !== 'committee-review') throw conflict('claimed-by-other');
  if (!isDecisionOf(task.kind as TaskKind, body.decision)) await refuseAttempt(deps, user, task, unprocessable('decision-not-allowed'));
  if (vote) await refuseAttempt(deps, user, task, conflict('already-scored'));
  const reply = await deps.cases.completeTask(
    task.caseId,
    { taskId: task.id, ...body, actor: { id: user.id, username: user.username } },
    { actorId: user.id, attempt: 'decision', details: { taskId: task.id, kind: task.kind, roles: user.roles } },
    requestId,
  );
  return { task: await taskById(deps.db, task.id), caseStatus: reply.caseStatus };
}

/** This user's same decision on the task is recorded: their vote, or the task closed by them. */
function alreadyDecided(task: { kind: string; status: string; decision: string | null; decidedBy: string | null }, vote: { decision: string } | null, user: StaffUser, decision: string): boolean {
  if (task.kind === 'committee-review') return vote?.decision === decision;
  return task.status === 'completed' && task.decidedBy === user.id && task.decision === decision;
}
