import { setTimeout as sleep } from 'node:timers/promises';
import type { BareSystem } from './bare-system';
import { startBareSystem } from './bare-system';
import type { BenchContext } from './bench-context';
import { unlessHalted } from './bench-context';
import type { CpuReading, MeasuredPart } from './cpu';
import { cpuSince, readCpu } from './cpu';
import type { DatabaseKind } from './databases';
import { createBenchDatabase } from './databases';
import type { HistorySamples } from './histories';
import { readHistories } from './histories';
import type { LaurelSystem } from './laurel-system';
import { startLaurelSystem } from './laurel-system';
import { prepareLaurelRound } from './laurel-round';
import { caughtMailByTag } from './mail-count';
import type { LogCounts } from './worker-log';
import { measured } from './measure';
import type { BenchOptions } from './options';
import type { RoundOutcome, RoundSpec, Side } from './round-plan';
import { encryptingDataConverter } from '../../config/payload-codec';

/** Seconds every round waits between the committee's outcome and the notice's end, on both sides. */
const NOTICE_SECONDS = 3;
/** Cases each side runs, unmeasured, before the first round: bundles loaded, caches and JIT warm. */
const WARMUP_CASES = 10;
/** The window over which the processes' idle CPU is read. */
const IDLE_WINDOW_MS = 3_000;

export interface RoundRecord {
  database: DatabaseKind;
  side: Side;
  round: number;
  outcome: RoundOutcome;
  /** CPU seconds of each process over the round. */
  cpu: CpuReading;
  postgresSeconds: number | null;
  history: HistorySamples;
  /** Messages the mail catcher caught for this round's applicants. */
  mail: { messages: number; distinct: number };
  /** What the processes logged during the round. */
  log: LogCounts;
}

export interface DatabaseRun {
  database: DatabaseKind;
  parts: Record<Side, MeasuredPart[]>;
  /** CPU seconds a second each process used while nothing ran. */
  idleCpuPerSecond: CpuReading;
  rounds: RoundRecord[];
}

export interface Sides {
  laurel: LaurelSystem;
  bare: BareSystem;
}

function roundOf(sides: Sides, side: Side, spec: RoundSpec): Promise<() => Promise<RoundOutcome>> {
  return side === 'laurel' ? prepareLaurelRound(sides.laurel, spec) : Promise.resolve(() => sides.bare.runRound(spec));
}

async function idleCpu(parts: MeasuredPart[]): Promise<CpuReading> {
  const before = readCpu(parts);
  await sleep(IDLE_WINDOW_MS);
  const used = cpuSince(before, readCpu(parts));
  return Object.fromEntries(Object.entries(used).map(([name, s]) => [name, s / (IDLE_WINDOW_MS / 1000)]));
}

/** Rounds on one database: Laurel and bare alternating (round 1 Laurel, round 1 bare, round 2 Laurel, …), each measured on its own. */
async function alternate(sides: Sides, database: DatabaseKind, options: BenchOptions, ctx: BenchContext): Promise<DatabaseRun> {
  const shared = ctx.services.parts;
  const parts: Record<Side, MeasuredPart[]> = { laurel: [...sides.laurel.parts, ...shared], bare: [...sides.bare.parts, ...shared] };
  const pgDatabases: Record<Side, string[]> = { laurel: [sides.laurel.database.name], bare: [sides.bare.database.name] };
  const codecs = { laurel: encryptingDataConverter(sides.laurel.payloadKeys).payloadCodecs ?? [], bare: [] };
  const stepActivity = { laurel: 'recordCaseStep', bare: 'recordStep' };

  for (const side of ['laurel', 'bare'] as const) {
    const spec: RoundSpec = { tag: `warmup-${database}-${side}`, cases: Math.min(WARMUP_CASES, options.cases), concurrency: options.concurrency, noticePeriodSeconds: NOTICE_SECONDS };
    ctx.say(`${database}: warming ${side} up with ${spec.cases} cases`);
    await unlessHalted(ctx, roundOf(sides, side, spec).then((run) => run()));
  }
  const idleCpuPerSecond = await idleCpu([...sides.laurel.parts, ...sides.bare.parts, ...shared]);

  const rounds: RoundRecord[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    for (const side of ['laurel', 'bare'] as const) {
      const spec: RoundSpec = { tag: `${database}-r${round}-${side}`, cases: options.cases, concurrency: options.concurrency, noticePeriodSeconds: NOTICE_SECONDS };
      const run = await unlessHalted(ctx, roundOf(sides, side, spec));
      const logBefore = ctx.log.now();
      const m = await unlessHalted(ctx, measured(parts[side], database === 'postgresql' ? ctx.postgres : null, pgDatabases[side], run));
      const history = await unlessHalted(ctx, readHistories(ctx.temporal, [...m.result.caseWorkflowIds, ...m.result.otherWorkflowIds], stepActivity[side], codecs[side]));
      rounds.push({ database, side, round, outcome: m.result, cpu: m.cpu, postgresSeconds: m.postgresSeconds, history, mail: { messages: 0, distinct: 0 }, log: ctx.log.since(logBefore) });
      ctx.say(`${database}: round ${round} ${side}: ${spec.cases} cases in ${m.seconds.toFixed(1)} s, ${m.result.errors.length} errors`);
    }
  }
  const mail = await caughtMailByTag(ctx.services.mailDir, rounds.map((r) => r.outcome.spec.tag));
  for (const r of rounds) r.mail = mail[r.outcome.spec.tag];
  return { database, parts, idleCpuPerSecond, rounds };
}

/** Starts Laurel and the bare side on fresh databases of `database`'s kind, runs `work` on them, stops both. */
export async function withBothSides<T>(database: DatabaseKind, ctx: BenchContext, work: (sides: Sides) => Promise<T>): Promise<T> {
  ctx.say(`${database}: starting Laurel (worker, API) and the bare side (worker, client)`);
  const laurel = await unlessHalted(ctx, createBenchDatabase(database, ctx.dir, 'laurel').then((db) => startLaurelSystem(db, ctx.services, ctx.dir, ctx.output, ctx.onDeath)));
  try {
    const bareDatabase = await createBenchDatabase(database, ctx.dir, 'bare');
    const bare = await unlessHalted(ctx, startBareSystem(bareDatabase, ctx.services, ctx.output, ctx.onDeath));
    try {
      return await work({ laurel, bare });
    } finally {
      await bare.stop();
    }
  } finally {
    await laurel.stop();
  }
}

/** The rounds on `database`, each side on a fresh database. */
export function runRoundsOn(database: DatabaseKind, options: BenchOptions, ctx: BenchContext): Promise<DatabaseRun> {
  return withBothSides(database, ctx, (sides) => alternate(sides, database, options, ctx));
}
