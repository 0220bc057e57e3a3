import fs from 'node:fs';
import path from 'node:path';
import type { ChaosSystem } from './chaos-system';
import { startChaosSystem } from './chaos-system';
import type { DatabaseKind } from './databases';
import type { ScenarioResult } from './run-scenario';
import { emptyResult, runScenario } from './run-scenario';
import type { ScenarioName } from './scenarios';
import { SCENARIOS } from './scenarios';

/**
 * Every scenario, one after another, on one private Laurel over `database`: each scenario runs a
 * campaign of its own, so its cases, emails and figures are its own. The system's output goes to
 * `<workDir>/<database>/system.log`, which is kept.
 */
export async function runDatabase(database: DatabaseKind, scenarios: ScenarioName[], cases: number, workDir: string): Promise<ScenarioResult[]> {
  const dir = path.join(workDir, database);
  fs.mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, 'system.log');
  const log = fs.createWriteStream(logFile);
  const output = (name: string, line: string) => log.write(`${new Date().toISOString()} ${name.padEnd(8)}| ${line}\n`);
  const sayFor = (label: string) => (line: string) => {
    console.log(`chaos: ${label}: ${line}`);
    output('chaos', `${label}: ${line}`);
  };
  const results: ScenarioResult[] = [];
  let system: ChaosSystem | undefined;
  try {
    const started = Date.now();
    try {
      system = await startChaosSystem(database, dir, output);
    } catch (err) {
      const reason = `the system did not start: ${err instanceof Error ? err.message : err}`;
      return scenarios.map((name) => ({ ...emptyResult(name, database, cases), failures: [reason] }));
    }
    sayFor(database)(`private Laurel up at ${system.baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const name of scenarios) results.push(await runScenario(SCENARIOS[name], system, cases, sayFor(`${name}/${database}`)));
    return results;
  } finally {
    await system?.stop();
    sayFor(database)(`stopped; its log: ${logFile}`);
    await new Promise((resolve) => log.end(resolve));
  }
}
