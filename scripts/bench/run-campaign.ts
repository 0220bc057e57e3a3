import type { BenchContext } from './bench-context';
import { unlessHalted } from './bench-context';
import type { CpuReading } from './cpu';
import type { DatabaseKind } from './databases';
import { createBenchDatabase } from './databases';
import type { ActivityTimes } from './histories';
import { activityTimes, readHistories, timesOf } from './histories';
import type { KeepingUp } from './keeping-up';
import { keepingUp } from './keeping-up';
import { CAMPAIGN_NOTICE_SECONDS, CAMPAIGN_WINNER_CAP, runLaurelCampaign } from './laurel-campaign';
import { startLaurelSystem } from './laurel-system';
import { caughtMailByTag } from './mail-count';
import { measured } from './measure';
import type { BenchOptions } from './options';
import { DECISIONS, ROLES } from './round-plan';
import type { Spread } from './stats';
import { spread } from './stats';
import type { TargetCheck } from './targets';
import { campaignTargets, targetLines } from './targets';
import { encryptingDataConverter } from '../../config/payload-codec';

/** Status emails a case has sent once it stands at each status of the happy path (a case in reserve: not-selected after awaiting-selection). */
const EMAILS_AT: Record<string, number> = {
  'seal-check': 1,
  'field-review': 2,
  'branch-shortlist': 3,
  'committee-review': 4,
  'awaiting-selection': 5,
  'public-notice': 6,
  'not-selected': 6,
  'notice-ended': 7,
  announced: 8,
};

export interface CampaignFigures extends KeepingUp {
  database: DatabaseKind;
  cases: number;
  targetRate: number;
  submissions: { answered: number; achievedRate: number; latencyMs: Spread };
  decisionMs: Record<string, Spread>;
  inboxMs: Record<string, Spread>;
  inboxLargest: Record<string, number>;
  winners: number;
  phases: Record<string, number>;
  totalSeconds: number;
  finalStatuses: Record<string, number>;
  emails: { expected: number; caught: number; duplicates: number };
  /** As the rounds' figures count them (figures.ts). */
  retries: number;
  lockRetries: number;
  cutRetries: number;
  activityFailures: number;
  loggedFailures: number;
  loggedLockFailures: number;
  retryCauses: string[];
  cpuSeconds: CpuReading;
  cpuPerCase: number;
  errors: number;
  errorSamples: string[];
  retriedAnswers: number;
  retriedSamples: string[];
  /** The worker's workflow tasks the SDK warned took over 5 s (TMPRL1104). */
  slowWorkflowTasks: number;
  /** Where the time went, from the histories (as in the rounds' figures). */
  activities: Record<string, ActivityTimes>;
  workflowTask: ActivityTimes;
  updateInWorkflowMs: Spread;
  targets: TargetCheck[];
}

/** One campaign of `options.campaign` cases, its whole life, on a fresh Laurel on `database`. */
export async function runCampaignOn(database: DatabaseKind, options: BenchOptions, ctx: BenchContext): Promise<CampaignFigures> {
  const cases = options.campaign!;
  ctx.say(`${database}: starting Laurel (worker, API) for one campaign of ${cases} nominations at ${options.rate} a second`);
  const laurel = await unlessHalted(ctx, createBenchDatabase(database, ctx.dir, 'campaign').then((db) => startLaurelSystem(db, ctx.services, ctx.dir, ctx.output, ctx.onDeath)));
  try {
    const tag = `campaign-${database}`;
    const parts = [...laurel.parts, ...ctx.services.parts];
    const postgres = database === 'postgresql' ? ctx.postgres : null;
    const logBefore = ctx.log.now();
    // Not raced with the halt: a campaign told to stop answers what it reached, and that is reported.
    const m = await measured(parts, postgres, [laurel.database.name], () => runLaurelCampaign(laurel, { tag, cases, rate: options.rate, concurrency: options.concurrency }, ctx.say, ctx.stopping));
    const outcome = m.result;
    ctx.say(`campaign: reading ${outcome.caseWorkflowIds.length + outcome.otherWorkflowIds.length} histories`);
    const codecs = encryptingDataConverter(laurel.payloadKeys).payloadCodecs ?? [];
    const history = await readHistories(ctx.temporal, [...outcome.caseWorkflowIds, ...outcome.otherWorkflowIds], 'recordCaseStep', codecs, 16);
    const log = ctx.log.since(logBefore);
    const mail = (await caughtMailByTag(ctx.services.mailDir, [tag]))[tag];
    const answered = outcome.submitMs.length - outcome.errors.filter((e) => e.startsWith('submission')).length;
    const achievedRate = answered / outcome.submissionSeconds;
    const cpuSeconds: CpuReading = { ...m.cpu, ...(m.postgresSeconds !== null && { postgresql: m.postgresSeconds }) };
    const expectedEmails = Object.entries(outcome.finalStatuses).reduce((n, [status, count]) => n + count * (EMAILS_AT[status] ?? 0), 0);
    const inboxMs = Object.fromEntries(Object.entries(outcome.inboxMs).map(([role, ms]) => [role, spread(ms)]));
    return {
      database,
      cases,
      targetRate: options.rate,
      submissions: { answered, achievedRate, latencyMs: spread(outcome.submitMs) },
      ...keepingUp(outcome.submittedAt, history.firstStepAt, achievedRate, options.rate),
      decisionMs: Object.fromEntries(Object.entries(outcome.decisionMs).map(([k, v]) => [k, spread(v)])),
      inboxMs,
      inboxLargest: outcome.inboxLargest,
      winners: outcome.winners,
      phases: Object.fromEntries(outcome.phases.map((p) => [p.name, p.seconds])),
      totalSeconds: m.seconds,
      finalStatuses: outcome.finalStatuses,
      emails: { expected: expectedEmails, caught: mail.distinct, duplicates: mail.messages - mail.distinct },
      retries: history.retries,
      lockRetries: history.lockRetries,
      cutRetries: history.cutRetries,
      activityFailures: history.activityFailures,
      loggedFailures: log.activityFailures['laurel-worker'] ?? 0,
      loggedLockFailures: log.lockFailures['laurel-worker'] ?? 0,
      retryCauses: history.retryCauses,
      cpuSeconds,
      cpuPerCase: Object.values(cpuSeconds).reduce((a, b) => a + b, 0) / cases,
      errors: outcome.errors.length,
      errorSamples: outcome.errors.slice(0, 10),
      retriedAnswers: outcome.retriedAnswers.length,
      retriedSamples: outcome.retriedAnswers.slice(0, 10),
      slowWorkflowTasks: log.slowWorkflowTasks['laurel-worker'] ?? 0,
      activities: activityTimes(history),
      workflowTask: timesOf(history.workflowTasks),
      updateInWorkflowMs: spread(history.updateMs),
      targets: campaignTargets(inboxMs),
    };
  } finally {
    await laurel.stop();
  }
}

