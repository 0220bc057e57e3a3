import type { Client } from '@temporalio/client';
import express from 'express';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { errorHandler, notFound } from './errors';
import { authenticate } from './principal';
import { authRoutes } from './routes/auth';
import { campaignRoutes } from './routes/campaigns';
import { honoureeRoutes } from './routes/honourees';
import { nominationRoutes } from './routes/nominations';
import { opsRoutes } from './routes/ops';
import { publicRoutes } from './routes/public';
import { taskRoutes } from './routes/tasks';

export interface AppDeps {
  db: Db;
  temporal: Client;
  config: Config;
  log?: (line: string) => void;
}

/** The HTTP API, built apart from `listen` so tests run it on an ephemeral port. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(express.json({ limit: '100kb' }));
  app.use(opsRoutes(deps));
  app.use(authenticate(deps.db));
  app.use(authRoutes(deps));
  app.use(campaignRoutes(deps));
  app.use(nominationRoutes(deps));
  app.use(taskRoutes(deps));
  app.use(publicRoutes(deps));
  app.use(honoureeRoutes(deps));
  app.use(() => {
    throw notFound();
  });
  app.use(errorHandler(deps.log));
  return app;
}
