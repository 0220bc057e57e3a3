import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import { loadConfig } from '../../config';
import type { PayloadKeyRing } from '../../config/payload-codec';
import { parsePayloadKeys } from '../../config/payload-codec';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { seedDemoData } from '../../devtools/demo-data';
import { BenchProcess, tsEntry } from './bench-process';
import type { MeasuredPart } from './cpu';
import type { BenchDatabase } from './databases';
import { harnessUrl } from './databases';
import { freePort } from '../support/free-port';
import type { OnDeath, ProcessOutput, SharedServices } from './shared-services';

const LAUREL_TASK_QUEUE = 'laurel-bench';

/** Laurel as `npm start` runs it: the worker and the API as processes, on a database of their own. */
export interface LaurelSystem {
  baseUrl: string;
  /** The bench's own view of Laurel's database: when every email is sent. */
  db: Db;
  database: BenchDatabase;
  /** To read the encrypted failures in Laurel's histories. */
  payloadKeys: PayloadKeyRing;
  parts: MeasuredPart[];
  stop: () => Promise<void>;
}

/** Migrated and seeded (demo accounts, password demo-password) by the bench, then served by real processes. */
export async function startLaurelSystem(database: BenchDatabase, services: SharedServices, dir: string, output: ProcessOutput, onDeath: OnDeath): Promise<LaurelSystem> {
  const varDir = path.join(dir, `laurel-${database.kind}`);
  fs.mkdirSync(varDir, { recursive: true });
  const apiPort = await freePort();
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  const payloadKey = randomBytes(32).toString('base64');
  // Every setting that decides where this copy lives or talks is pinned, so that a developer's
  // .env never points it at their own database, Temporal or mail server.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(apiPort),
    VAR_DIR: varDir,
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: services.temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: LAUREL_TASK_QUEUE,
    TEMPORAL_TLS: 'false',
    SMTP_URL: services.smtpUrl,
    PUBLIC_URL: baseUrl,
    DEMO_PASSWORD: 'demo-password',
    PAYLOAD_KEY: payloadKey,
    // Every request of a bench comes from one address.
    LOGIN_RATE_LIMIT: '100000',
    SELF_NOMINATION_RATE_LIMIT: '10000000',
  };
  const config: Config = loadConfig(env);
  const db = createDb(harnessUrl(database.url));
  const running: BenchProcess[] = [];
  const stop = async () => {
    for (const p of running.reverse()) await p.stop();
    await db.$disconnect();
    await database.remove();
    fs.rmSync(varDir, { recursive: true, force: true });
  };
  try {
    await applyMigrations(database.url);
    await seedDemoData(db, config);
    running.push(await BenchProcess.start(tsEntry('laurel-worker', 'worker/main.ts', env, /worker: polling task queue/), output, onDeath));
    running.push(await BenchProcess.start(tsEntry('laurel-api', 'api/main.ts', env, /api: listening/), output, onDeath));
  } catch (err) {
    await stop();
    throw err;
  }
  const [worker, api] = running;
  return {
    baseUrl,
    db,
    database,
    payloadKeys: parsePayloadKeys(payloadKey),
    parts: [
      { name: 'laurel-api', pid: api.pid, side: 'laurel' },
      { name: 'laurel-worker', pid: worker.pid, side: 'laurel' },
    ],
    stop,
  };
}
