// npm run build: the workflow bundle, prebuilt, so production workers start without webpack.
import { bundleWorkflowCode } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config';
import { failureConverterPath } from '../config/payload-codec';
import { WORKFLOW_TRACING_MODULES } from '../telemetry/tracing';

async function main() {
  // The tracing interceptors are bundled always: a worker with tracing off gives them a sink that drops their spans.
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), workflowInterceptorModules: WORKFLOW_TRACING_MODULES, failureConverterPath });
  const out = path.join(projectRoot, 'dist', 'workflow-bundle.js');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, code);
  console.log(`build: workflow bundle written to dist/workflow-bundle.js (${(code.length / 1024).toFixed(0)} KiB)`);
}

main().catch((err) => {
  console.error('build failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
