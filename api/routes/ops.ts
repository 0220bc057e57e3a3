import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { readCaughtMail } from '../../devtools/mail-catcher';
import { openApiDocument } from '../openapi';

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function opsRoutes({ db, temporal, config }: { db: Db; temporal: Client; config: Config }): Router {
  const router = Router();
  const document = openApiDocument();

  router.get('/healthz', async (_req, res) => {
    const [database, temporalServer] = await Promise.all([
      withTimeout(db.$queryRawUnsafe('SELECT 1'), 3_000).then(() => 'ok', () => 'unreachable'),
      withTimeout(temporal.workflowService.getSystemInfo({}), 3_000).then(() => 'ok', () => 'unreachable'),
    ]);
    const ok = database === 'ok' && temporalServer === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', database, temporal: temporalServer });
  });

  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });

  if (!config.production) {
    router.get('/dev/mail', async (_req, res) => {
      const messages = await readCaughtMail(config.mail.catcherDir);
      res.json({ messages: messages.map(({ to, subject, text, date }) => ({ to, subject, text, date })) });
    });
  }

  return router;
}
