import { ApiClient } from '../../test/support/http';
import { caseWorkflowId } from '../../workflows/contract';
import { encryptingDataConverter } from '../../config/payload-codec';
import type { ArrivalsOutcome, ArrivalsSpec } from './arrivals-plan';
import { emptyArrivals } from './arrivals-plan';
import type { BareStore } from './bare/store';
import { openBareStore } from './bare/store';
import type { BenchContext } from './bench-context';
import { unlessHalted } from './bench-context';
import type { CpuReading } from './cpu';
import type { DatabaseKind } from './databases';
import { readHistories } from './histories';
import type { KeepingUp } from './keeping-up';
import { keepingUp } from './keeping-up';
import { benchNomination, change, openBenchCampaign } from './laurel-api';
import type { LaurelSystem } from './laurel-system';
import { measured } from './measure';
import type { BenchOptions } from './options';
import { pollUntil } from './poll';
import { timed } from './pool';
import type { Row } from './report';
import { DATABASE_NAMES, table } from './report';
import type { Side } from './round-plan';
import { COMMITTEE_QUORUM, SECRETARIAT } from './round-plan';
import type { Sides } from './run-rounds';
import { withBothSides } from './run-rounds';
import type { Spread } from './stats';
import { mean, spread } from './stats';
import { atSteadyRate } from './steady-rate';

// Arrivals: nominations sent at a steady rate and nothing else, on Laurel (submissions over HTTP)
// and on the bare side (workflow starts), alternating — does the worker keep up? Each run is
// measured from its first arrival until every case has recorded its first step.

/** Arrivals each side runs, unmeasured, before the first measured run. */
const WARMUP_ARRIVALS = 20;
/** Long enough for any backlog a run leaves on this machine. */
const FIRST_STEPS_WAIT_MS = 30 * 60_000;

export interface ArrivalsFigures extends KeepingUp {
  side: Side;
  runs: number;
  casesPerRun: number;
  rate: number;
  /** Arrivals answered a second; mean of the runs. */
  achievedRate: number | null;
  startMs: Spread;
  /** Cases a second from the first arrival to the last first step recorded; mean of the runs. */
  firstStepsPerSecond: number | null;
  /** CPU seconds a case: the side's processes and the shared ones (PostgreSQL's backends too), by part; mean of the runs. */
  cpuPerCase: number | null;
  cpuPerCaseByPart: Record<string, number | null>;
  errors: number;
  errorSamples: string[];
  retriedAnswers: number;
}

export interface ArrivalsRun {
  database: DatabaseKind;
  laurel: ArrivalsFigures;
  bare: ArrivalsFigures;
}

interface ArrivalsRecord {
  outcome: ArrivalsOutcome;
  firstStepAt: Record<string, number>;
  cpu: CpuReading;
  /** From the first arrival sent to every first step recorded. */
  seconds: number;
}

/** A side's arrivals (after what they need, not measured) and the count of its cases whose first step is recorded. */
interface ArrivalsSide {
  prepare(spec: ArrivalsSpec): Promise<void>;
  arrive(spec: ArrivalsSpec): Promise<ArrivalsOutcome>;
  firstSteps(outcome: ArrivalsOutcome): Promise<number>;
}

/** Laurel's applicants submit to a campaign of their own (opened first, not measured); a first step opens the case's seal check. */
function laurelSide(system: LaurelSystem): ArrivalsSide {
  const anonymous = new ApiClient(system.baseUrl);
  const campaigns = new Map<string, string>();
  return {
    async prepare(spec) {
      campaigns.set(spec.tag, await openBenchCampaign(await anonymous.login(SECRETARIAT), spec.tag, 60, spec.cases, COMMITTEE_QUORUM));
    },
    async arrive(spec) {
      const campaignId = campaigns.get(spec.tag)!;
      const outcome = emptyArrivals('laurel', spec);
      const started = performance.now();
      await atSteadyRate(spec.cases, spec.rate, async (i) => {
        const sentAt = Date.now();
        try {
          const answer = await timed(outcome.startMs, () => change(anonymous, `/api/campaigns/${campaignId}/nominations`, benchNomination(spec.tag, i), 201, outcome.retriedAnswers));
          outcome.sentAt[caseWorkflowId(answer.body.caseId as string)] = sentAt;
        } catch (err) {
          outcome.errors.push(`submission ${i}: ${err instanceof Error ? err.message : err}`);
        }
      });
      outcome.seconds = (performance.now() - started) / 1000;
      return outcome;
    },
    firstSteps: (outcome) => system.db.task.count({ where: { kind: 'seal-check', case: { campaignId: campaigns.get(outcome.spec.tag) } } }),
  };
}

