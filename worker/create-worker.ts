import type { DataConverter } from '@temporalio/common';
import type { NativeConnection } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import type { ActivityDeps } from '../activities';
import { createActivities } from '../activities';
import type { Tracing } from '../telemetry/tracing';
import { TRACING_OFF } from '../telemetry/tracing';

export interface WorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  /** Required, so that no worker runs without the payload codec: see config/temporal.ts. */
  dataConverter: DataConverter;
  /** Interceptors and the workflow spans' sink when tracing (telemetry/tracing.ts); off by default. */
  tracing?: Pick<Tracing, 'worker'>;
}

/** A prebuilt bundle (`npm run build`) is used when present: production workers skip webpack. */
const prebuiltBundle = path.resolve(__dirname, '..', 'dist', 'workflow-bundle.js');

export async function createLaurelWorker({ connection, namespace, dataConverter, tracing, ...deps }: WorkerOptions): Promise<Worker> {
  const prebuilt = fs.existsSync(prebuiltBundle);
  return Worker.create({
    connection,
    namespace,
    taskQueue: deps.taskQueue,
    dataConverter,
    activities: createActivities(deps),
    ...(tracing ?? TRACING_OFF).worker({ prebuilt }),
    ...(prebuilt
      ? { workflowBundle: { codePath: prebuiltBundle } }
      : { workflowsPath: require.resolve('../workflows') }),
  });
}
