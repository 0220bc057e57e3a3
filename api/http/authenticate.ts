import type { Request, RequestHandler } from 'express';
import type { Db } from '../../db/client';
import type { UnitKind } from '../../domain/channels';
import type { Principal, StaffUser } from '../../domain/access';
import type { Role } from '../../domain/roles';
import { forbidden, unauthorized } from '../../domain/errors';
import { tokenHash } from '../../security/tokens';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 12 * 3_600_000;

export function toStaffUser(row: { id: string; username: string; roles: string; fields: string; unit: string | null; unitKind: string | null }): StaffUser {
  return {
    id: row.id,
    username: row.username,
    roles: JSON.parse(row.roles) as Role[],
    fields: JSON.parse(row.fields) as string[],
    ...(row.unit && { unit: row.unit }),
    ...(row.unitKind && { unitKind: row.unitKind as UnitKind }),
  };
}

/** The bearer token of the request, if it carries one. */
export function bearerToken(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

/** Resolves the bearer token, if any; a token that is present but bad is refused with 401. */
export function authenticate(db: Db): RequestHandler {
  return async (req, _res, next) => {
    if (!req.headers.authorization) return next();
    const token = bearerToken(req);
    if (!token) throw unauthorized('invalid-token');
    const hash = tokenHash(token);
    if (token.startsWith('la_')) {
      const kase = await db.case.findUnique({ where: { accessTokenHash: hash }, select: { id: true } });
      if (!kase) throw unauthorized('invalid-token');
      req.principal = { kind: 'applicant', caseId: kase.id };
      return next();
    }
    const session = await db.session.findUnique({ where: { id: hash }, include: { user: true } });
    const now = Date.now();
    if (!session || session.revokedAt || session.user.disabled || session.expiresAt.getTime() <= now || now - session.lastSeenAt.getTime() > SESSION_IDLE_MS)
      throw unauthorized('invalid-token');
    await db.session.update({ where: { id: hash }, data: { lastSeenAt: new Date(now) } });
    req.principal = { kind: 'user', user: toStaffUser(session.user) };
    next();
  };
}

export function currentUser(req: Request): StaffUser {
  if (req.principal?.kind !== 'user') throw unauthorized();
  return req.principal.user;
}

export function hasRole(user: StaffUser, ...roles: Role[]): boolean {
  return roles.some((r) => user.roles.includes(r));
}

/** Only signed-in users with one of the roles pass; the anonymous get 401, others 403. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!hasRole(currentUser(req), ...roles)) throw forbidden();
    next();
  };
}
