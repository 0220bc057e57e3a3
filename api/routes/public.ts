import { Router } from 'express';
import type { Db } from '../../db/client';
import { notFound } from '../errors';

/** What anyone may read: the notice list, never personal data (no phone, age or email is selected). */
export function publicRoutes({ db }: { db: Db }): Router {
  const router = Router();

  router.get('/api/public/campaigns/:id/notice', async (req, res) => {
    const campaign = await db.campaign.findUnique({ where: { id: req.params.id }, select: { id: true, noticeEndsAt: true } });
    if (!campaign) throw notFound('campaign-not-found');
    const entries = await db.noticeEntry.findMany({
      where: { campaignId: campaign.id, withdrawnAt: null },
      select: { caseId: true, name: true, unit: true, field: true, category: true },
      orderBy: { publishedAt: 'asc' },
    });
    res.json({ entries, endsAt: campaign.noticeEndsAt?.toISOString() ?? null });
  });

  return router;
}