const ms = (v: number | null) => (v === null ? '—' : `${v.toFixed(0)} ms`);

/** The campaign's figures in words and numbers. */
export function campaignTable(f: CampaignFigures): string[] {
  const lines = [
    `${f.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: one campaign of ${f.cases} nominations (winner cap ${CAMPAIGN_WINNER_CAP}, notice ${CAMPAIGN_NOTICE_SECONDS} s), ${f.totalSeconds.toFixed(0)} s in all`,
    `  submissions        ${f.submissions.answered} answered at ${f.submissions.achievedRate.toFixed(1)}/s (target ${f.targetRate}/s); latency p50 ${ms(f.submissions.latencyMs.p50)}, p99 ${ms(f.submissions.latencyMs.p99)}`,
    `  submit → 1st step  p50 ${ms(f.firstStepLagMs.p50)}, p95 ${ms(f.firstStepLagMs.p95)}, max ${ms(f.firstStepLagMs.max)}; p95 first tenth ${ms(f.lagP95FirstTenthMs)}, last tenth ${ms(f.lagP95LastTenthMs)}: ${f.keptUp ? 'the worker kept up' : 'the worker did NOT keep up'}`,
    ...DECISIONS.map(({ name }) => {
      // A campaign stopped short has no decisions of the stages it never reached.
      const d = f.decisionMs[name] ?? spread([]);
      return `  ${name.padEnd(18)} decisions ${d.count}, p50 ${ms(d.p50)}, p99 ${ms(d.p99)}`;
    }),
    ...ROLES.map((role) => {
      const i = f.inboxMs[role] ?? spread([]);
      return `  ${`${role} inbox`.padEnd(18)} reads ${i.count}, p50 ${ms(i.p50)}, p95 ${ms(i.p95)} (largest ${f.inboxLargest[role] ?? 0} tasks)`;
    }),
    `  phases             ${Object.entries(f.phases).map(([name, s]) => `${name} ${s.toFixed(0)} s`).join(', ')}`,
    `  final statuses     ${Object.entries(f.finalStatuses).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(', ')} (winners ${f.winners})`,
    `  emails             ${f.emails.caught} caught of ${f.emails.expected} expected, ${f.emails.duplicates} duplicates`,
    `  activity retries   ${f.retries} (database locks ${f.lockRetries}, cause cut by the server ${f.cutRetries}); activities that gave up ${f.activityFailures}`,
    `  worker log         ${f.loggedFailures} failed attempts, ${f.loggedLockFailures} naming a database lock`,
    `  CPU                ${(f.cpuPerCase * 1000).toFixed(0)} ms a case (${Object.entries(f.cpuSeconds).map(([p, s]) => `${p} ${s.toFixed(0)} s`).join(', ')})`,
    `  errors             ${f.errors}${f.errorSamples.length ? `: ${f.errorSamples[0]}` : ''}`,
    `  calls sent again   ${f.retriedAnswers}${f.retriedSamples.length ? `: ${f.retriedSamples[0]}` : ''}`,
    `  slow workflow tasks ${f.slowWorkflowTasks} over 5 s (the SDK's TMPRL1104)`,
    ...[...Object.entries(f.activities).sort(([a], [b]) => a.localeCompare(b)), ['workflow task', f.workflowTask] as const].map(
      ([name, a]) => `  ${name.padEnd(22)} ${a.count} runs, queued p50 ${ms(a.queuedP50)}, run p50 ${ms(a.runP50)}, p95 ${ms(a.runP95)}`,
    ),
    `  Update in workflow  accepted → completed p50 ${ms(f.updateInWorkflowMs.p50)}, p95 ${ms(f.updateInWorkflowMs.p95)}`,
    `  targets`,
    ...targetLines(f.targets),
  ];
  return lines;
}
