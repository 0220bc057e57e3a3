// npm run chaos: real Laurel — Temporal dev server, mail catcher, worker and API as processes on
// free ports, a database of its own — with N cases in flight from submission to announcement,
// and one fault per scenario sent by signal to a real PID: Temporal, the mail server, the worker,
// the API, each SIGKILLed and started again. Every scenario runs on SQLite and on PostgreSQL (a
// database made for the run and dropped after it) and prints one row of a table; the README's
// "Chaos" section says what each column means and when a scenario fails. Ends with
// `chaos: N passed, N failed` (one test per scenario and database) and writes the same totals as
// JSON, for .ci/run to add up: to $TEST_RESULTS_FILE, else var/test-results/chaos.json.
//
//   npm run chaos -- [--cases N] [--db sqlite|postgresql|both] [--scenario temporal,mail,worker,api]
//   (or CHAOS_CASES, CHAOS_DB, CHAOS_SCENARIOS)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configOrExit } from '../config';
import { stopAllSystems } from './chaos/chaos-system';
import type { ChaosOptions } from './chaos/options';
import { UsageError, chaosOptions } from './chaos/options';
import type { Totals } from './chaos/report';
import { resultDetails, resultTable, totalsOf, writeTotals } from './chaos/report';
import { runDatabase } from './chaos/run-database';
import type { ScenarioResult } from './chaos/run-scenario';
import { setup } from './setup';

function totalsFile(): string {
  if (process.env.TEST_RESULTS_FILE) return path.resolve(process.env.TEST_RESULTS_FILE);
  return path.join(configOrExit().varDir, 'test-results', 'chaos.json');
}

async function run(options: ChaosOptions, results: ScenarioResult[]): Promise<void> {
  // Tools and Prisma clients only: the run makes and migrates databases of its own.
  await setup({ config: configOrExit(), database: false });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-chaos-'));
  console.log(`chaos: ${options.cases} cases per scenario; scenarios ${options.scenarios.join(', ')}; databases ${options.databases.join(', ')}; logs in ${workDir}`);
  for (const database of options.databases) results.push(...(await runDatabase(database, options.scenarios, options.cases, workDir)));
}

function report(results: ScenarioResult[], started: number): Totals {
  console.log('');
  for (const line of resultTable(results)) console.log(line);
  console.log('');
  for (const line of resultDetails(results)) console.log(`chaos: ${line}`);
  console.log(`chaos: ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
  return totalsOf(results);
}

async function main(): Promise<number> {
  const started = Date.now();
  let options: ChaosOptions;
  try {
    options = chaosOptions();
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`chaos: ${err.message}`);
    return 64;
  }
  const resultsFile = totalsFile();
  // A report left by an earlier run must never stand in for this one.
  fs.rmSync(resultsFile, { force: true });
  const results: ScenarioResult[] = [];
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    console.log(`chaos: ${signal}: stopping everything it started`);
    void stopAllSystems().then(() => {
      writeTotals(resultsFile, { ...totalsOf(results), failed: totalsOf(results).failed + 1 });
      process.exit(130);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let broken: string | undefined;
  await run(options, results).catch((err: unknown) => {
    broken = err instanceof Error ? err.message : String(err);
  });
  await stopAllSystems();
  const totals = report(results, started);
  if (broken) {
    // The run stopped before its scenarios were done: never "0 failed".
    console.log(`chaos: the run broke off: ${broken} (counted as one failure)`);
    totals.failed++;
  }
  writeTotals(resultsFile, totals);
  return totals.failed > 0 ? 1 : 0;
}

void main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('chaos failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
