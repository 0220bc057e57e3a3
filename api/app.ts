import type { Client } from '@temporalio/client';
import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { sharedRateCounters } from '../db/rate-limits';
import { isDatabaseUnavailable } from '../db/unavailable';
import { notFound } from '../domain/errors';
import { campaignWorkflows } from '../gateway/campaign-workflows';
import { caseWorkflows } from '../gateway/case-workflows';
import { emailWorkflows } from '../gateway/email-workflows';
import type { UseCaseDeps } from '../use-cases/deps';
import { idempotentRequests } from '../use-cases/idempotency';
import { authenticate } from './http/authenticate';
import { bodyDeadline } from './http/body-deadline';
import { errorHandler } from './http/errors';
import { jsonBody } from './http/json-body';
import { urlCheck } from './http/url-check';
import { withTextBodyCheck } from './http/validate';
import type { Operation } from './operation';
import { operationsRouter } from './router';
import { accountOperations } from './routes/accounts';
import { auditOperations } from './routes/audit';
import { campaignOperations } from './routes/campaigns';
import { caseHistoryOperations } from './routes/case-histories';
import { docsRoutes } from './routes/docs';
import { honoureeOperations } from './routes/honourees';
import { nominationOperations } from './routes/nominations';
import { opsOperations } from './routes/ops';
import { pageRoutes } from './routes/pages';
import { peopleOperations } from './routes/people';
import { publicOperations } from './routes/public';
import { taskOperations } from './routes/tasks';

export interface AppDeps {
  db: Db;
  temporal: Client;
  config: Config;
  log?: (line: string) => void;
}

/** Every operation the API serves: the router and `/openapi.json` are both built from this one table. */
export function operationsTable(deps: UseCaseDeps): Operation[] {
  const table: Operation[] = [
    ...accountOperations(deps),
    ...peopleOperations(deps),
    ...campaignOperations(deps),
    ...nominationOperations(deps),
    ...taskOperations(deps),
    ...publicOperations(deps),
    ...honoureeOperations(deps),
    ...caseHistoryOperations(deps),
    ...auditOperations(deps),
  ];
  // `/openapi.json` describes the whole table, itself included.
  table.push(...opsOperations(deps, table));
  return table;
}

/** The HTTP API, built apart from `listen` so tests run it on an ephemeral port. */
/** What the use cases are given: the database, the configuration and the gateways over the Temporal client. */
export function useCaseDeps({ db, temporal, config, log = console.error }: AppDeps): UseCaseDeps {
  const taskQueue = config.temporal.taskQueue;
  return {
    db,
    config,
    temporal,
    cases: caseWorkflows({ temporal, taskQueue, db }),
    campaigns: campaignWorkflows({ temporal, taskQueue }),
    emails: emailWorkflows({ temporal, taskQueue }),
    rateCounters: sharedRateCounters(db, log),
  };
}

export function createApp({ db, temporal, config, log }: AppDeps): express.Express {
  const deps = useCaseDeps({ db, temporal, config, log });
  const app = express();
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
  const operations = operationsTable(deps).map(withTextBodyCheck);
  app.use('/api', urlCheck(operations));
  app.use(bodyDeadline(config.http, operations));
  app.use(jsonBody());
  app.use(docsRoutes());
  app.use(pageRoutes());
  // A bearer token that is present but bad is refused on every API path, public ones included.
  app.use('/api', authenticate(db));
  app.use(operationsRouter(operations, { idempotency: idempotentRequests(db), log }));
  app.use(() => {
    throw notFound();
  });
  app.use(errorHandler({ log, isOutage: isDatabaseUnavailable }));
  return app;
}
