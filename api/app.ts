import type { Client } from '@temporalio/client';
import cors from 'cors';
import express from 'express';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { errorHandler } from './http/errors';
import { notFound } from '../domain/errors';
import { authenticate } from './http/authenticate';
import { rateLimit } from './http/rate-limit';
import { accessTokenRoutes } from './routes/access-tokens';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { campaignOverviewRoutes } from './routes/campaign-overview';
import { campaignRoutes } from './routes/campaigns';
import { caseHistoryRoutes } from './routes/case-histories';
import { caseListRoutes } from './routes/case-lists';
import { docsRoutes } from './routes/docs';
import { labelRoutes } from './routes/labels';
import { pageRoutes } from './routes/pages';
import { honoureeRoutes } from './routes/honourees';
import { nominationRoutes } from './routes/nominations';
import { opsRoutes } from './routes/ops';
import { publicRoutes } from './routes/public';
import { sealedFormRoutes } from './routes/sealed-forms';
import { taskRoutes } from './routes/tasks';
import { userRoutes } from './routes/users';

export interface AppDeps {
  db: Db;
  temporal: Client;
  config: Config;
  log?: (line: string) => void;
}

/** The HTTP API, built apart from `listen` so tests run it on an ephemeral port. */
export function createApp(deps: AppDeps): express.Express {
  const { config } = deps;
  const app = express();
  const anonymousLimit = rateLimit({ limit: config.rateLimits.selfNominationsPerHour, windowMs: 3_600_000 });
  // Units sign in and have quotas; anyone may self-nominate, so only the anonymous are limited.
  const selfNominationLimit: RequestHandler = (req, res, next) => (req.principal?.kind === 'user' ? next() : anonymousLimit(req, res, next));
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (config.trustProxy) app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      strictTransportSecurity: config.production,
      // The case page previews the sealed form from a blob the page fetched with its token.
      contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'blob:'], 'frame-src': ["'self'", 'blob:'] } },
    }),
  );
  // Closed unless configured: without these headers a browser refuses other origins' scripts.
  if (config.corsOrigins.length) app.use(cors({ origin: config.corsOrigins, maxAge: 600 }));
  app.use(express.json({ limit: '100kb' }));
  app.use(opsRoutes(deps));
  app.use(docsRoutes());
  app.use(labelRoutes());
  app.use(pageRoutes());
  app.use(authenticate(deps.db));
  app.use(authRoutes(deps));
  app.use(userRoutes(deps));
  app.use(auditRoutes(deps));
  app.use(campaignRoutes(deps));
  app.use(campaignOverviewRoutes(deps));
  app.use(caseListRoutes(deps));
  app.use(caseHistoryRoutes(deps));
  app.post('/api/campaigns/:id/nominations', selfNominationLimit);
  app.use(nominationRoutes(deps));
  app.use(sealedFormRoutes(deps));
  app.use(accessTokenRoutes(deps));
  app.use(taskRoutes(deps));
  app.use(publicRoutes(deps));
  app.use(honoureeRoutes(deps));
  app.use(() => {
    throw notFound();
  });
  app.use(errorHandler(deps.log));
  return app;
}
