import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { Db } from '../../db/client';
import { completeTaskBody, inboxQuery } from '../../domain/schemas';
import type { TaskKind } from '../../domain/tasks';
import { isDecisionOf } from '../../domain/tasks';
import { completeTaskUpdate } from '../../workflows/messages';
import { canActOnTask, groupsOf } from '../access';
import { taskView } from '../cases';
import { conflict, notFound, unprocessable } from '../errors';
import { currentUser } from '../principal';
import type { StaffUser } from '../principal';
import { parse } from '../validate';
import { callWorkflow } from '../workflow-calls';

export function taskRoutes({ db, temporal }: { db: Db; temporal: Client }): Router {
  const router = Router();

  async function actionableTask(user: StaffUser, id: string) {
    const task = await db.task.findUnique({ where: { id } });
    if (!task || !canActOnTask(user, task)) throw notFound();
    return task;
  }

  router.get('/api/inbox', async (req, res) => {
    const user = currentUser(req);
    const q = parse(inboxQuery, req.query, 'query');
    const tasks = await db.task.findMany({
      where: {
        status: 'open',
        candidateGroup: { in: groupsOf(user) },
        ...(q.kind && { kind: q.kind }),
        ...(q.field && { field: q.field }),
        ...(q.campaignId && { campaignId: q.campaignId }),
        ...(q.overdue === 'true' && { dueAt: { lt: new Date() } }),
        ...(q.overdue === 'false' && { dueAt: { gte: new Date() } }),
        ...(q.claimed === 'mine' && { claimedBy: user.id }),
        ...(q.claimed === 'none' && { claimedBy: null }),
      },
      orderBy: [{ dueAt: 'asc' }, { createdAt: 'asc' }],
      take: 500,
    });
    res.json({ tasks: tasks.map(taskView) });
  });

  router.post('/api/tasks/:id/claim', async (req, res) => {
    const user = currentUser(req);
    const task = await actionableTask(user, req.params.id);
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
    if (task.status !== 'open') throw conflict('task-not-open');
    const released = await db.task.updateMany({ where: { id: task.id, claimedBy: user.id }, data: { claimedBy: null, claimedAt: null } });
    if (released.count === 0 && task.claimedBy !== null) throw conflict('not-claimed-by-you');
    res.json({ task: taskView(await db.task.findUniqueOrThrow({ where: { id: task.id } })) });
  });

  router.post('/api/tasks/:id/complete', async (req, res) => {
    const user = currentUser(req);
    const task = await actionableTask(user, req.params.id);
    const body = parse(completeTaskBody, req.body);
    if (task.status !== 'open') throw conflict('task-not-open');
    if (task.claimedBy && task.claimedBy !== user.id) throw conflict('claimed-by-other');
    if (!isDecisionOf(task.kind as TaskKind, body.decision)) throw unprocessable('decision-not-allowed');
    const kase = await db.case.findUniqueOrThrow({ where: { id: task.caseId }, select: { workflowId: true } });
    const reply = await callWorkflow(() =>
      temporal.workflow.getHandle(kase.workflowId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: task.id, ...body, actor: { id: user.id, username: user.username } }],
      }),
    );
    res.json({ task: taskView(await db.task.findUniqueOrThrow({ where: { id: task.id } })), caseStatus: reply.caseStatus });
  });

  return router;
}
