// npm run replay -- <caseId> | --file history.json [--workflow-id id] [--json]
// Replays a case's recorded history against the current workflow code and prints the verdict:
// deterministic or not, the status reached, and every disagreement with the history and (for a
// case) the database. Exit 0 when all agree, 1 on nondeterminism or any disagreement.
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJson } from '../audit/history-json';
import { loadCaseHistory } from '../audit/history-store';
import { temporalHistories } from '../audit/temporal-histories';
import { findCaseStatus } from '../db/cases';
import type { ReplayReport } from '../audit/replay-case';
import { caseRecord, replayStoredHistory } from '../audit/replay-case';
import { configOrExit } from '../config';
import { connectClient, dataConverter } from '../config/temporal';
import { createDb } from '../db/client';

const USAGE = `usage: npm run replay -- <caseId> [--json]
       npm run replay -- --file <history.json> [--workflow-id <id>] [--json]`;

function fail(message: string, code: number): never {
  console.error(`replay: ${message}`);
  process.exit(code);
}

const yes = (b: boolean | null) => (b === null ? 'not compared' : b ? 'yes' : 'NO');

function print(report: ReplayReport, label: string) {
  console.log(`replay: ${label} (${report.source}, ${report.events} events) against the current workflow code`);
  console.log(`  deterministic:            ${yes(report.deterministic)}${report.failure ? ` — ${report.failure.kind}: ${report.failure.message}` : ''}`);
  console.log(`  status reached:           ${report.status ?? '(no step completed)'}`);
  console.log(`  agrees with its history:  ${yes(report.agreesWithHistory)}`);
  console.log(`  agrees with the database: ${yes(report.agreesWithDatabase)}`);
  for (const d of report.disagreements)
    console.log(`  disagreement with the ${d.against}: ${d.subject}: replayed ${JSON.stringify(d.replayed)}, recorded ${JSON.stringify(d.recorded)}`);
  console.log(`  replayed in ${report.replayMs} ms`);
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith('--')) fail(`${name} needs a value\n${USAGE}`, 64);
  args.splice(i, 2);
  return value;
}

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const json = args.includes('--json');
  if (json) args.splice(args.indexOf('--json'), 1);
  const file = option(args, '--file');
  const workflowId = option(args, '--workflow-id');
  if ((file ? args.length !== 0 : args.length !== 1) || args.some((a) => a.startsWith('-'))) fail(USAGE, 64);

  const config = configOrExit();
  // The replay worker logs every nondeterminism it finds as a warning; the verdict says it once.
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } } });
  const converter = dataConverter(config);
  let report: ReplayReport;
  let label: string;

  if (file) {
    // npm runs scripts in the project root; a relative path means one from where npm was called.
    const full = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
    let history;
    try {
      history = historyFromJson(JSON.parse(fs.readFileSync(full, 'utf8')));
    } catch (err) {
      fail(`cannot read a workflow history from ${file}: ${(err as Error).message}`, 66);
    }
    label = file;
    report = await replayStoredHistory({ source: 'file', workflowId: workflowId ?? 'replayed-from-file', history }, { dataConverter: converter });
  } else {
    const caseId = args[0];
    const db = createDb(config.databaseUrl);
    const connection = await connectClient(config);
    try {
      const temporal = new Client({ connection, namespace: config.temporal.namespace, dataConverter: converter });
      const kase = await findCaseStatus(db, caseId);
      if (!kase) fail(`no case ${caseId} in the database`, 66);
      const stored = await loadCaseHistory(db, temporalHistories(temporal), kase);
      if (!stored) fail(`case ${caseId}: its workflow history is neither on the Temporal server nor in the archive`, 66);
      label = `case ${caseId}, workflow ${stored.workflowId}`;
      report = await replayStoredHistory(stored, { dataConverter: converter, decoder: temporal.options.loadedDataConverter, record: await caseRecord(db, caseId) });
    } finally {
      await connection.close();
      await db.$disconnect();
    }
  }

  if (json) console.log(JSON.stringify(report, null, 2));
  else print(report, label);
  process.exitCode = report.deterministic && report.disagreements.length === 0 ? 0 : 1;
}

main().catch((err) => {
  console.error('replay failed:', err instanceof Error ? err.message : err);
  process.exit(2);
});
