import type { RequestHandler } from 'express';
import { AppError } from '../../domain/errors';

/**
 * A fixed-window limit per client address, for the endpoints anyone can call. In memory: one API
 * process holds its own counts, which is enough to blunt a flood from one address.
 */
export function rateLimit({ limit, windowMs }: { limit: number; windowMs: number }): RequestHandler {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return (req, _res, next) => {
    const now = Date.now();
    const key = req.ip ?? 'unknown';
    let w = windows.get(key);
    if (!w || now - w.startedAt >= windowMs) {
      if (windows.size > 10_000) windows.clear();
      w = { startedAt: now, count: 0 };
      windows.set(key, w);
    }
    w.count += 1;
    if (w.count > limit) {
      const error = new AppError(429, 'rate-limited');
      error.retryAfterSeconds = Math.ceil((w.startedAt + windowMs - now) / 1000);
      return next(error);
    }
    next();
  };
}
