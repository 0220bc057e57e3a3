// npm run honourees:import -- <file.csv>: puts the registry of earlier honourees into the
// configured database. All or nothing: a file with any bad line imports nothing and every bad
// line is printed. Importing the same file again changes nothing.
import { Client } from '@temporalio/client';
import fs from 'node:fs';
import path from 'node:path';
import { configOrExit } from '../config';
import { dataConverter, lazyClient } from '../config/temporal';
import { caseWorkflows } from '../gateway/case-workflows';
import { createDb } from '../db/client';
import { AppError } from '../domain/errors';
import { HONOUREE_COLUMNS } from '../domain/honouree-csv';
import { importHonoureeCsv } from '../use-cases/honourees';

const USAGE = `usage: npm run honourees:import -- <file.csv>
  a UTF-8 CSV file with a header row: ${HONOUREE_COLUMNS.map((c) => `${c.zh}/${c.en}`).join(', ')}`;

function fail(message: string, code = 1): never {
  console.error(`honourees: ${message}`);
  process.exit(code);
}

function readUtf8(file: string, shown: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    fail(`cannot read ${shown}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 66);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    fail(`${shown} is not UTF-8 text: save the sheet as "CSV UTF-8" and try again`);
  }
}

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length !== 1 || args[0].startsWith('-')) {
    console.error(USAGE);
    process.exit(args.includes('--help') || args.includes('-h') ? 0 : 64);
  }
  // npm runs scripts in the project root; a relative path means one from where npm was called.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), args[0]);
  const name = path.basename(file);
  const csv = readUtf8(file, args[0]);

  const config = configOrExit();
  const db = createDb(config.databaseUrl);
  // Running cases the sheet names are put to an eligibility review through their workflows.
  const connection = lazyClient(config);
  const temporal = new Client({ connection, namespace: config.temporal.namespace, dataConverter: dataConverter(config) });
  try {
    const counts = await importHonoureeCsv({ db, cases: caseWorkflows({ temporal, taskQueue: config.temporal.taskQueue, db }) }, csv);
    const rows = counts.imported + counts.updated + counts.unchanged;
    console.log(`honourees: ${name}: imported ${counts.imported}, updated ${counts.updated}, unchanged ${counts.unchanged} (${rows} row${rows === 1 ? '' : 's'})`);
    const reviews = counts.eligibilityReviews;
    if (reviews.length > 0) {
      const waiting = reviews.filter((r) => r.taskId === null).length;
      console.log(`honourees: ${reviews.length} running case(s) name an honouree and go to the secretariat for an eligibility review${waiting ? ` (${waiting} once Temporal can be reached)` : ''}`);
    }
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'invalid-csv')) throw err;
    // Each detail names one problem of one line ("line 3"); a line may have several.
    const details = (typeof err.details === 'function' ? err.details('zh-CN') : err.details) ?? [];
    const lines = new Set(details.map((d) => d.path)).size;
    console.error(`honourees: ${name} has ${lines} bad line${lines === 1 ? '' : 's'}; nothing was imported`);
    for (const d of details) console.error(`  ${d.path}: ${d.message}`);
    process.exitCode = 1;
  } finally {
    await connection.close();
    await db.$disconnect();
  }
}

main().catch((err) => {
  fail(err instanceof Error ? err.message : String(err));
});
