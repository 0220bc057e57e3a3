import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalCliPath, temporalTestServerPath } from '../../devtools/temporal-binaries';

/** The time-skipping test server, from the project's own pinned binary. */
export function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });
}

/** A real Temporal dev server (the CLI's), in memory. */
export function devServerEnvironment(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: temporalCliPath() }, log: { format: 'pretty', level: 'error' } },
  });
}

export const workflowsPath = require.resolve('../../workflows');
