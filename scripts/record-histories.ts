// npm run histories:record: records test/histories/ afresh from real runs of the case workflow on a
// Temporal dev server, with recording fakes for the activities and made-up people and comments.
// No payload codec: the committed payloads are plain JSON, readable in review.
import { DefaultLogger, Runtime } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config';
import { recordScenarios } from '../test/histories/recorder';
import { SCENARIOS } from '../test/histories/scenarios';
import { devServerEnvironment } from '../test/support/temporal';

export const historiesDir = path.join(projectRoot, 'test', 'histories');

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const only = process.argv.slice(2);
  const scenarios = only.length ? SCENARIOS.filter((s) => only.includes(s.name)) : SCENARIOS;
  if (scenarios.length === 0) throw new Error(`no scenario named ${only.join(', ')}`);
  const started = Date.now();
  const env = await devServerEnvironment();
  try {
    const recorded = await recordScenarios(env, scenarios);
    const historyDir = path.join(historiesDir, 'recorded');
    fs.mkdirSync(historyDir, { recursive: true });
    for (const r of recorded) fs.writeFileSync(path.join(historyDir, `${r.scenario.name}.json`), r.json);
    const manifestPath = path.join(historiesDir, 'manifest.json');
    const previous = fs.existsSync(manifestPath) ? (JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { histories: { file: string }[] }).histories : [];
    const entries = new Map(previous.map((h) => [h.file, h]));
    for (const r of recorded)
      entries.set(`recorded/${r.scenario.name}.json`, {
        file: `recorded/${r.scenario.name}.json`,
        path: r.scenario.name,
        description: r.scenario.description,
        expectedStatus: r.scenario.expectedStatus,
        staysOpen: r.scenario.staysOpen ?? false,
        workflowId: r.workflowId,
        events: r.history.events?.length ?? 0,
      } as never);
    const known = new Set(SCENARIOS.map((s) => `recorded/${s.name}.json`));
    const histories = [...entries.values()].filter((h) => known.has(h.file)).sort((a, b) => a.file.localeCompare(b.file));
    const manifest = { recordedWith: 'scripts/record-histories.ts on a Temporal dev server, default data converter (no payload codec), synthetic data', histories };
    fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    for (const r of recorded) console.log(`histories: ${r.scenario.name} (${r.history.events?.length} events, ${r.scenario.expectedStatus})`);
    console.log(`histories: ${recorded.length} recorded in ${((Date.now() - started) / 1000).toFixed(1)} s; ${histories.length} in test/histories/manifest.json`);
  } finally {
    await env.teardown();
  }
}

main().catch((err) => {
  console.error('recording histories failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
