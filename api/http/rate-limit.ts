import type { RequestHandler } from 'express';
import { AppError } from '../../domain/errors';
import type { UseCaseDeps } from '../../use-cases/deps';

/**
 * A limit per client address for the endpoints anyone can call, counted in the database so that
 * every API process counts the same requests. Past it the answer is 429 `rate-limited` with
 * Retry-After.
 */
export function rateLimit(counters: UseCaseDeps['rateCounters'], limit: { name: string; limit: number; windowMs: number }): RequestHandler {
  const count = counters(limit);
  return (req, _res, next) => {
    count(req.ip ?? 'unknown').then((verdict) => {
      if (verdict.allowed) return next();
      const error = new AppError(429, 'rate-limited');
      error.retryAfterSeconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
      next(error);
    }, next);
  };
}
