import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { createCampaignBody, deadlinesBody } from '../../domain/schemas';
import { REVIEW_STEPS } from '../../domain/tasks';
import { campaignWorkflowId, committeeRoundWorkflowId, deadlinesChangedSignal } from '../../workflows/contract';
import { campaignWorkflow } from '../../workflows/campaign';
import { committeeRoundWorkflow } from '../../workflows/committee-round';
import { AppError, conflict, forbidden, notFound } from '../../domain/errors';
import { currentUser, hasRole } from '../http/authenticate';
import type { StaffUser } from '../../domain/access';
import { appendAudit } from '../audit';
import { noBody, parse } from '../http/validate';

type CampaignRow = NonNullable<Awaited<ReturnType<Db['campaign']['findUnique']>>>;

export function campaignView(c: CampaignRow) {
  return {
    id: c.id,
    code: c.code,
    title: c.title,
    submissionDeadline: c.submissionDeadline.toISOString(),
    reviewDeadline: c.reviewDeadline.toISOString(),
    winnerCap: c.winnerCap,
    publicNoticePeriod: c.publicNoticePeriod,
    committeeQuorum: c.committeeQuorum,
    quotas: { association: c.quotaAssociation, memberUnit: c.quotaMemberUnit, branch: c.quotaBranch },
    roundClosedAt: c.roundClosedAt?.toISOString() ?? null,
    noticeEndsAt: c.noticeEndsAt?.toISOString() ?? null,
  };
}

function requireSecretariat(user: StaffUser) {
  if (!hasRole(user, 'secretariat')) throw forbidden();
}

export function campaignRoutes({ db, temporal, config }: { db: Db; temporal: Client; config: Config }): Router {
  const router = Router();

  async function campaignOr404(id: string) {
    const campaign = await db.campaign.findUnique({ where: { id } });
    if (!campaign) throw notFound('campaign-not-found');
    return campaign;
  }

  router.post('/api/campaigns', async (req, res) => {
    requireSecretariat(currentUser(req));
    const c = parse(createCampaignBody, req.body);
    if (await db.campaign.findUnique({ where: { code: c.code } })) throw conflict('campaign-exists');
    const created = await db.campaign.create({
      data: {
        id: c.code,
        code: c.code,
        title: c.title,
        submissionDeadline: new Date(c.submissionDeadline),
        reviewDeadline: new Date(c.reviewDeadline),
        winnerCap: c.winnerCap,
        publicNoticePeriod: c.publicNoticePeriod,
        committeeQuorum: c.committeeQuorum,
        quotaAssociation: c.quotas.association,
        quotaMemberUnit: c.quotas.memberUnit,
        quotaBranch: c.quotas.branch,
      },
    });
    await appendAudit(db, { actorId: currentUser(req).id, action: 'campaign-created', details: { campaignId: created.id, ...c } });
    // The campaign is stored; if Temporal is unreachable now, the API's reconciler starts its clock later.
    await temporal.workflow
      .start(campaignWorkflow, {
        workflowId: campaignWorkflowId(created.id),
        taskQueue: config.temporal.taskQueue,
        args: [{ campaignId: created.id }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      })
      .catch(() => undefined);
    res.status(201).location(`/api/campaigns/${created.id}`).json(campaignView(created));
  });

  router.get('/api/campaigns', async (req, res) => {
    currentUser(req);
    const campaigns = await db.campaign.findMany({ orderBy: { submissionDeadline: 'desc' } });
    res.json({ campaigns: campaigns.map(campaignView) });
  });

  router.get('/api/campaigns/:id', async (req, res) => {
    currentUser(req);
    res.json(campaignView(await campaignOr404(req.params.id)));
  });

  router.patch('/api/campaigns/:id/deadlines', async (req, res) => {
    requireSecretariat(currentUser(req));
    const body = parse(deadlinesBody, req.body);
    const campaign = await campaignOr404(req.params.id);
    const submissionDeadline = body.submissionDeadline ? new Date(body.submissionDeadline) : campaign.submissionDeadline;
    const reviewDeadline = body.reviewDeadline ? new Date(body.reviewDeadline) : campaign.reviewDeadline;
    if (reviewDeadline <= submissionDeadline) throw new AppError(422, 'deadline-order');
    const updated = await db.$transaction(async (tx) => {
      const row = await tx.campaign.update({
        where: { id: campaign.id },
        data: { submissionDeadline, reviewDeadline, deadlinesVersion: { increment: 1 } },
      });
      // Review tasks are due at the review deadline: every open one follows it, and is no longer overdue if it moved out.
      await tx.task.updateMany({
        where: { campaignId: campaign.id, status: 'open', kind: { in: [...REVIEW_STEPS] } },
        data: { dueAt: reviewDeadline, ...(reviewDeadline.getTime() > Date.now() && { escalatedAt: null }) },
      });
      return row;
    });
    await appendAudit(db, {
      actorId: currentUser(req).id,
      action: 'deadlines-changed',
      details: {
        campaignId: campaign.id,
        from: { submissionDeadline: campaign.submissionDeadline.toISOString(), reviewDeadline: campaign.reviewDeadline.toISOString() },
        to: { submissionDeadline: submissionDeadline.toISOString(), reviewDeadline: reviewDeadline.toISOString() },
        version: updated.deadlinesVersion,
      },
    });
    // The campaign's workflow re-arms its timers and tells every running case.
    await temporal.workflow.signalWithStart(campaignWorkflow, {
      workflowId: campaignWorkflowId(campaign.id),
      taskQueue: config.temporal.taskQueue,
      args: [{ campaignId: campaign.id }],
      signal: deadlinesChangedSignal,
      signalArgs: [{ submissionDeadline: updated.submissionDeadline.toISOString(), reviewDeadline: updated.reviewDeadline.toISOString(), version: updated.deadlinesVersion }],
    });
    res.json(campaignView(updated));
  });

  router.post('/api/campaigns/:id/committee/close', async (req, res) => {
    requireSecretariat(currentUser(req));
    noBody(req.body);
    const campaign = await campaignOr404(req.params.id);
    if (campaign.roundClosedAt) throw conflict('round-closed');
    const handle = await temporal.workflow.start(committeeRoundWorkflow, {
      workflowId: committeeRoundWorkflowId(campaign.id),
      taskQueue: config.temporal.taskQueue,
      args: [{ campaignId: campaign.id }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    const { winners, notSelected, noticeEndsAt } = await handle.result();
    await appendAudit(db, { actorId: currentUser(req).id, action: 'committee-round-closed', details: { campaignId: campaign.id, winners, notSelected, noticeEndsAt } });
    res.json({ winners, notSelected, noticeEndsAt });
  });

  return router;
}
