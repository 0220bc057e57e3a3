import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from './logging';
import { logger, withinRequest } from './logging';

/** A caller's own request id is kept when it is plainly an id: no spaces, quotes or line breaks to forge log lines with. */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** The caller's X-Request-Id if well formed, else a new one. */
export function requestIdOf(req: Request): string {
  const given = req.get(REQUEST_ID_HEADER);
  return given && WELL_FORMED_REQUEST_ID.test(given) ? given : randomUUID();
}

/** The case a request is about, where its path names one (`/api/nominations/{caseId}…`, `/api/cases/{caseId}…`). */
export function caseIdInPath(path: string): string | undefined {
  return /^\/api\/(?:nominations|cases)\/([^/]+)/.exec(path)?.[1];
}

/** A new case's id, from the Location its creation answers with. */
function caseIdCreated(res: Response): string | undefined {
  const location = res.getHeader('location');
  return typeof location === 'string' ? caseIdInPath(location) : undefined;
}

/** Pages' scripts and styles and health checks are many and say little: their lines are at debug level. */
const QUIET = /^\/(assets\/|healthz$|favicon)/;

/**
 * The first middleware of the API: gives the request its id (echoed in `X-Request-Id`), makes
 * every line logged while it is handled carry that id and its case, and logs one line when the
 * answer has gone: method, route, status and duration; never a query string or a body.
 */
export function requestLogging(log: Logger = logger()): RequestHandler {
  return (req, res, next) => {
    const requestId = requestIdOf(req);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const scope = { requestId, caseId: caseIdInPath(req.path) };
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const caseId = scope.caseId ?? caseIdCreated(res);
      const line = {
        requestId,
        ...(caseId && { caseId }),
        method: req.method,
        // The route's pattern where one matched (`/api/tasks/:id/complete`), else the path without its query.
        route: (req.route?.path as string | undefined) ?? req.path,
        status: res.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1_000n) / 1_000,
      };
      if (res.statusCode >= 500) log.error(line, 'request failed');
      else if (QUIET.test(req.path)) log.debug(line, 'request');
      else log.info(line, 'request');
    });
    withinRequest(scope, next);
  };
}
