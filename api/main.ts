import { Client } from '@temporalio/client';
import { configOrExit } from '../config';
import { connectClient } from '../config/temporal';
import { createDb } from '../db/client';
import { createApp } from './app';
import { startCampaignClocks, startOrphanedCases } from './reconcile';

const RECONCILE_EVERY_MS = 5 * 60_000;

async function main() {
  const config = configOrExit();
  const db = createDb(config.databaseUrl);
  const connection = await connectClient(config);
  const temporal = new Client({ connection, namespace: config.temporal.namespace });
  const server = createApp({ db, temporal, config }).listen(config.port, () => {
    console.log(`api: listening on http://localhost:${config.port}`);
  });
  const reconcile = () =>
    startCampaignClocks(db, temporal, config)
      .then(() => startOrphanedCases(db, temporal, config))
      .then(
      (n) => n > 0 && console.log(`api: started ${n} case workflow(s) that had none`),
      (err) => console.error('api: reconciling cases failed:', (err as Error).message),
    );
  void reconcile();
  const reconciler = setInterval(reconcile, RECONCILE_EVERY_MS);
  const stop = () => {
    clearInterval(reconciler);
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