function bareSide(sides: Sides, store: BareStore): ArrivalsSide {
  return { prepare: async () => undefined, arrive: (spec) => sides.bare.runArrivals(spec), firstSteps: (outcome) => store.firstSteps(outcome.spec.tag) };
}

async function arriveAndCatchUp(side: ArrivalsSide, spec: ArrivalsSpec, ctx: BenchContext): Promise<ArrivalsOutcome> {
  const outcome = await side.arrive(spec);
  const answered = Object.keys(outcome.sentAt).length;
  await pollUntil(`${spec.tag}: the first step of ${answered} cases`, () => side.firstSteps(outcome), (n) => n >= answered, FIRST_STEPS_WAIT_MS, ctx.stopping);
  return outcome;
}

function figuresOf(side: Side, records: ArrivalsRecord[], rate: number): ArrivalsFigures {
  const cases = records[0]?.outcome.spec.cases ?? 0;
  const sentAt = Object.assign({}, ...records.map((r) => r.outcome.sentAt)) as Record<string, number>;
  const firstStepAt = Object.assign({}, ...records.map((r) => r.firstStepAt)) as Record<string, number>;
  const achieved = records.map((r) => Object.keys(r.outcome.sentAt).length / r.outcome.seconds);
  const achievedRate = mean(achieved);
  const parts = [...new Set(records.flatMap((r) => Object.keys(r.cpu)))];
  const perCase = (seconds: (r: ArrivalsRecord) => number) => mean(records.map((r) => seconds(r) / cases));
  return {
    side,
    runs: records.length,
    casesPerRun: cases,
    rate,
    achievedRate,
    startMs: spread(records.flatMap((r) => r.outcome.startMs)),
    ...keepingUp(sentAt, firstStepAt, achievedRate ?? 0, rate),
    firstStepsPerSecond: mean(records.map((r) => cases / r.seconds)),
    cpuPerCase: perCase((r) => Object.values(r.cpu).reduce((a, b) => a + b, 0)),
    cpuPerCaseByPart: Object.fromEntries(parts.map((p) => [p, perCase((r) => r.cpu[p] ?? 0)])),
    errors: records.reduce((n, r) => n + r.outcome.errors.length, 0),
    errorSamples: records.flatMap((r) => r.outcome.errors).slice(0, 10),
    retriedAnswers: records.reduce((n, r) => n + r.outcome.retriedAnswers.length, 0),
  };
}

