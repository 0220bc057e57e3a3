import type { Request, RequestHandler } from 'express';
import type { Principal, StaffUser } from '../../domain/access';
import { unauthorized } from '../../domain/errors';
import { principalOfToken } from '../../use-cases/accounts';
import type { UseCaseDeps } from '../../use-cases/deps';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/** The bearer token of the request, if it carries one. */
export function bearerToken(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

/** Resolves the bearer token, if any; a token that is present but bad is refused with 401. */
export function authenticate(db: UseCaseDeps['db']): RequestHandler {
  return async (req, _res, next) => {
    if (!req.headers.authorization) return next();
    const token = bearerToken(req);
    if (!token) throw unauthorized('invalid-token');
    const principal = await principalOfToken({ db }, token);
    if (!principal) throw unauthorized('invalid-token');
    req.principal = principal;
    next();
  };
}

export function currentUser(req: Request): StaffUser {
  if (req.principal?.kind !== 'user') throw unauthorized();
  return req.principal.user;
}
