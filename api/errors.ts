import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';
import { redactPersonalData } from '../domain/personal-data';
import { describeError, pickLanguage } from './messages';

export interface ErrorDetail {
  path: string;
  message: string;
}

/** The one error type of the API: a status, a stable code, and optional per-field details. */
export class HttpError extends Error {
  /** Sent as Retry-After with a 429 or 503. */
  retryAfterSeconds?: number;

  constructor(
    readonly status: number,
    readonly code: string,
    message?: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message ?? code);
  }
}

export const badRequest = (code: string, details?: ErrorDetail[]) => new HttpError(400, code, undefined, details);
export const unauthorized = (code = 'unauthenticated') => new HttpError(401, code);
export const forbidden = (code = 'forbidden') => new HttpError(403, code);
export const notFound = (code = 'not-found') => new HttpError(404, code);
export const conflict = (code: string, message?: string) => new HttpError(409, code, message);
export const unprocessable = (code: string, message?: string) => new HttpError(422, code, message);

/** One detail per offending field; an unknown key is named by its own path. */
export function zodDetails(error: z.ZodError, prefix = ''): ErrorDetail[] {
  const join = (parts: PropertyKey[]) => [prefix, ...parts.map(String)].filter(Boolean).join('.') || '(body)';
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({ path: join([...i.path, key]), message: 'unknown field' }))
      : [{ path: join(i.path), message: i.message }],
  );
}

/** Maps every error to the contract's shape; never a stack trace. */
export function errorHandler(log: (line: string) => void = console.error): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const language = pickLanguage(req.headers['accept-language']);
    let error: HttpError;
    if (err instanceof HttpError) error = err;
    else if (err?.type === 'entity.too.large') error = new HttpError(413, 'payload-too-large');
    else if (err?.type === 'entity.parse.failed') error = badRequest('malformed-json');
    else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) error = new HttpError(err.status, 'bad-request');
    else {
      log(`${req.method} ${req.route?.path ?? req.path} failed: ${redactPersonalData(err instanceof Error ? err.message : String(err))}`);
      error = new HttpError(500, 'internal-error');
    }
    const message = describeError(error.code, language) ?? error.message;
    if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    res.status(error.status).json({ error: { code: error.code, message, ...(error.details && { details: error.details }) } });
  };
}
