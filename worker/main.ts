import { Client } from '@temporalio/client';
import { configOrExit } from '../config';
import { connectClient, connectWorker, dataConverter } from '../config/temporal';
import { auditSigner } from '../db/audit-anchors';
import { createDb } from '../db/client';
import { prismaInstrumentation } from '../db/tracing';
import { rekeyRegistry } from '../db/honourees';
import { ensureHousekeepingSchedule } from '../gateway/housekeeping';
import { ensureTaskDigestSchedule } from '../gateway/task-digest';
import { createSmtpMailer } from '../mail/mailer';
import { configureLogging, logger } from '../telemetry/logging';
import { installRuntimeLogger } from '../telemetry/sdk-logging';
import { sdkMetricsTelemetry } from '../telemetry/sdk-metrics';
import { startTracing } from '../telemetry/tracing';
import { createLaurelWorker } from './create-worker';

async function main() {
  const config = configOrExit();
  const log = configureLogging({ service: 'worker', ...config.log });
  // Before the clients and the worker exist: activities and workflows are traced from the first task.
  const tracing = startTracing({ service: 'laurel-worker', otlpEndpoint: config.tracing.otlpEndpoint, instrumentations: [prismaInstrumentation()] });
  // The SDK logs each bundling and state change at INFO; operators need warnings and errors.
  installRuntimeLogger(config.production ? 'INFO' : 'WARN', sdkMetricsTelemetry(config.metrics.workerBindAddress));
  const db = createDb(config.databaseUrl);
  const rekeyed = await rekeyRegistry(db);
  if (rekeyed > 0) log.info(`worker: ${rekeyed} entries of the registry of earlier honourees re-keyed to the current matching rule`);
  const mailer = createSmtpMailer(config.mail.smtpUrl);
  const connection = await connectWorker(config);
  const clientConnection = await connectClient(config);
  const temporal = new Client({ connection: clientConnection, namespace: config.temporal.namespace, dataConverter: dataConverter(config), interceptors: tracing.clientInterceptors });
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
    tracing,
  });
  const schedule = await ensureHousekeepingSchedule(temporal, taskQueue);
  await ensureTaskDigestSchedule(temporal, taskQueue);
  log.info(`worker: polling task queue ${taskQueue} on ${config.temporal.address}; housekeeping schedule ${schedule === 'created' ? 'created' : 'in place'}`);
  if (config.metrics.workerBindAddress) log.info(`worker: Temporal SDK metrics at http://${config.metrics.workerBindAddress}/metrics`);
  // The SDK shuts the worker down gracefully on SIGINT/SIGTERM; run() resolves then.
  await worker.run();
  await clientConnection.close();
  await connection.close();
  mailer.close();
  await db.$disconnect();
  await tracing.shutdown();
}

main().catch((err) => {
  logger().fatal({ err }, 'worker failed');
  process.exit(1);
});
