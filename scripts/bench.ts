// npm run bench: Laurel against a bare Temporal workflow of the same shape (scripts/bench/bare/),
// on one Temporal dev server and one mail catcher, on SQLite and on PostgreSQL. Rounds alternate —
// round 1 Laurel, round 1 bare, round 2 Laurel, … — each measured on its own: latencies, throughput,
// CPU per case from /proc, retries from the workflows' histories, inbox latency by role. Prints a
// table per database and writes every figure as JSON. The README's "Benchmark" section says what
// each figure counts.
//
//   npm run bench -- [--cases N] [--concurrency C] [--rounds R] [--db sqlite|postgresql|both] [--json FILE]
//   npm run bench -- --campaign N [--rate PER_SECOND] [--concurrency C] [--db …] [--json FILE]
//   npm run bench -- --arrivals N [--rate PER_SECOND] [--rounds R] [--db …] [--json FILE]
//   npm run bench -- --inbox N [--db …] [--json FILE]
import { Client, Connection } from '@temporalio/client';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configOrExit } from '../config';
import type { BenchContext } from './bench/bench-context';
import { profileProcessesInto, stopAllProcesses } from './bench/bench-process';
import type { DatabaseKind } from './bench/databases';
import { postgresAvailable, postgresServerUrl, removeAllDatabases } from './bench/databases';
import { databaseFigures } from './bench/figures';
import { inboxScaleTable, measureInboxAtScale } from './bench/inbox-scale';
import type { BenchOptions } from './bench/options';
import { USAGE, UsageError, benchOptions } from './bench/options';
import { PostgresBackendCpu } from './bench/pg-backends';
import { figuresTable, roundRecords, targetsTable, timeTable, writeJson } from './bench/report';
import type { ArrivalsRun } from './bench/run-arrivals';
import { arrivalsTable, runArrivalsOn } from './bench/run-arrivals';
import type { CampaignFigures } from './bench/run-campaign';
import { campaignTable, runCampaignOn } from './bench/run-campaign';
import type { DatabaseRun } from './bench/run-rounds';
import { runRoundsOn } from './bench/run-rounds';
import { startSharedServices } from './bench/shared-services';
import { roundTargets } from './bench/targets';
import { WorkerLog } from './bench/worker-log';
import { setup } from './setup';

function say(line: string): void {
  console.log(`bench: ${line}`);
}

async function databasesFor(options: BenchOptions): Promise<DatabaseKind[]> {
  const wanted: DatabaseKind[] = options.databases === 'both' ? ['sqlite', 'postgresql'] : [options.databases];
  if (!wanted.includes('postgresql') || (await postgresAvailable())) return wanted;
  const host = new URL(postgresServerUrl()).host;
  if (options.databases === 'postgresql') throw new Error(`PostgreSQL does not answer at ${host}`);
  say(`PostgreSQL does not answer at ${host}: SQLite only`);
  return ['sqlite'];
}

function machine() {
  return { cores: os.cpus().length, cpu: os.cpus()[0]?.model, loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))), node: process.version };
}

function print(lines: string[]): void {
  console.log('');
  for (const line of lines) console.log(line);
}

