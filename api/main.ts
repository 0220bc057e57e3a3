import { Client } from '@temporalio/client';
import { configOrExit } from '../config';
import { connectClient, dataConverter } from '../config/temporal';
import { createDb } from '../db/client';
import { installRuntimeLogger } from '../telemetry/sdk-logging';
import { createApp } from './app';
import { createHttpServer } from './http/server';

async function main() {
  const config = configOrExit();
  // Replays run a worker in this process: only its warnings belong in the API's log.
  installRuntimeLogger('WARN');
  const db = createDb(config.databaseUrl);
  const connection = await connectClient(config);
  const temporal = new Client({ connection, namespace: config.temporal.namespace, dataConverter: dataConverter(config) });
  const server = createHttpServer(createApp({ db, temporal, config }), config.http).listen(config.port, () => {
    console.log(`api: listening on http://localhost:${config.port}`);
  });
  const stop = () => {
    server.close(async () => {
      await connection.close();
      await db.$disconnect();
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  console.error('api failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
