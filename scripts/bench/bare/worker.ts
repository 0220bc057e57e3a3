// The bare case's worker, as its own process: BARE_DATABASE_URL, SMTP_URL, TEMPORAL_ADDRESS and
// BARE_TASK_QUEUE say where it works. Prints "bare worker: polling …" once it polls.
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { createBareActivities } from './activities';
import { openBareStore } from './store';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main() {
  const taskQueue = required('BARE_TASK_QUEUE');
  const address = required('TEMPORAL_ADDRESS');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const store = await openBareStore(required('BARE_DATABASE_URL'));
  // A transport made from the URL alone, as Laurel's mailer makes it: one connection per message.
  const mail = nodemailer.createTransport(required('SMTP_URL'));
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue,
    workflowsPath: require.resolve('./workflow'),
    activities: createBareActivities({ store, mail, from: 'Bench <no-reply@bench.local>' }),
  });
  console.log(`bare worker: polling task queue ${taskQueue} on ${address}`);
  // The SDK shuts the worker down gracefully on SIGINT/SIGTERM; run() resolves then.
  await worker.run();
  await connection.close();
  mail.close();
  await store.close();
}

main().catch((err) => {
  console.error('bare worker failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
