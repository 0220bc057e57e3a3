import { Router } from 'express';
import type { Db } from '../../db/client';
import { loginBody } from '../../domain/schemas';
import { unauthorized } from '../errors';
import { verifyPassword } from '../passwords';
import { SESSION_MAX_MS, currentUser, toStaffUser } from '../principal';
import { newToken, tokenHash } from '../tokens';
import { parse } from '../validate';

export function authRoutes({ db }: { db: Db }): Router {
  const router = Router();

  router.post('/api/auth/login', async (req, res) => {
    const { username, password } = parse(loginBody, req.body);
    const user = await db.user.findUnique({ where: { username } });
    const ok = user && !user.disabled && (await verifyPassword(password, user.passwordHash));
    if (!ok) throw unauthorized('invalid-credentials');
    const token = newToken('ls');
    const expiresAt = new Date(Date.now() + SESSION_MAX_MS);
    await db.session.create({ data: { id: tokenHash(token), userId: user.id, expiresAt } });
    res.json({ token, expiresAt: expiresAt.toISOString(), user: toStaffUser(user) });
  });

  router.post('/api/auth/logout', async (req, res) => {
    currentUser(req);
    const token = req.headers.authorization!.replace(/^Bearer\s+/i, '');
    await db.session.update({ where: { id: tokenHash(token) }, data: { revokedAt: new Date() } });
    res.status(204).end();
  });

  return router;
}