/** Arrivals on `database`: warm-ups, then `options.rounds` runs a side, Laurel first, alternating. */
export function runArrivalsOn(database: DatabaseKind, options: BenchOptions, ctx: BenchContext): Promise<ArrivalsRun> {
  return withBothSides(database, ctx, async (sides) => {
    const store = await openBareStore(sides.bare.database.url);
    try {
      const arrivalSides: Record<Side, ArrivalsSide> = { laurel: laurelSide(sides.laurel), bare: bareSide(sides, store) };
      const parts = { laurel: [...sides.laurel.parts, ...ctx.services.parts], bare: [...sides.bare.parts, ...ctx.services.parts] };
      const databases = { laurel: [sides.laurel.database.name], bare: [sides.bare.database.name] };
      const codecs = { laurel: encryptingDataConverter(sides.laurel.payloadKeys).payloadCodecs ?? [], bare: [] };
      const stepActivity = { laurel: 'recordCaseStep', bare: 'recordStep' };
      for (const side of ['laurel', 'bare'] as const) {
        ctx.say(`${database}: warming ${side} up with ${WARMUP_ARRIVALS} arrivals`);
        const spec = { tag: `warmup-${database}-${side}`, cases: WARMUP_ARRIVALS, rate: options.rate };
        await unlessHalted(ctx, arrivalSides[side].prepare(spec).then(() => arriveAndCatchUp(arrivalSides[side], spec, ctx)));
      }
      const records: Record<Side, ArrivalsRecord[]> = { laurel: [], bare: [] };
      for (let run = 1; run <= options.rounds; run++) {
        for (const side of ['laurel', 'bare'] as const) {
          const spec = { tag: `${database}-a${run}-${side}`, cases: options.arrivals!, rate: options.rate };
          await unlessHalted(ctx, arrivalSides[side].prepare(spec));
          const m = await unlessHalted(ctx, measured(parts[side], database === 'postgresql' ? ctx.postgres : null, databases[side], () => arriveAndCatchUp(arrivalSides[side], spec, ctx)));
          const history = await unlessHalted(ctx, readHistories(ctx.temporal, Object.keys(m.result.sentAt), stepActivity[side], codecs[side], 16));
          const cpu = { ...m.cpu, ...(m.postgresSeconds !== null && { postgresql: m.postgresSeconds }) };
          records[side].push({ outcome: m.result, firstStepAt: history.firstStepAt, cpu, seconds: m.seconds });
          ctx.say(`${database}: arrivals ${run} ${side}: ${spec.cases} at ${spec.rate}/s, every first step after ${m.seconds.toFixed(1)} s, ${m.result.errors.length} errors`);
        }
      }
      return { database, laurel: figuresOf('laurel', records.laurel, options.rate), bare: figuresOf('bare', records.bare, options.rate) };
    } finally {
      await store.close();
    }
  });
}

/** Both sides' arrivals as a table: Laurel, bare, and Laurel over bare. */
export function arrivalsTable({ database, laurel: l, bare: b }: ArrivalsRun): string[] {
  const part = (f: ArrivalsFigures, name: string) => f.cpuPerCaseByPart[name] ?? null;
  const rows: Row[] = [
    ['arrivals answered          a second', l.achievedRate, b.achievedRate, 1],
    ['submit | workflow start    p50 ms', l.startMs.p50, b.startMs.p50, 1],
    ['                           p99 ms', l.startMs.p99, b.startMs.p99, 1],
    ['submit → first step        p50 ms', l.firstStepLagMs.p50, b.firstStepLagMs.p50, 0],
    ['                           p95 ms', l.firstStepLagMs.p95, b.firstStepLagMs.p95, 0],
    ['                           max ms', l.firstStepLagMs.max, b.firstStepLagMs.max, 0],
    ['  p95, first tenth sent    ms', l.lagP95FirstTenthMs, b.lagP95FirstTenthMs, 0],
    ['  p95, last tenth sent     ms', l.lagP95LastTenthMs, b.lagP95LastTenthMs, 0],
    ['first steps                a second', l.firstStepsPerSecond, b.firstStepsPerSecond, 1],
    ['CPU per case               s', l.cpuPerCase, b.cpuPerCase, 3],
    ['  API | client             s', part(l, 'laurel-api'), part(b, 'bare-client'), 3],
    ['  worker                   s', part(l, 'laurel-worker'), part(b, 'bare-worker'), 3],
    ['  Temporal server          s', part(l, 'temporal'), part(b, 'temporal'), 3],
    ['  mail catcher             s', part(l, 'mail'), part(b, 'mail'), 3],
    ...(database === 'postgresql' ? [['  PostgreSQL backends      s', part(l, 'postgresql'), part(b, 'postgresql'), 3] as Row] : []),
    ['errors', l.errors, b.errors, 0, false],
    ['calls sent again (busy)', l.retriedAnswers, b.retriedAnswers, 0, false],
  ];
  const keptUp = (f: ArrivalsFigures) => (f.keptUp ? 'kept up' : 'did NOT keep up');
  return [
    `${DATABASE_NAMES[database]}: ${l.runs} runs × ${l.casesPerRun} arrivals at ${l.rate}/s a side, until every first step`,
    ...table(rows),
    `the worker (last tenth's p95 under 2 s, 95% of the rate answered): Laurel ${keptUp(l)}, bare ${keptUp(b)}`,
  ];
}
