import { bundleWorkflowCode } from '@temporalio/worker';
const workflowsPath = require.resolve('../../workflows');

test('the workflows bundle without any Node-only import', async () => {
  const bundle = await bundleWorkflowCode({ workflowsPath, logger: { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} } as never });
  expect(bundle.code).toContain('nominationWorkflow');
  expect(bundle.code).toContain('committeeRoundWorkflow');
}, 120_000);
