// The bare side's client, as its own process (so that its CPU is measured apart): the Temporal
// client called directly, no HTTP. The bench sends it `{ round: RoundSpec }` (or `{ arrivals:
// ArrivalsSpec }`) over IPC and gets `{ done: RoundOutcome }` (`ArrivalsOutcome`) or `{ failed: message }` back. TEMPORAL_ADDRESS and BARE_TASK_QUEUE
// say where it works.
import { Client, Connection } from '@temporalio/client';
import type { ArrivalsSpec } from '../arrivals-plan';
import type { RoundSpec } from '../round-plan';
import { startBareArrivals } from './arrivals';
import { runBareRound } from './round';

async function main() {
  const address = process.env.TEMPORAL_ADDRESS;
  const taskQueue = process.env.BARE_TASK_QUEUE;
  if (!address || !taskQueue || !process.send) throw new Error('needs TEMPORAL_ADDRESS, BARE_TASK_QUEUE and an IPC channel');
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default' });
  const send = (message: unknown) => process.send!(message);
  process.on('message', (message: { round?: RoundSpec; arrivals?: ArrivalsSpec }) => {
    const work = message.round ? runBareRound(client, taskQueue, message.round) : message.arrivals ? startBareArrivals(client, taskQueue, message.arrivals) : null;
    work?.then(
      (outcome) => send({ done: outcome }),
      (err: unknown) => send({ failed: err instanceof Error ? err.message : String(err) }),
    );
  });
  const stop = () => void connection.close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // The bench has gone: nothing is left to serve.
  process.once('disconnect', stop);
  console.log(`bare client: connected to ${address}, task queue ${taskQueue}`);
}

main().catch((err) => {
  console.error('bare client failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
