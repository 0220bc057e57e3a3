import { Client } from '@temporalio/client';
import { configOrExit } from '../config';
import { connectClient, dataConverter } from '../config/temporal';
import { createDb } from '../db/client';
import { prismaInstrumentation } from '../db/tracing';
import { configureLogging, logger } from '../telemetry/logging';
import { installRuntimeLogger } from '../telemetry/sdk-logging';
import { startTracing } from '../telemetry/tracing';
import { createApp } from './app';
import { createHttpServer } from './http/server';

async function main() {
  const config = configOrExit();
  const log = configureLogging({ service: 'api', ...config.log });
  // Before the server and the Temporal client exist, so that both are traced from the first request.
  const tracing = startTracing({ service: 'laurel-api', otlpEndpoint: config.tracing.otlpEndpoint, http: true, instrumentations: [prismaInstrumentation()] });
  // Replays run a worker in this process: only its warnings belong in the API's log.
  installRuntimeLogger('WARN');
  const db = createDb(config.databaseUrl);
  const connection = await connectClient(config);
  const temporal = new Client({ connection, namespace: config.temporal.namespace, dataConverter: dataConverter(config), interceptors: tracing.clientInterceptors });
  const server = createHttpServer(createApp({ db, temporal, config }), config.http).listen(config.port, () => {
    log.info(`api: listening on http://localhost:${config.port}`);
  });
  const stop = () => {
    server.close(async () => {
      await tracing.shutdown();
      await connection.close();
      await db.$disconnect();
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  logger().fatal({ err }, 'api failed');
  process.exit(1);
});
