import { BenchProcess, tsEntry } from './bench-process';
import type { MeasuredPart } from './cpu';
import type { BenchDatabase } from './databases';
import type { ArrivalsOutcome, ArrivalsSpec } from './arrivals-plan';
import type { RoundOutcome, RoundSpec } from './round-plan';
import type { OnDeath, ProcessOutput, SharedServices } from './shared-services';

export const BARE_TASK_QUEUE = 'bare-bench';

/** The bare side: its worker (on a database of its own) and its client, both processes. */
export interface BareSystem {
  database: BenchDatabase;
  parts: MeasuredPart[];
  runRound: (spec: RoundSpec) => Promise<RoundOutcome>;
  runArrivals: (spec: ArrivalsSpec) => Promise<ArrivalsOutcome>;
  stop: () => Promise<void>;
}

function bareEnv(services: SharedServices, database?: BenchDatabase): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TEMPORAL_ADDRESS: services.temporalAddress,
    BARE_TASK_QUEUE,
    SMTP_URL: services.smtpUrl,
    ...(database && { BARE_DATABASE_URL: database.url }),
  };
}

/** Sends the client one piece of work (a round, arrivals) and waits for its outcome. */
function askClient<T>(client: BenchProcess, message: object, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (answer: { done?: T; failed?: string }) => {
      if (!answer.done && !answer.failed) return;
      client.child.off('message', onMessage);
      client.child.off('exit', onExit);
      if (answer.done) resolve(answer.done);
      else reject(new Error(`bare ${what}: ${answer.failed}`));
    };
    const onExit = () => reject(new Error(`the bare client exited during ${what}`));
    client.child.on('message', onMessage);
    client.child.once('exit', onExit);
    client.child.send(message);
  });
}

export async function startBareSystem(database: BenchDatabase, services: SharedServices, output: ProcessOutput, onDeath: OnDeath): Promise<BareSystem> {
  let worker: BenchProcess | undefined;
  let client: BenchProcess;
  try {
    worker = await BenchProcess.start(tsEntry('bare-worker', 'scripts/bench/bare/worker.ts', bareEnv(services, database), /^bare worker: polling/), output, onDeath);
    client = await BenchProcess.start(tsEntry('bare-client', 'scripts/bench/bare/client.ts', bareEnv(services), /^bare client: connected/, true), output, onDeath);
  } catch (err) {
    await worker?.stop();
    await database.remove();
    throw err;
  }
  return {
    database,
    parts: [
      { name: 'bare-client', pid: client.pid, side: 'bare' },
      { name: 'bare-worker', pid: worker.pid, side: 'bare' },
    ],
    runRound: (spec) => askClient(client, { round: spec }, `round ${spec.tag}`),
    runArrivals: (spec) => askClient(client, { arrivals: spec }, `arrivals ${spec.tag}`),
    async stop() {
      await client.stop();
      await worker!.stop();
      await database.remove();
    },
  };
}
