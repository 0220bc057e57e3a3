import { configOrExit } from '../config';
import { connectWorker, dataConverter } from '../config/temporal';
import { createDb } from '../db/client';
import { createSmtpMailer } from '../mail/mailer';
import { createLaurelWorker } from './create-worker';
import { installRuntimeLogger } from '../telemetry/sdk-logging';

async function main() {
  const config = configOrExit();
  // The SDK logs each bundling and state change at INFO; operators need warnings and errors.
  installRuntimeLogger(config.production ? 'INFO' : 'WARN');
  const db = createDb(config.databaseUrl);
  const mailer = createSmtpMailer(config.mail.smtpUrl);
  const connection = await connectWorker(config);
  const worker = await createLaurelWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataConverter: dataConverter(config),
    db,
    mailer,
    mailFrom: config.mail.from,
    publicUrl: config.publicUrl,
  });
  console.log(`worker: polling task queue ${config.temporal.taskQueue} on ${config.temporal.address}`);
  // The SDK shuts the worker down gracefully on SIGINT/SIGTERM; run() resolves then.
  await worker.run();
  await connection.close();
  mailer.close();
  await db.$disconnect();
}

main().catch((err) => {
  console.error('worker failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
