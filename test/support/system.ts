import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { createSmtpMailer } from '../../mail/mailer';
import { createApp } from '../../api/app';
import type { Config } from '../../config';
import { loadConfig } from '../../config';
import { encryptingDataConverter, parsePayloadKeys } from '../../config/payload-codec';
import { dataConverter } from '../../config/temporal';
import { readCaughtMail } from '../../mail/caught-mail';
import type { MailCatcher } from '../../devtools/mail-catcher';
import { startMailCatcher } from '../../devtools/mail-catcher';
import { seedDemoData } from '../../devtools/demo-data';
import { auditSigner } from '../../db/audit-anchors';
import { createLaurelWorker } from '../../worker/create-worker';
import { createTestDatabase } from './database';
import { devServerEnvironment } from './temporal';

export interface System {
  baseUrl: string;
  config: Config;
  db: Awaited<ReturnType<typeof createTestDatabase>>['db'];
  env: TestWorkflowEnvironment;
  /** The environment a worker process needs to join this system. */
  processEnv: NodeJS.ProcessEnv;
  mail: () => ReturnType<typeof readCaughtMail>;
  /** Stops the mail catcher, as in a mail server's outage: connections to its port are refused. */
  stopMail: () => Promise<void>;
  /** Starts the mail catcher again on the same port and folder. */
  startMail: () => Promise<void>;
  startWorker: () => Promise<Worker>;
  stop: () => Promise<void>;
}

export interface SystemOptions {
  /** Receives the API's log lines; dropped by default. */
  log?: (line: string) => void;
  /** False: no demo accounts or campaign, as a production install starts. */
  demo?: boolean;
}

/**
 * The whole product on real parts: a Temporal dev server, a fresh database, a real SMTP mail
 * catcher, the API on an ephemeral port — and workers in this process or as child processes.
 */
export async function startSystem({ log = () => {}, demo = true }: SystemOptions = {}): Promise<System> {
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-e2e-'));
  const database = await createTestDatabase();
  // One key for the API's client, in-process workers and worker processes, as in production.
  const payloadKey = randomBytes(32).toString('base64');
  const env = await devServerEnvironment(encryptingDataConverter(parsePayloadKeys(payloadKey)));
  let catcher: MailCatcher | undefined = await startMailCatcher({ port: 0, dir: path.join(varDir, 'mail') });
  const mailPort = catcher.port;
  const processEnv: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_TASK_QUEUE: `e2e-${randomUUID()}`,
    SMTP_URL: `smtp://127.0.0.1:${mailPort}`,
    VAR_DIR: varDir,
    PORT: '0',
    // Every test call comes from one address; the limits themselves are tested on an app of their own.
    SELF_NOMINATION_RATE_LIMIT: '100000',
    LOGIN_RATE_LIMIT: '100000',
    PAYLOAD_KEY: payloadKey,
  };
  const config = loadConfig(processEnv);
  if (demo) await seedDemoData(database.db, config);

  const server: Server = await new Promise((resolve) => {
    const s = createApp({ db: database.db, temporal: env.client, config, log }).listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  config.publicUrl = baseUrl;

  const workers: { worker: Worker; running: Promise<void> }[] = [];
  const mailer = createSmtpMailer(config.mail.smtpUrl);

  return {
    baseUrl,
    config,
    db: database.db,
    env,
    processEnv: { ...processEnv, PUBLIC_URL: baseUrl },
    mail: () => readCaughtMail(config.mail.catcherDir),
    async stopMail() {
      const stopping = catcher;
      catcher = undefined;
      await stopping?.close();
    },
    async startMail() {
      catcher ??= await startMailCatcher({ port: mailPort, dir: config.mail.catcherDir });
    },
    async startWorker() {
      const worker = await createLaurelWorker({
        connection: env.nativeConnection,
        namespace: config.temporal.namespace,
        taskQueue: config.temporal.taskQueue,
        dataConverter: dataConverter(config),
        db: database.db,
        mailer,
        mailFrom: config.mail.from,
        publicUrl: baseUrl,
        temporal: env.client,
        signer: auditSigner(config),
      });
      workers.push({ worker, running: worker.run() });
      return worker;
    },
    async stop() {
      for (const w of workers) if (w.worker.getState() === 'RUNNING') w.worker.shutdown();
      await Promise.allSettled(workers.map((w) => w.running));
      await new Promise((r) => server.close(r));
      mailer.close();
      await catcher?.close();
      await env.teardown();
      await database.drop();
      fs.rmSync(varDir, { recursive: true, force: true });
    },
  };
}
