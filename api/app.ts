import type { Client } from '@temporalio/client';
import type { IncomingMessage, ServerResponse } from 'node:http';
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
import { logger } from '../telemetry/logging';
import { requestLogging } from '../telemetry/logging-requests';
import { createApiMetrics } from '../telemetry/metrics';
import type { UseCaseDeps } from '../use-cases/deps';
import { idempotentRequests } from '../use-cases/idempotency';
import { operationalMetrics } from '../use-cases/operational-metrics';
import { authenticate } from './http/authenticate';
import { bodyDeadline } from './http/body-deadline';
import { errorHandler } from './http/errors';
import { jsonBody } from './http/json-body';
import { operationMatcher } from './http/operation-match';
import { urlCheck } from './http/url-check';
import { withTextBodyCheck } from './http/validate';
import type { Operation } from './operation';
import { operationsRouter } from './router';
import { accountOperations } from './routes/accounts';
import { auditOperations } from './routes/audit';
import { campaignOperations } from './routes/campaigns';
import { caseHistoryOperations } from './routes/case-histories';
import { CODEC_PATH, codecCors, codecOperations, codecRequests } from './routes/codec';
import { docsRoutes } from './routes/docs';
import { honoureeOperations } from './routes/honourees';
import { metricsRoutes } from './routes/metrics';
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

/** What the operations tell the metrics, when the app has them. */
export interface OperationHooks {
  codecPayloads?: (operation: 'decode' | 'encode', count: number) => void;
}

/** Every operation the API serves: the router and `/openapi.json` are both built from this one table. */
export function operationsTable(deps: UseCaseDeps, hooks: OperationHooks = {}): Operation[] {
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
    ...codecOperations(deps, hooks.codecPayloads),
  ];
  // `/openapi.json` describes the whole table, itself included.
  table.push(...opsOperations(deps, table));
  return table;
}

/** The HTTP API, built apart from `listen` so tests run it on an ephemeral port. */
/** What the use cases are given: the database, the configuration and the gateways over the Temporal client. */
export function useCaseDeps({ db, temporal, config, log = logLine }: AppDeps, onUpdateRefused?: (update: string, reason: string) => void): UseCaseDeps {
  const taskQueue = config.temporal.taskQueue;
  return {
    db,
    config,
    temporal,
    cases: caseWorkflows({ temporal, taskQueue, db, onRefused: onUpdateRefused }),
    campaigns: campaignWorkflows({ temporal, taskQueue }),
    emails: emailWorkflows({ temporal, taskQueue }),
    rateCounters: sharedRateCounters(db, log),
  };
}

/** The API's own error and warning lines, through the process's logger (with the request's id). */
const logLine = (line: string) => logger().error(line);

export function createApp({ db, temporal, config, log = logLine }: AppDeps): express.Express {
  // The metrics come first: the gateway counts refused Updates, and every request is timed.
  let operational: ReturnType<typeof operationalMetrics> | undefined;
  const metrics = createApiMetrics(() => operational!.read());
  const deps = useCaseDeps({ db, temporal, config, log }, metrics.updateRefused);
  operational = operationalMetrics(deps);
  let routeOf: (req: IncomingMessage, res: ServerResponse) => string = () => '(other)';
  const app = express();
  // First: every later line of the request carries its id.
  app.use(requestLogging());
  app.use(metrics.httpMiddleware((req, res) => routeOf(req, res)));
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
  // The Temporal Web UI's origins, with credentials; ahead of the API's own CORS, which would answer their preflight.
  app.use(CODEC_PATH, codecCors(config));
  // Closed unless configured: without these headers a browser refuses other origins' scripts.
  if (config.corsOrigins.length) app.use(cors({ origin: config.corsOrigins, maxAge: 600 }));
  const operations = operationsTable(deps, { codecPayloads: metrics.codecPayloads }).map(withTextBodyCheck);
  routeOf = requestRoute(operations);
  app.use('/api', urlCheck(operations));
  app.use(bodyDeadline(config.http, operations));
  // Its own body limit and credentials (a token, or the Web UI's cookie), before the API's JSON parser.
  app.use(CODEC_PATH, codecRequests(deps));
  app.use(jsonBody());
  app.use(metricsRoutes(config, metrics));
  app.use(docsRoutes());
  app.use(pageRoutes({ devMail: !config.production }));
  // A bearer token that is present but bad is refused on every API path, public ones included.
  app.use('/api', authenticate(db));
  app.use(operationsRouter(operations, { idempotency: idempotentRequests(db), log }));
  app.use(() => {
    throw notFound();
  });
  app.use(errorHandler({ log, isOutage: isDatabaseUnavailable }));
  return app;
}

/** A request's route for the metrics: the operation's path pattern (or the router's), never the URL with its ids. */
function requestRoute(operations: readonly Operation[]): (req: IncomingMessage, res: ServerResponse) => string {
  const match = operationMatcher(operations);
  return (req, res) => {
    const r = req as express.Request;
    const url = r.originalUrl ?? r.url ?? '/';
    // A preflight is named after the route it asks about.
    const op = r.method === 'OPTIONS' ? ['GET', 'POST', 'PATCH', 'DELETE'].map((m) => match(m, url)).find(Boolean) : match(r.method, url);
    if (op) return op.operation.path;
    if (typeof r.route?.path === 'string') return `${r.baseUrl ?? ''}${r.route.path}`;
    // The pages and their assets are files; anything else matched nothing.
    return (r.method === 'GET' || r.method === 'HEAD') && res.statusCode < 400 ? '(pages)' : '(other)';
  };
}
