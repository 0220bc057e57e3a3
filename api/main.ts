import { Client } from '@temporalio/client';
import { configOrExit } from '../config';
import { connectClient, dataConverter } from '../config/temporal';
import { anchorIfDue, auditSigner } from '../db/audit-anchors';
import { createDb } from '../db/client';
import { installRuntimeLogger } from '../telemetry/sdk-logging';
import { createApp } from './app';
import { archiveClosedCases } from '../audit/history-store';
import { startCampaignClocks, startOrphanedCases } from './reconcile';

const RECONCILE_EVERY_MS = 5 * 60_000;

async function main() {
  const config = configOrExit();
  // Replays run a worker in this process: only its warnings belong in the API's log.
  installRuntimeLogger('WARN');
  const db = createDb(config.databaseUrl);
  const connection = await connectClient(config);
  const temporal = new Client({ connection, namespace: config.temporal.namespace, dataConverter: dataConverter(config) });
  const server = createApp({ db, temporal, config }).listen(config.port, () => {
    console.log(`api: listening on http://localhost:${config.port}`);
  });
  const signer = auditSigner(config);
  const reconcile = () =>
    anchorIfDue(db, signer)
      .then(() => startCampaignClocks(db, temporal, config))
      .then(() => startOrphanedCases(db, temporal, config))
      .then(
      (n) => n > 0 && console.log(`api: started ${n} case workflow(s) that had none`),
      (err) => console.error('api: reconciling cases failed:', (err as Error).message),
    );
  // Closed cases' histories go to Laurel's own store, to be read and replayed after Temporal's retention.
  const archive = () =>
    archiveClosedCases(db, temporal).then(
      (ids) => ids.length > 0 && console.log(`api: archived the history of ${ids.length} closed case(s)`),
      (err) => console.error('api: archiving case histories failed:', (err as Error).message),
    );
  void reconcile().then(archive);
  const reconciler = setInterval(() => void reconcile().then(archive), RECONCILE_EVERY_MS);
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
