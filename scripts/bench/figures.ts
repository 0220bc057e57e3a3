import type { CpuReading } from './cpu';
import type { ActivityTimes, HistorySamples } from './histories';
import { activityTimes, mergeSamples, timesOf } from './histories';
import type { DecisionName, Side } from './round-plan';
import { DECISIONS, EMAILS_PER_CASE, ROLES } from './round-plan';
import type { DatabaseRun, RoundRecord } from './run-rounds';
import type { Spread } from './stats';
import { mean, percentile, ratio, spread } from './stats';

/** One side's figures on one database, pooled over its rounds. */
export interface SideFigures {
  rounds: number;
  casesPerRound: number;
  /** Laurel: submission over HTTP; bare: workflow start. ms. */
  startMs: Spread;
  /** Laurel: decision over HTTP; bare: Update. ms, every decision pooled. */
  decisionMs: Spread;
  decisionP50ByDecision: Record<DecisionName, number | null>;
  /** Cases through all six decisions a second: cases ÷ (first submission → last vote answered, inbox probes left out); mean of the rounds. */
  throughput: number | null;
  throughputByRound: number[];
  /** CPU seconds a case: the side's processes, the Temporal server, the mail catcher and (PostgreSQL) the side's backends, over whole rounds; mean of the rounds. */
  cpuPerCase: number | null;
  cpuPerCaseByPart: Record<string, number | null>;
  /** Laurel only: the API's CPU seconds a case during the inbox probes, left out of cpuPerCase. */
  probeCpuPerCase: number | null;
  /** Laurel only: GET /api/inbox p95 by role, ms, with the round's every case in that inbox. */
  inboxP95: Record<string, number | null>;
  /** ms from sending a submission to its workflow's first step recorded (from the history). */
  firstStepLagMs: Spread;
  /**
   * From the histories: attempts beyond the first over every activity of the rounds' workflows;
   * those after a failure naming a database lock; those after a failure the server cut; activities
   * that gave up. From the side worker's log: failed attempts, and those naming a database lock.
   */
  retries: number;
  lockRetries: number;
  cutRetries: number;
  activityFailures: number;
  loggedFailures: number;
  loggedLockFailures: number;
  retryCauses: string[];
  emailsPerCase: number | null;
  /** Emails caught more than once (same Message-ID). */
  duplicateEmails: number;
  errors: number;
  errorSamples: string[];
  /** Calls sent again with the same key after a "not now" (round-plan.ts). */
  retriedAnswers: number;
  retriedSamples: string[];
  /** The side worker's workflow tasks the SDK warned took over 5 s (TMPRL1104). */
  slowWorkflowTasks: number;
  /** Seconds from the first submission to the last email, mean of the rounds. */
  roundSeconds: number | null;
  phases: Record<string, number | null>;
  /** From the histories, by activity type: count, queued p50, run p50 and p95 (ms). */
  activities: Record<string, ActivityTimes>;
  workflowTask: ActivityTimes;
  /** An Update's life inside the workflow: acceptance to completion (the next step recorded), ms. */
  updateInWorkflowMs: Spread;
  /** The histories' events (by type) and bytes a case, as the server stores and sends them: the case's and its share of the campaign-wide workflows'. */
  eventsPerCase: number | null;
  eventsPerCaseByType: Record<string, number>;
  historyBytesPerCase: number | null;
}

/** Which processes count for a side: its own and the shared ones (the Temporal server, the mail catcher), which serve one side at a time. */
function counted(part: string, side: Side): boolean {
  return part === 'temporal' || part === 'mail' || part.startsWith(`${side}-`);
}

/** A round's CPU by part, the API's during the inbox probes left out (RoundOutcome.probeApiCpuSeconds). */
function cpuOf(record: RoundRecord, side: Side): { total: number; byPart: CpuReading } {
  const byPart: CpuReading = Object.fromEntries(Object.entries(record.cpu).filter(([part]) => counted(part, side)));
  if (byPart['laurel-api'] !== undefined) byPart['laurel-api'] = Math.max(0, byPart['laurel-api'] - record.outcome.probeApiCpuSeconds);
  if (record.postgresSeconds !== null) byPart.postgresql = record.postgresSeconds;
  return { total: Object.values(byPart).reduce((a, b) => a + b, 0), byPart };
}

function lags(records: RoundRecord[], history: HistorySamples): number[] {
  const submitted = Object.assign({}, ...records.map((r) => r.outcome.submittedAt)) as Record<string, number>;
  return Object.entries(history.firstStepAt).filter(([id]) => submitted[id] !== undefined).map(([id, at]) => at - submitted[id]);
}

/** Every history the side's rounds ran (the campaign-wide workflows' included), a case. */
function historySize({ eventsByType, historyBytes }: HistorySamples, cases: number) {
  const events = Object.values(eventsByType).reduce((a, b) => a + b, 0);
  return {
    eventsPerCase: cases ? events / cases : null,
    eventsPerCaseByType: Object.fromEntries(Object.entries(eventsByType).map(([type, n]) => [type, n / cases])),
    historyBytesPerCase: cases ? historyBytes / cases : null,
  };
}

