import type { DataConverter } from '@temporalio/common';
import type { NativeConnection } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import type { ActivityDeps } from '../activities';
import { createActivities } from '../activities';

export interface WorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  /** Required, so that no worker runs without the payload codec: see config/temporal.ts. */
  dataConverter: DataConverter;
}

/** A prebuilt bundle (`npm run build`) is used when present: production workers skip webpack. */
const prebuiltBundle = path.resolve(__dirname, '..', 'dist', 'workflow-bundle.js');

export async function createLaurelWorker({ connection, namespace, dataConverter, ...deps }: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue: deps.taskQueue,
    dataConverter,
    activities: createActivities(deps),
    ...(fs.existsSync(prebuiltBundle)
      ? { workflowBundle: { codePath: prebuiltBundle } }
      : { workflowsPath: require.resolve('../workflows') }),
  });
}
