import { Router } from 'express';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { loginBody } from '../../domain/schemas';
import { appendAudit } from '../audit';
import { unauthorized } from '../../domain/errors';
import { loginThrottle } from '../login-throttle';
import { verifyPassword } from '../../security/passwords';
import { SESSION_MAX_MS, bearerToken, currentUser, toStaffUser } from '../http/authenticate';
import { rateLimit } from '../http/rate-limit';
import { newToken, tokenHash } from '../../security/tokens';
import { noBody, parse } from '../http/validate';

export function authRoutes({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();
  const throttle = loginThrottle(db);
  const perAddress = rateLimit({ limit: config.rateLimits.loginPerMinute, windowMs: 60_000 });

  router.post('/api/auth/login', perAddress, async (req, res) => {
    const { username, password } = parse(loginBody, req.body);
    await throttle.check(username);
    const user = await db.user.findUnique({ where: { username } });
    const ok = user && !user.disabled && (await verifyPassword(password, user.passwordHash));
    if (!ok) {
      const state = await throttle.recordFailure(username);
      await appendAudit(db, {
        actorId: user?.id,
        action: state.lockedUntil ? 'login-locked' : 'login-failed',
        // An unknown username may be a password typed in the wrong box: only known accounts are named.
        details: { ...(user && { username }), failures: state.failures, ...(state.lockedUntil && { lockedUntil: state.lockedUntil.toISOString() }) },
      });
      throw unauthorized('invalid-credentials');
    }
    await throttle.recordSuccess(username);
    const token = newToken('ls');
    const expiresAt = new Date(Date.now() + SESSION_MAX_MS);
    await db.session.create({ data: { id: tokenHash(token), userId: user.id, expiresAt } });
    await appendAudit(db, { actorId: user.id, action: 'login', details: { username } });
    res.json({ token, expiresAt: expiresAt.toISOString(), user: toStaffUser(user) });
  });

  router.post('/api/auth/logout', async (req, res) => {
    currentUser(req);
    noBody(req.body);
    await db.session.update({ where: { id: tokenHash(bearerToken(req)!) }, data: { revokedAt: new Date() } });
    res.status(204).end();
  });

  router.get('/api/auth/me', (req, res) => {
    res.json({ user: currentUser(req) });
  });

  return router;
}
