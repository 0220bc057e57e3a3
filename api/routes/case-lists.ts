import { Router } from 'express';
import type { Prisma } from '../../generated/prisma-sqlite';
import type { Db } from '../../db/client';
import { caseListQuery } from '../../domain/schemas';
import { groupsOf } from '../../domain/access';
import { maskedPhoneOf } from '../cases';
import { currentUser, hasRole } from '../http/authenticate';
import type { StaffUser } from '../../domain/access';
import { parse } from '../http/validate';

/** The same rule as `canSeeCase`, as a database filter. */
function visibleTo(user: StaffUser): Prisma.CaseWhereInput {
  if (hasRole(user, 'secretariat', 'auditor')) return {};
  const or: Prisma.CaseWhereInput[] = [{ tasks: { some: { candidateGroup: { in: groupsOf(user) } } } }];
  if (hasRole(user, 'unit')) or.push({ submittedByUserId: user.id });
  if (hasRole(user, 'working-group', 'branch')) or.push({ field: { in: user.fields } });
  return { OR: or };
}

export function caseListRoutes({ db }: { db: Db }): Router {
  const router = Router();

  router.get('/api/nominations', async (req, res) => {
    const user = currentUser(req);
    const q = parse(caseListQuery, req.query, 'query');
    const cases = await db.case.findMany({
      where: {
        AND: [
          visibleTo(user),
          { ...(q.campaignId && { campaignId: q.campaignId }), ...(q.status && { status: q.status }), ...(q.field && { field: q.field }) },
        ],
      },
      orderBy: [{ submittedAt: 'desc' }, { id: 'asc' }],
      take: 1000,
    });
    res.json({
      cases: cases.map((c) => ({
        caseId: c.id,
        campaignId: c.campaignId,
        status: c.status,
        field: c.field,
        channel: c.channel,
        category: c.category,
        nomineeName: c.nomineeName,
        recommendingUnit: c.recommendingUnit,
        phone: maskedPhoneOf(c.form),
        submittedAt: c.submittedAt.toISOString(),
      })),
    });
  });

  return router;
}
