import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { objectionBody } from '../../domain/schemas';
import { lodgeObjectionUpdate } from '../../workflows/contract';
import { appendAudit } from '../audit';
import { AppError, conflict, notFound } from '../../domain/errors';
import { rateLimit } from '../http/rate-limit';
import { parse } from '../http/validate';
import { callWorkflow } from '../workflow-calls';

/** What anyone may read: the notice list, never personal data (no phone, age or email is selected). */
export function publicRoutes({ db, temporal, config }: { db: Db; temporal: Client; config: Config }): Router {
  const router = Router();
  const objectionLimit = rateLimit({ limit: config.rateLimits.objectionsPerMinute, windowMs: 60_000 });

  // What anyone needs before nominating themselves or reading the notice: the title and the dates.
  router.get('/api/public/campaigns/:id', async (req, res) => {
    const c = await db.campaign.findUnique({
      where: { id: req.params.id },
      select: { id: true, title: true, submissionDeadline: true, reviewDeadline: true, noticeEndsAt: true },
    });
    if (!c) throw notFound('campaign-not-found');
    res.json({
      id: c.id,
      title: c.title,
      submissionDeadline: c.submissionDeadline.toISOString(),
      reviewDeadline: c.reviewDeadline.toISOString(),
      noticeEndsAt: c.noticeEndsAt?.toISOString() ?? null,
    });
  });

  router.get('/api/public/campaigns/:id/notice', async (req, res) => {
    const campaign = await db.campaign.findUnique({ where: { id: req.params.id }, select: { id: true, noticeEndsAt: true } });
    if (!campaign) throw notFound('campaign-not-found');
    const entries = await db.noticeEntry.findMany({
      where: { campaignId: campaign.id, withdrawnAt: null },
      select: { caseId: true, name: true, unit: true, field: true, category: true },
      orderBy: { publishedAt: 'asc' },
    });
    const corrections = await db.noticeCorrection.findMany({
      where: { campaignId: campaign.id },
      select: { caseId: true, kind: true, name: true, unit: true, reason: true, publishedAt: true },
      orderBy: { publishedAt: 'asc' },
    });
    res.json({ entries, endsAt: campaign.noticeEndsAt?.toISOString() ?? null, corrections });
  });

  /** Anyone may object to a winner during the notice period; each objection becomes a task for the secretariat. */
  router.post('/api/public/campaigns/:id/objections', objectionLimit, async (req, res) => {
    const body = parse(objectionBody, req.body);
    const entry = await db.noticeEntry.findUnique({ where: { caseId: body.caseId } });
    if (!entry || entry.campaignId !== req.params.id) throw notFound();
    if (entry.withdrawnAt) throw conflict('not-in-notice-period');
    const kase = await db.case.findUniqueOrThrow({ where: { id: entry.caseId }, select: { id: true, workflowId: true, status: true } });
    if (kase.status !== 'public-notice') throw conflict('not-in-notice-period');
    const objectionId = randomUUID();
    const lodgedBy = req.principal?.kind === 'user' ? req.principal.user.id : null;
    await db.objection.create({ data: { id: objectionId, caseId: kase.id, campaignId: entry.campaignId, reason: body.reason, contact: body.contact ?? null, lodgedBy } });
    try {
      await callWorkflow(() => temporal.workflow.getHandle(kase.workflowId).executeUpdate(lodgeObjectionUpdate, { args: [{ objectionId }] }), {
        db,
        actorId: lodgedBy ?? undefined,
        caseId: kase.id,
        attempt: 'objection',
      });
    } catch (err) {
      if (err instanceof AppError) await db.objection.delete({ where: { id: objectionId } });
      throw err;
    }
    await appendAudit(db, { actorId: lodgedBy ?? undefined, action: 'objection-lodged', caseId: kase.id, details: { objectionId } });
    res.status(202).json({ objectionId, caseId: kase.id });
  });

  return router;
}
