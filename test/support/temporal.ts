import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalCliPath, temporalTestServerPath } from '../../devtools/temporal-binaries';

/** The time-skipping test server, from the project's own pinned binary. */
export function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });
}

/** A real Temporal dev server (the CLI's), in memory; its `client` uses the given data converter. */
export function devServerEnvironment(dataConverter?: DataConverter): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: temporalCliPath() }, log: { format: 'pretty', level: 'error' } },
    client: { dataConverter },
  });
}

export const workflowsPath = require.resolve('../../workflows');
