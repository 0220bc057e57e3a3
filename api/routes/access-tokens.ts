import { Router } from 'express';
import type { Db } from '../../db/client';
import { appendAudit } from '../audit';
import { visibleCase } from '../cases';
import { conflict, forbidden } from '../../domain/errors';
import type { Principal } from '../../domain/access';
import { hasRole } from '../http/authenticate';
import { newToken, tokenHash } from '../../security/tokens';
import { noBody } from '../http/validate';

function actorId(p: Principal | undefined): string | undefined {
  return p?.kind === 'user' ? p.user.id : p?.kind === 'applicant' ? `applicant:${p.caseId}` : undefined;
}

/**
 * The applicant's access token of a self-nomination: the applicant may replace a token that may
 * have leaked (the old one stops working at once); the applicant or the secretariat may revoke it.
 */
export function accessTokenRoutes({ db }: { db: Db }): Router {
  const router = Router();

  router.post('/api/nominations/:caseId/access-token', async (req, res) => {
    const { kase } = await visibleCase(db, req.principal, String(req.params.caseId));
    if (req.principal?.kind !== 'applicant') throw forbidden();
    noBody(req.body);
    const accessToken = newToken('la');
    const replaced = await db.case.updateMany({ where: { id: kase.id, accessTokenHash: kase.accessTokenHash }, data: { accessTokenHash: tokenHash(accessToken) } });
    if (replaced.count === 0) throw conflict('access-token-changed');
    await appendAudit(db, { actorId: actorId(req.principal), action: 'access-token-replaced', caseId: kase.id });
    res.status(201).json({ caseId: kase.id, accessToken });
  });

  router.delete('/api/nominations/:caseId/access-token', async (req, res) => {
    const { kase } = await visibleCase(db, req.principal, String(req.params.caseId));
    const p = req.principal;
    if (!(p?.kind === 'applicant' || (p?.kind === 'user' && hasRole(p.user, 'secretariat')))) throw forbidden();
    if (kase.channel !== 'self') throw conflict('no-access-token');
    await db.case.update({ where: { id: kase.id }, data: { accessTokenHash: null } });
    await appendAudit(db, { actorId: actorId(p), action: 'access-token-revoked', caseId: kase.id });
    res.status(204).end();
  });

  return router;
}
