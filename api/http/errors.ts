import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';
import { redactPersonalData } from '../../domain/personal-data';
import { describeError, pickLanguage } from '../../domain/error-messages';
import type { Language } from '../../domain/channels';
import type { ErrorDetail } from '../../domain/errors';
import { describeIssue, validationMessage } from '../../domain/validation-messages';
import { AppError, badRequest } from '../../domain/errors';

/** One detail per offending field, in the reader's language; an unknown key is named by its own path. */
export function zodDetails(error: z.ZodError, prefix = ''): (language: Language) => ErrorDetail[] {
  const join = (parts: PropertyKey[]) => [prefix, ...parts.map(String)].filter(Boolean).join('.') || '(body)';
  return (language) =>
    error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((key) => ({ path: join([...i.path, key]), message: validationMessage('unknown-field', language)! }))
        : [{ path: join(i.path), message: describeIssue(i, language) }],
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
    const details = typeof error.details === 'function' ? error.details(language) : error.details;
    res.status(error.status).json({ error: { code: error.code, message, ...(details && { details }) } });
  };
}
