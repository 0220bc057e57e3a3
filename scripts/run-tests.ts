// npm test: tools, type-check, lint (style and the rooms' import rules), then jest (extra arguments go to jest).
// npm run test:db (--db-only): only the folders whose tests touch a database, for the PostgreSQL run on CI.
// Ends with `run-tests: N passed, N failed` and writes the same totals as JSON, for .ci/run to add up:
// to $TEST_RESULTS_FILE, else var/test-results/<sqlite|postgresql>.json; jest's own report goes beside it (.jest.json).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { configOrExit, isPostgres, projectRoot } from '../config';
import { setup } from './setup';

const DATABASE_TEST_FOLDERS = ['test/db', 'test/activities', 'test/api', 'test/e2e'];

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(path.join(projectRoot, 'node_modules', '.bin', command), args, { cwd: projectRoot, stdio: 'inherit' });
    child.once('error', (err) => {
      console.error(`${command}: ${err.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** The part of jest's --json report the totals come from. */
interface JestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; status: string; assertionResults: { status: string }[] }[];
}

interface Totals {
  passed: number;
  failed: number;
}

/**
 * Failed tests, plus each failed file none of whose tests failed: one that does not compile, or
 * whose beforeAll/afterAll threw, runs no test that could fail, yet must not pass unnoticed.
 */
function jestTotals(report: JestReport): Totals & { brokenFiles: string[] } {
  const brokenFiles = report.testResults
    .filter((file) => file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed'))
    .map((file) => path.relative(projectRoot, file.name));
  return { passed: report.numPassedTests, failed: report.numFailedTests + brokenFiles.length, brokenFiles };
}

function readJestReport(file: string): JestReport | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as JestReport;
  } catch {
    return undefined;
  }
}

function writeTotals(file: string, label: string, totals: Totals): void {
  fs.writeFileSync(file, `${JSON.stringify({ label, passed: totals.passed, failed: totals.failed }, null, 2)}\n`);
  console.log(`run-tests: ${totals.passed} passed, ${totals.failed} failed`);
}

async function main() {
  const args = process.argv.slice(2);
  const dbOnly = args.includes('--db-only');
  const jestArgs = args.filter((a) => a !== '--db-only');

  // Tests make their own databases: the development database is neither migrated nor seeded.
  const config = configOrExit();
  const label = isPostgres(config.databaseUrl) ? 'postgresql' : 'sqlite';
  const totalsFile = path.resolve(process.env.TEST_RESULTS_FILE || path.join(config.varDir, 'test-results', `${label}.json`));
  const jestFile = totalsFile.replace(/(\.json)?$/, '.jest.json');
  fs.mkdirSync(path.dirname(totalsFile), { recursive: true });
  // A report left by an earlier run must never stand in for this one.
  fs.rmSync(totalsFile, { force: true });
  fs.rmSync(jestFile, { force: true });

  await setup({ config, database: false });

  let started = Date.now();
  const typecheck = await run('tsc', ['--noEmit', '-p', 'tsconfig.json']);
  console.log(`run-tests: type-check ${typecheck === 0 ? 'passed' : 'FAILED'} (${seconds(started)})`);
  if (typecheck !== 0) {
    // Jest does not run; the failed type-check is the one failure to report.
    writeTotals(totalsFile, label, { passed: 0, failed: 1 });
    process.exit(typecheck);
  }

  // The database-only run repeats jest on PostgreSQL; the code it lints is the same.
  let lintFailures = 0;
  if (!dbOnly) {
    started = Date.now();
    const lint = await run('eslint', ['.']);
    console.log(`run-tests: lint ${lint === 0 ? 'passed' : 'FAILED'} (${seconds(started)})`);
    if (lint !== 0) lintFailures = 1;
  }

  // Jest matches path patterns as regular expressions against absolute paths; the slash keeps test/db from matching test/dbx.
  const folders = dbOnly ? DATABASE_TEST_FOLDERS.filter((f) => fs.existsSync(path.join(projectRoot, f))).map((f) => `${f}/`) : [];
  started = Date.now();
  const code = await run('jest', ['--ci', '--json', `--outputFile=${jestFile}`, ...folders, ...jestArgs]);
  // After jest's own summary, so that the summary stays on screen.
  console.log(`run-tests: jest ${code === 0 ? 'passed' : `FAILED (exit ${code})`} (${seconds(started)}); its report: ${path.relative(projectRoot, jestFile)}`);

  const report = readJestReport(jestFile);
  const totals = report ? jestTotals(report) : { passed: 0, failed: 0, brokenFiles: [] };
  for (const file of totals.brokenFiles) console.log(`run-tests: ${file} failed without a failing test (counted as one failure)`);
  if (code !== 0 && totals.failed === 0) {
    // No tests found, a bad option, a crash before the report: still a failed run, never "0 failed".
    console.log(`run-tests: jest exited ${code} ${report ? 'without a failing test' : 'without a report'} (counted as one failure)`);
    totals.failed = 1;
  }
  if (lintFailures) console.log('run-tests: lint found problems (counted as one failure)');
  totals.failed += lintFailures;
  writeTotals(totalsFile, label, totals);
  process.exit(code || lintFailures);
}

main().catch((err) => {
  console.error('run-tests failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
