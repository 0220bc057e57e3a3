import { Client } from '@temporalio/client';
import { configOrExit } from '../config';
import { connectClient, connectWorker, dataConverter } from '../config/temporal';
import { auditSigner } from '../db/audit-anchors';
import { createDb } from '../db/client';
import { rekeyRegistry } from '../db/honourees';
import { ensureHousekeepingSchedule } from '../gateway/housekeeping';
import { ensureTaskDigestSchedule } from '../gateway/task-digest';
import { createSmtpMailer } from '../mail/mailer';
import { installRuntimeLogger } from '../telemetry/sdk-logging';
import { createLaurelWorker } from './create-worker';

async function main() {
  const config = configOrExit();
  // The SDK logs each bundling and state change at INFO; operators need warnings and errors.
  installRuntimeLogger(config.production ? 'INFO' : 'WARN');
  const db = createDb(config.databaseUrl);
  const rekeyed = await rekeyRegistry(db);
  if (rekeyed > 0) console.log(`worker: ${rekeyed} entries of the registry of earlier honourees re-keyed to the current matching rule`);
  const mailer = createSmtpMailer(config.mail.smtpUrl);
  const connection = await connectWorker(config);
  const clientConnection = await connectClient(config);
  const temporal = new Client({ connection: clientConnection, namespace: config.temporal.namespace, dataConverter: dataConverter(config) });
  const taskQueue = config.temporal.taskQueue;
  const worker = await createLaurelWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue,
    dataConverter: dataConverter(config),
    db,
    mailer,
    mailFrom: config.mail.from,
    publicUrl: config.publicUrl,
    temporal,
    signer: auditSigner(config),
  });
  const schedule = await ensureHousekeepingSchedule(temporal, taskQueue);
  await ensureTaskDigestSchedule(temporal, taskQueue);
  console.log(`worker: polling task queue ${taskQueue} on ${config.temporal.address}; housekeeping schedule ${schedule === 'created' ? 'created' : 'in place'}`);
  // The SDK shuts the worker down gracefully on SIGINT/SIGTERM; run() resolves then.
  await worker.run();
  await clientConnection.close();
  await connection.close();
  mailer.close();
  await db.$disconnect();
}

main().catch((err) => {
  console.error('worker failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
