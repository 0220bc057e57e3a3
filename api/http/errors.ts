import type { ErrorRequestHandler, Request, Response } from 'express';
import type { z } from 'zod';
import { redactPersonalData } from '../../domain/personal-data';
import { describeError, pickLanguage } from '../../domain/error-messages';
import type { Language } from '../../domain/channels';
import type { ErrorDetail } from '../../domain/errors';
import { describeIssue, validationMessage } from '../../domain/validation-messages';
import { AppError, badRequest } from '../../domain/errors';
import { bodyTooLarge } from './body-limits';
import { displayable } from './text-rules';

/** A field's name in an answer: `prefix.a.0.b`, or `(body)` for the whole; shown back without the characters that were refused. */
export function fieldPath(prefix: string, parts: readonly PropertyKey[]): string {
  return displayable([prefix, ...parts.map(String)].filter(Boolean).join('.')) || '(body)';
}

/** One detail per offending field, in the reader's language; an unknown key is named by its own path. */
export function zodDetails(error: z.ZodError, prefix = ''): (language: Language) => ErrorDetail[] {
  return (language) =>
    error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((key) => ({ path: fieldPath(prefix, [...i.path, key]), message: validationMessage('unknown-field', language)! }))
        : [{ path: fieldPath(prefix, i.path), message: describeIssue(i, language) }],
    );
}

/** Answers an error in the contract's shape and the reader's language. */
export function sendError(req: Request, res: Response, error: AppError): void {
  const language = pickLanguage(req.headers['accept-language']);
  const message = describeError(error.code, language) ?? error.message;
  if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  const details = typeof error.details === 'function' ? error.details(language) : error.details;
  res.status(error.status).json({ error: { code: error.code, message, ...(details && { details }) } });
}

/** Seconds a client is told to wait when a part Laurel needs is down. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export interface ErrorHandlerOptions {
  log?: (line: string) => void;
  /** Whether a failure is another component's outage (the database's): answered 503, never 500. */
  isOutage?: (err: unknown) => boolean;
}

/** Maps every error to the contract's shape; never a stack trace. */
export function errorHandler({ log = console.error, isOutage = () => false }: ErrorHandlerOptions = {}): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let error: AppError;
    if (err instanceof AppError) error = err;
    else if (isOutage(err)) {
      log(`${req.method} ${req.route?.path ?? req.path}: a part it needs is unavailable (${String((err as { code?: unknown }).code ?? (err as Error)?.name)}): answered 503`);
      error = new AppError(503, 'temporarily-unavailable');
      error.retryAfterSeconds = UNAVAILABLE_RETRY_AFTER_SECONDS;
    }
    // express.json is the one body parser whose errors arrive here unmapped.
    else if (err?.type === 'entity.too.large') error = bodyTooLarge('json');
    else if (err?.type === 'entity.parse.failed') error = badRequest('malformed-json');
    else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) error = new AppError(err.status, 'bad-request');
    else {
      log(`${req.method} ${req.route?.path ?? req.path} failed: ${redactPersonalData(err instanceof Error ? err.message : String(err))}`);
      error = new AppError(500, 'internal-error');
    }
    // An answer already on its way (a request cut for being too slow): only the connection is left to close.
    if (res.headersSent) req.socket.destroy();
    else sendError(req, res, error);
  };
}
