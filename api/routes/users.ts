import { Router } from 'express';
import type { Db } from '../../db/client';
import { appendAudit } from '../audit';
import { conflict, notFound } from '../../domain/errors';
import { currentUser, requireRole, toStaffUser } from '../http/authenticate';
import { noBody } from '../http/validate';

function userView(u: Parameters<typeof toStaffUser>[0] & { disabled: boolean }) {
  return { ...toStaffUser(u), disabled: u.disabled };
}

/** Accounts, run by the secretariat: disabling one ends all its sessions at once. */
export function userRoutes({ db }: { db: Db }): Router {
  const router = Router();
  const secretariat = requireRole('secretariat');

  router.get('/api/users', secretariat, async (_req, res) => {
    const users = await db.user.findMany({ orderBy: { username: 'asc' } });
    res.json({ users: users.map(userView) });
  });

  router.post('/api/users/:id/disable', secretariat, async (req, res) => {
    const actor = currentUser(req);
    noBody(req.body);
    const id = String(req.params.id);
    if (id === actor.id) throw conflict('cannot-disable-self');
    const { user, revokedSessions } = await db.$transaction(async (tx) => {
      const found = await tx.user.findUnique({ where: { id } });
      if (!found) throw notFound();
      const user = await tx.user.update({ where: { id }, data: { disabled: true } });
      const revoked = await tx.session.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
      return { user, revokedSessions: revoked.count };
    });
    await appendAudit(db, { actorId: actor.id, action: 'account-disabled', details: { userId: id, username: user.username, revokedSessions } });
    res.json({ user: userView(user), revokedSessions });
  });

  router.post('/api/users/:id/enable', secretariat, async (req, res) => {
    const actor = currentUser(req);
    noBody(req.body);
    const id = String(req.params.id);
    if (!(await db.user.findUnique({ where: { id } }))) throw notFound();
    const user = await db.user.update({ where: { id }, data: { disabled: false } });
    await db.loginThrottle.deleteMany({ where: { key: user.username.toLowerCase() } });
    await appendAudit(db, { actorId: actor.id, action: 'account-enabled', details: { userId: id, username: user.username } });
    res.json({ user: userView(user) });
  });

  return router;
}
