import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, projectRoot } from '../../config';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { seedDemoData } from '../../devtools/demo-data';
import { temporalCliPath } from '../../devtools/temporal-binaries';
import { waitForTemporal } from '../../devtools/wait-for';
import { DEMO_PASSWORD } from './chaos-client';
import type { ProcessSpec } from './chaos-process';
import { ChaosProcess } from './chaos-process';
import type { DatabaseKind } from './databases';
import { createChaosDatabase } from './databases';
import { freePort } from '../support/free-port';

export type PartName = 'temporal' | 'mail' | 'worker' | 'api';
/** The order they start in; they stop in the reverse. */
const PART_ORDER: PartName[] = ['temporal', 'mail', 'worker', 'api'];

/** A private Laurel: every part a real process on free ports, its state in `dir` (and its own database). */
export interface ChaosSystem {
  database: DatabaseKind;
  baseUrl: string;
  /** The harness's own view of the database: the truth the figures are taken from. */
  db: Db;
  mailDir: string;
  temporalAddress: string;
  /** The key API and worker encrypt Temporal's payloads with, to read a stuck case's failures. */
  payloadKey: string;
  parts: Record<PartName, ChaosProcess>;
  /** Starts any part that is not running (one a scenario left down), in dependency order. */
  startMissingParts: () => Promise<PartName[]>;
  stop: () => Promise<void>;
}

/** How to stop each system still running. */
const running = new Set<() => Promise<void>>();

/** Stops every system still running (Ctrl-C, a crash of the harness). */
export async function stopAllSystems(): Promise<void> {
  await Promise.allSettled([...running].map((stop) => stop()));
}

/** A TypeScript entry point run by Node itself with tsx as a loader: the tsx CLI would put it in a grandchild that SIGKILL misses. */
function tsEntry(name: string, file: string, env: NodeJS.ProcessEnv, ready: ProcessSpec['ready']): ProcessSpec {
  return { name, command: process.execPath, args: ['--import', 'tsx', path.join(projectRoot, file)], cwd: projectRoot, env, ready };
}

/** The Temporal dev server, its state in a file so that a restarted server carries on with the histories it had. */
function temporalServer(dir: string, port: number, output: (name: string, line: string) => void): ChaosProcess {
  const address = `127.0.0.1:${port}`;
  return new ChaosProcess(
    {
      name: 'temporal',
      command: temporalCliPath(),
      args: ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--headless', '--db-filename', path.join(dir, 'temporal.db'),
        '--namespace', 'default', '--log-level', 'warn'],
      cwd: dir,
      env: process.env,
      ready: ({ signal }) => waitForTemporal(address, 'default', signal),
    },
    output,
  );
}

export async function startChaosSystem(database: DatabaseKind, dir: string, output: (name: string, line: string) => void): Promise<ChaosSystem> {
  const varDir = path.join(dir, 'var');
  fs.mkdirSync(varDir, { recursive: true });
  const store = await createChaosDatabase(database, dir);
  const temporalPort = await freePort();
  const temporal = temporalServer(dir, temporalPort, output);
  const parts: Partial<Record<PartName, ChaosProcess>> = { temporal };
  let stopped: Promise<void> | undefined;
  let db: Db | undefined;
  const stop = () => {
    stopped ??= (async () => {
      running.delete(stop);
      for (const name of [...PART_ORDER].reverse()) await parts[name]?.stop();
      await db?.$disconnect();
      await store.remove();
      fs.rmSync(varDir, { recursive: true, force: true });
      fs.rmSync(path.join(dir, 'temporal.db'), { force: true });
    })();
    return stopped;
  };
  running.add(stop);
  try {
    // Temporal first: it binds five ports of its own choosing, which must not be the API's or the mail server's.
    await Promise.all([temporal.start(), applyMigrations(store.url)]);
    const [apiPort, mailPort] = await Promise.all([freePort(), freePort()]);
    const baseUrl = `http://127.0.0.1:${apiPort}`;
    const payloadKey = randomBytes(32).toString('base64');
    // Every setting that decides where this copy lives or talks is pinned, so that a developer's
    // .env never points it at their own database, Temporal or mail server.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(apiPort),
      VAR_DIR: varDir,
      DATABASE_URL: store.url,
      TEMPORAL_DEV_PORT: String(temporalPort),
      TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'laurel-chaos',
      TEMPORAL_TLS: 'false',
      MAIL_CATCHER_PORT: String(mailPort),
      SMTP_URL: `smtp://127.0.0.1:${mailPort}`,
      PUBLIC_URL: baseUrl,
      DEMO_PASSWORD,
      PAYLOAD_KEY: payloadKey,
      // Every client of a chaos run comes from one address.
      LOGIN_RATE_LIMIT: '100000',
      SELF_NOMINATION_RATE_LIMIT: '100000',
    };
    const config = loadConfig(env);
    db = createDb(store.url);
    await seedDemoData(db, config);
    parts.mail = new ChaosProcess(tsEntry('mail', 'devtools/mail-catcher-main.ts', env, ({ line }) => line(/mail catcher: SMTP on/)), output);
    parts.worker = new ChaosProcess(tsEntry('worker', 'worker/main.ts', env, ({ line }) => line(/worker: polling task queue/)), output);
    parts.api = new ChaosProcess(tsEntry('api', 'api/main.ts', env, ({ line }) => line(/api: listening/)), output);
    await Promise.all([parts.mail.start(), parts.worker.start(), parts.api.start()]);
    const all = parts as Record<PartName, ChaosProcess>;
    const startMissingParts = async () => {
      const missing = PART_ORDER.filter((name) => !all[name].running);
      for (const name of missing) await all[name].start();
      return missing;
    };
    return { database, baseUrl, db, mailDir: config.mail.catcherDir, temporalAddress: config.temporal.address, payloadKey, parts: all, startMissingParts, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
