import { Router } from 'express';
import type { RequestHandler } from 'express';
import { forbidden, unauthorized } from '../domain/errors';
import { pickLanguage } from '../domain/error-messages';
import type { IdempotentRequests } from '../use-cases/idempotency';
import { idempotently } from './http/idempotency';
import { noBody, parse } from './http/validate';
import type { HandlerContext, Operation } from './operation';

/** `/api/tasks/{id}` → `/api/tasks/:id`. */
export function expressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/** Who may call the operation at all, checked before any body is read. */
function accessCheck(op: Operation): RequestHandler {
  return (req, _res, next) => {
    if ((op.auth ?? 'bearer') === 'bearer' && !req.principal) throw unauthorized();
    if (op.roles) {
      if (req.principal?.kind !== 'user') throw unauthorized();
      if (!op.roles.some((r) => req.principal?.kind === 'user' && req.principal.user.roles.includes(r))) throw forbidden();
    }
    next();
  };
}

export interface RouterDeps {
  /** Where the answers of requests made with an Idempotency-Key are kept. */
  idempotency: IdempotentRequests;
  log?: (line: string) => void;
}

/** The Express router serving the operations table. */
export function operationsRouter(operations: readonly Operation[], { idempotency, log = () => {} }: RouterDeps): Router {
  const router = Router();
  for (const op of operations) {
    router[op.method](expressPath(op.path), accessCheck(op), ...(op.before ?? []), async (req, res) => {
      // Bodies are strict: an endpoint that takes none refuses one, rather than ignoring it.
      let body: unknown;
      if (op.body) body = parse(op.body, req.body);
      else if (op.multipart || op.text) body = req.body;
      else if (op.method !== 'get') noBody(req.body);
      const query = op.query ? parse(op.query, req.query, 'query') : undefined;
      const once = op.idempotent ? await idempotently(req, res, body, idempotency, log) : {};
      if (!once) return;
      const ctx: HandlerContext<unknown, unknown> = {
        requestId: once.requestId,
        body,
        query,
        params: req.params as Record<string, string>,
        principal: req.principal,
        get user() {
          if (req.principal?.kind !== 'user') throw unauthorized();
          return req.principal.user;
        },
        language: pickLanguage(req.headers['accept-language']),
        req,
        res,
      };
      const result = await op.handle(ctx as Parameters<Operation['handle']>[0]);
      if (result !== undefined && !res.headersSent) res.status(op.ok).json(result);
      else if (!res.headersSent) res.status(op.ok).end();
    });
  }
  return router;
}
