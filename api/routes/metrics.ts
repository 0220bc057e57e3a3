import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { Config } from '../../config';
import { notFound, unauthorized } from '../../domain/errors';
import { bearerToken } from '../http/authenticate';

/** What `/metrics` renders: built by the composition root (telemetry's registry), known here only by this shape. */
export interface MetricsExposition {
  contentType: string;
  scrape(): Promise<string>;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * `GET /metrics`, Prometheus's text format, for a scraper rather than a person: not part of the
 * API's contract (left out of `/openapi.json`, like `/docs`). With METRICS_TOKEN set the scraper
 * must send it as a bearer token; without it `/metrics` is open outside production and not served
 * in production.
 */
export function metricsRoutes(config: Config, exposition: MetricsExposition): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    const token = config.metrics.token;
    if (!token && config.production) throw notFound();
    if (token) {
      const sent = bearerToken(req);
      if (!sent || !timingSafeEqual(digest(sent), digest(token))) {
        res.set('WWW-Authenticate', 'Bearer realm="metrics"');
        throw unauthorized(sent ? 'invalid-token' : 'unauthenticated');
      }
    }
    const text = await exposition.scrape();
    res.set('Cache-Control', 'no-store').type(exposition.contentType).send(text);
  });
  return router;
}