function sideFigures(records: RoundRecord[], side: Side): SideFigures {
  const mine = records.filter((r) => r.side === side);
  const cases = mine[0]?.outcome.spec.cases ?? 0;
  const history = mergeSamples(mine.map((r) => r.history));
  const perCase = (pick: (r: RoundRecord) => number | undefined) => mean(mine.map(pick).filter((v): v is number => v !== undefined).map((v) => v / cases));
  const parts = [...new Set(mine.flatMap((r) => Object.keys(cpuOf(r, side).byPart)))];
  const phaseNames = [...new Set(mine.flatMap((r) => r.outcome.phases.map((p) => p.name)))];
  const throughputByRound = mine.map((r) => r.outcome.spec.cases / r.outcome.reviewSeconds);
  const emails = mine.reduce((n, r) => n + r.mail.distinct, 0);
  const fromLog = (counts: (r: RoundRecord) => Record<string, number>) => mine.reduce((n, r) => n + (counts(r)[`${side}-worker`] ?? 0), 0);
  return {
    rounds: mine.length,
    casesPerRound: cases,
    startMs: spread(mine.flatMap((r) => r.outcome.startMs)),
    decisionMs: spread(mine.flatMap((r) => DECISIONS.flatMap((d) => r.outcome.decisionMs[d.name]))),
    decisionP50ByDecision: Object.fromEntries(DECISIONS.map((d) => [d.name, percentile(mine.flatMap((r) => r.outcome.decisionMs[d.name]), 50)])) as Record<DecisionName, number | null>,
    throughput: mean(throughputByRound),
    throughputByRound,
    cpuPerCase: perCase((r) => cpuOf(r, side).total),
    cpuPerCaseByPart: Object.fromEntries(parts.map((p) => [p, perCase((r) => cpuOf(r, side).byPart[p])])),
    probeCpuPerCase: side === 'laurel' ? perCase((r) => r.outcome.probeApiCpuSeconds) : null,
    inboxP95: Object.fromEntries(ROLES.map((role) => [role, percentile(mine.flatMap((r) => r.outcome.inboxMs[role] ?? []), 95)])),
    firstStepLagMs: spread(lags(mine, history)),
    retries: history.retries,
    lockRetries: history.lockRetries,
    cutRetries: history.cutRetries,
    activityFailures: history.activityFailures,
    loggedFailures: fromLog((r) => r.log.activityFailures),
    loggedLockFailures: fromLog((r) => r.log.lockFailures),
    retryCauses: history.retryCauses,
    emailsPerCase: mine.length ? emails / (cases * mine.length) : null,
    duplicateEmails: mine.reduce((n, r) => n + r.mail.messages - r.mail.distinct, 0),
    errors: mine.reduce((n, r) => n + r.outcome.errors.length, 0),
    errorSamples: mine.flatMap((r) => r.outcome.errors).slice(0, 10),
    retriedAnswers: mine.reduce((n, r) => n + r.outcome.retriedAnswers.length, 0),
    retriedSamples: mine.flatMap((r) => r.outcome.retriedAnswers).slice(0, 10),
    slowWorkflowTasks: fromLog((r) => r.log.slowWorkflowTasks),
    roundSeconds: mean(mine.map((r) => r.outcome.wallSeconds)),
    phases: Object.fromEntries(phaseNames.map((name) => [name, mean(mine.map((r) => r.outcome.phases.find((p) => p.name === name)?.seconds).filter((s): s is number => s !== undefined))])),
    activities: activityTimes(history),
    workflowTask: timesOf(history.workflowTasks),
    updateInWorkflowMs: spread(history.updateMs),
    ...historySize(history, cases * mine.length),
  };
}

/** Laurel's figure over bare's, for the figures that compare. */
export interface Ratios {
  startP50: number | null;
  startP99: number | null;
  decisionP50: number | null;
  decisionP99: number | null;
  throughput: number | null;
  cpuPerCase: number | null;
}

export interface DatabaseFigures {
  database: DatabaseRun['database'];
  laurel: SideFigures;
  bare: SideFigures;
  ratios: Ratios;
  idleCpuPerSecond: CpuReading;
  /** Every status email a case sends on either side. */
  expectedEmailsPerCase: number;
}

export function databaseFigures(run: DatabaseRun): DatabaseFigures {
  const [laurel, bare] = [sideFigures(run.rounds, 'laurel'), sideFigures(run.rounds, 'bare')];
  const ratios: Ratios = {
    startP50: ratio(laurel.startMs.p50, bare.startMs.p50),
    startP99: ratio(laurel.startMs.p99, bare.startMs.p99),
    decisionP50: ratio(laurel.decisionMs.p50, bare.decisionMs.p50),
    decisionP99: ratio(laurel.decisionMs.p99, bare.decisionMs.p99),
    throughput: ratio(laurel.throughput, bare.throughput),
    cpuPerCase: ratio(laurel.cpuPerCase, bare.cpuPerCase),
  };
  return { database: run.database, laurel, bare, ratios, idleCpuPerSecond: run.idleCpuPerSecond, expectedEmailsPerCase: EMAILS_PER_CASE };
}
