// npm test: tools, type-check, then jest (extra arguments go to jest).
// npm run test:db (--db-only): only the folders whose tests touch a database, for the PostgreSQL run on CI.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { configOrExit, projectRoot } from '../config';
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

async function main() {
  const args = process.argv.slice(2);
  const dbOnly = args.includes('--db-only');
  const jestArgs = args.filter((a) => a !== '--db-only');

  // Tests make their own databases: the development database is neither migrated nor seeded.
  await setup({ config: configOrExit(), database: false });

  let started = Date.now();
  const typecheck = await run('tsc', ['--noEmit', '-p', 'tsconfig.json']);
  console.log(`run-tests: type-check ${typecheck === 0 ? 'passed' : 'FAILED'} (${seconds(started)})`);
  if (typecheck !== 0) process.exit(typecheck);

  // Jest matches path patterns as regular expressions against absolute paths; the slash keeps test/db from matching test/dbx.
  const folders = dbOnly ? DATABASE_TEST_FOLDERS.filter((f) => fs.existsSync(path.join(projectRoot, f))).map((f) => `${f}/`) : [];
  started = Date.now();
  const code = await run('jest', ['--ci', ...folders, ...jestArgs]);
  // One line after jest's own summary, so that the summary stays on screen.
  console.log(`run-tests: jest ${code === 0 ? 'passed' : `FAILED (exit ${code})`} (${seconds(started)})`);
  process.exit(code);
}

main().catch((err) => {
  console.error('run-tests failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