async function run(options: BenchOptions, ctx: BenchContext, databases: DatabaseKind[]) {
  if (options.campaign !== undefined) {
    const campaigns: CampaignFigures[] = [];
    for (const database of databases) {
      if (ctx.stopping.aborted) break;
      const figures = await runCampaignOn(database, options, ctx);
      campaigns.push(figures);
      print(campaignTable(figures));
    }
    return { campaigns, failed: campaigns.some((c) => c.errors > 0 || c.emails.caught !== c.emails.expected) };
  }
  if (options.arrivals !== undefined) {
    const arrivals: ArrivalsRun[] = [];
    for (const database of databases) {
      arrivals.push(await runArrivalsOn(database, options, ctx));
      print(arrivalsTable(arrivals.at(-1)!));
    }
    return { arrivals, failed: arrivals.some((a) => a.laurel.errors + a.bare.errors > 0) };
  }
  const runs: DatabaseRun[] = [];
  for (const database of databases) runs.push(await runRoundsOn(database, options, ctx));
  const results = runs.map(databaseFigures);
  for (const figures of results) print([...figuresTable(figures), '', ...targetsTable(figures), '', ...timeTable(figures)]);
  return {
    figures: results.map((f) => ({ ...f, targets: roundTargets(f) })),
    rounds: roundRecords(runs),
    failed: results.some((f) => f.laurel.errors + f.bare.errors > 0),
  };
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = benchOptions();
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`bench: ${err.message}\n${USAGE}`);
    return 64;
  }
  const startedAt = new Date();
  const atStart = machine();
  // Tools and Prisma clients only: the bench makes and migrates databases of its own.
  await setup({ config: configOrExit(), database: false });
  const databases = await databasesFor(options);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-bench-'));
  if (options.cpuProfileDir) profileProcessesInto(options.cpuProfileDir);
  const logFile = path.join(dir, 'system.log');
  const log = fs.createWriteStream(logFile);
  say(`${atStart.cores} cores, load average ${atStart.loadAverage.join(' ')}; ${databases.join(', ')}; ` +
    (options.inbox !== undefined
      ? `the inbox over ${options.inbox} cases`
      : options.campaign !== undefined
        ? `one campaign of ${options.campaign} at ${options.rate}/s`
        : options.arrivals !== undefined
        ? `${options.rounds} runs × ${options.arrivals} arrivals at ${options.rate}/s a side`
        : `${options.rounds} rounds × ${options.cases} cases a side, concurrency ${options.concurrency}`) +
    `; the system's log in ${logFile}`);

  if (options.inbox !== undefined) {
    try {
      const inboxes = [];
      for (const kind of databases) {
        inboxes.push(await measureInboxAtScale(kind, options.inbox, dir, say));
        print(inboxScaleTable(inboxes.at(-1)!));
      }
      writeJson(options.jsonFile, { startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), options, machine: { atStart, atEnd: machine() }, inboxes });
      say(`figures in ${options.jsonFile}`);
      return 0;
    } finally {
      await removeAllDatabases();
      await leaveOnlyTheLog(dir, log);
    }
  }

  const stop = new AbortController();
  let rejectHalted!: (reason: Error) => void;
  const halted = new Promise<never>((_, reject) => (rejectHalted = reject));
  halted.catch(() => {});
  const halt = (reason: Error) => {
    stop.abort(reason);
    rejectHalted(reason);
  };
  const onSignal = (signal: NodeJS.Signals) => halt(new Error(`stopped by ${signal}`));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);

  let connection: Connection | undefined;
  let postgres: PostgresBackendCpu | null = null;
  try {
    const workerLog = new WorkerLog();
    const output = (name: string, line: string) => {
      log.write(`${name.padEnd(14)}| ${line}\n`);
      workerLog.read(name, line);
    };
    const onDeath = (name: string, description: string) => halt(new Error(`${name} stopped on its own (${description}); its output is in ${logFile}`));
    const services = await Promise.race([startSharedServices(dir, output, onDeath), halted]);
    connection = await Connection.connect({ address: services.temporalAddress });
    if (databases.includes('postgresql')) postgres = await PostgresBackendCpu.connect(postgresServerUrl());
    const ctx: BenchContext = { dir, services, output, onDeath, halted, stopping: stop.signal, temporal: new Client({ connection, namespace: 'default' }), postgres, say, log: workerLog };
    const result = await run(options, ctx, databases);
    const atEnd = machine();
    print([`bench: load average ${atStart.loadAverage.join(' ')} at the start, ${atEnd.loadAverage.join(' ')} at the end, on ${atEnd.cores} cores (${atEnd.cpu})`]);
    writeJson(options.jsonFile, { startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), options, machine: { atStart, atEnd }, ...result });
    say(`figures in ${options.jsonFile}`);
    return result.failed ? 1 : 0;
  } catch (err) {
    console.error(`bench: ${err instanceof Error ? err.message : err}`);
    return /stopped by SIG/.test(String(err)) ? 130 : 1;
  } finally {
    await connection?.close();
    await postgres?.close();
    await stopAllProcesses();
    await removeAllDatabases();
    await leaveOnlyTheLog(dir, log);
  }
}

/** The log stays for reading; databases (with SQLite's -wal and -shm), Temporal's file and the caught mail go. */
async function leaveOnlyTheLog(dir: string, log: fs.WriteStream): Promise<void> {
  await new Promise((resolve) => log.end(resolve));
  for (const entry of fs.readdirSync(dir)) if (entry !== 'system.log') fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
}

void main().then((code) => process.exit(code));
