import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';
import { redactPersonalData } from '../../domain/personal-data';
import { describeError, pickLanguage } from '../../domain/error-messages';
import type { ErrorDetail } from '../../domain/errors';
import { AppError, badRequest } from '../../domain/errors';

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
    let error: AppError;
    if (err instanceof AppError) error = err;
    else if (err?.type === 'entity.too.large') error = new AppError(413, 'payload-too-large');
    else if (err?.type === 'entity.parse.failed') error = badRequest('malformed-json');
    else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) error = new AppError(err.status, 'bad-request');
    else {
      log(`${req.method} ${req.route?.path ?? req.path} failed: ${redactPersonalData(err instanceof Error ? err.message : String(err))}`);
      error = new AppError(500, 'internal-error');
    }
    const message = describeError(error.code, language) ?? error.message;
    if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    res.status(error.status).json({ error: { code: error.code, message, ...(error.details && { details: error.details }) } });
  };
}
