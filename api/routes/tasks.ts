import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { Db } from '../../db/client';
import { completeTaskBody, inboxQuery } from '../../domain/schemas';
import type { TaskKind } from '../../domain/tasks';
import { isDecisionOf } from '../../domain/tasks';
import { completeTaskUpdate } from '../../workflows/contract';
import { canActOnTask, groupsOf, mustRecuse } from '../../domain/access';
import { appendAudit } from '../audit';
import { claimerNames, maskedPhoneOf, taskView } from '../cases';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../domain/errors';
import { currentUser } from '../http/authenticate';
import type { StaffUser } from '../../domain/access';
import { noBody, parse } from '../http/validate';
import { callWorkflow } from '../workflow-calls';

export function taskRoutes({ db, temporal }: { db: Db; temporal: Client }): Router {
  const router = Router();

  async function actionableTask(user: StaffUser, id: string) {
    const task = await db.task.findUnique({ where: { id }, include: { case: { select: { recommendingUnit: true, workflowId: true } } } });
    if (!task || !canActOnTask(user, task)) throw notFound();
    return task;
  }

  /** Refuses, and records, what the rules forbid before the workflow is even asked. */
  async function refuseAttempt(user: StaffUser, task: { id: string; caseId: string; kind: string }, error: AppError): Promise<never> {
    await appendAudit(db, { actorId: user.id, action: 'decision-refused', caseId: task.caseId, details: { taskId: task.id, kind: task.kind, roles: user.roles, code: error.code } });
    throw error;
  }

  router.get('/api/inbox', async (req, res) => {
    const user = currentUser(req);
    const q = parse(inboxQuery, req.query, 'query');
    const voted = user.roles.includes('committee')
      ? (await db.committeeVote.findMany({ where: { memberId: user.id }, select: { taskId: true } })).map((v) => v.taskId)
      : [];
    const tasks = await db.task.findMany({
      where: {
        status: 'open',
        OR: [{ candidateGroup: { in: groupsOf(user) } }, ...(user.roles.includes('secretariat') ? [{ escalatedAt: { not: null } }] : [])],
        ...(voted.length && { id: { notIn: voted } }),
        ...(user.unit && { case: { recommendingUnit: { not: user.unit } } }),
        ...(q.kind && { kind: q.kind }),
        ...(q.field && { field: q.field }),
        ...(q.campaignId && { campaignId: q.campaignId }),
        ...(q.overdue === 'true' && { dueAt: { lt: new Date() } }),
        ...(q.overdue === 'false' && { dueAt: { gte: new Date() } }),
        ...(q.claimed === 'mine' && { claimedBy: user.id }),
        ...(q.claimed === 'none' && { claimedBy: null }),
      },
      // Soonest due first; among equals, media awards first (the notice's priority for the shortlist).
      orderBy: [{ dueAt: 'asc' }, { priority: 'desc' }, { createdAt: 'asc' }],
      include: { case: { select: { form: true } } },
      take: 500,
    });
    const claimers = await claimerNames(db, tasks);
    res.json({ tasks: tasks.map(({ case: kase, ...t }) => ({ ...taskView(t, claimers), phone: maskedPhoneOf(kase.form) })) });
  });

  router.post('/api/tasks/:id/claim', async (req, res) => {
    const user = currentUser(req);
    const task = await actionableTask(user, req.params.id);
    noBody(req.body);
    if (mustRecuse(user, task.case)) await refuseAttempt(user, task, forbidden('conflict-of-interest'));
    const claimed = await db.task.updateMany({
      where: { id: task.id, status: 'open', OR: [{ claimedBy: null }, { claimedBy: user.id }] },
      data: { claimedBy: user.id, claimedAt: new Date() },
    });
    if (claimed.count === 0) throw conflict(task.status === 'open' ? 'claimed-by-other' : 'task-not-open');
    res.json({ task: taskView(await db.task.findUniqueOrThrow({ where: { id: task.id } })) });
  });

  router.post('/api/tasks/:id/release', async (req, res) => {
    const user = currentUser(req);
    const task = await actionableTask(user, req.params.id);
    noBody(req.body);
    if (mustRecuse(user, task.case)) await refuseAttempt(user, task, forbidden('conflict-of-interest'));
    if (task.status !== 'open') throw conflict('task-not-open');
    const released = await db.task.updateMany({ where: { id: task.id, claimedBy: user.id }, data: { claimedBy: null, claimedAt: null } });
    if (released.count === 0 && task.claimedBy !== null) throw conflict('not-claimed-by-you');
    res.json({ task: taskView(await db.task.findUniqueOrThrow({ where: { id: task.id } })) });
  });

  router.post('/api/tasks/:id/complete', async (req, res) => {
    const user = currentUser(req);
    const task = await actionableTask(user, req.params.id);
    const body = parse(completeTaskBody, req.body);
    if (mustRecuse(user, task.case)) await refuseAttempt(user, task, forbidden('conflict-of-interest'));
    if (task.status !== 'open') throw conflict('task-not-open');
    // Committee tasks are decided by several members in turn: a claim marks interest, not exclusivity.
    if (task.claimedBy && task.claimedBy !== user.id && task.kind !== 'committee-review') throw conflict('claimed-by-other');
    if (!isDecisionOf(task.kind as TaskKind, body.decision)) await refuseAttempt(user, task, unprocessable('decision-not-allowed'));
    if (task.kind === 'committee-review' && (await db.committeeVote.findUnique({ where: { taskId_memberId: { taskId: task.id, memberId: user.id } } })))
      await refuseAttempt(user, task, conflict('already-scored'));
    const reply = await callWorkflow(() =>
      temporal.workflow.getHandle(task.case.workflowId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: task.id, ...body, actor: { id: user.id, username: user.username } }],
      }),
    ).catch((err: unknown) => (err instanceof AppError ? refuseAttempt(user, task, err) : Promise.reject(err)));
    await appendAudit(db, { actorId: user.id, action: 'decision', caseId: task.caseId, details: { taskId: task.id, kind: task.kind, roles: user.roles, ...body } });
    res.json({ task: taskView(await db.task.findUniqueOrThrow({ where: { id: task.id } })), caseStatus: reply.caseStatus });
  });

  return router;
}
