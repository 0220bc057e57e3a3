import { DECIDE_AGAIN_AFTER_MS, runCaseFlow } from './case-flow';
import type { FlowOutcome } from './case-flow';
import { CallLog, ChaosClient } from './chaos-client';
import type { ChaosSystem } from './chaos-system';
import type { DatabaseKind } from './databases';
import type { EmailFigures } from './email-count';
import { EMAILS_PER_ANNOUNCED_CASE, countEmails, emailsSettled } from './email-count';
import { FlowProgress } from './flow-progress';
import { describeLostCases } from './lost-cases';
import { ProgressMonitor } from './progress-monitor';
import type { Scenario } from './scenarios';

export interface ScenarioResult {
  scenario: Scenario['name'];
  database: DatabaseKind;
  /** Cases the clients set out to take from submission to announcement. */
  cases: number;
  completed: number;
  lost: number;
  emails?: EmailFigures;
  /** State-changing calls answered 5xx other than 503. */
  serverErrors: number;
  /** From the fault's end until the API answered and the system moved forward again. */
  recoveryMs?: number;
  seconds: number;
  /** Why the scenario failed; empty when it passed. */
  failures: string[];
  /** What else happened, for whoever reads the log. */
  notes: string[];
}

export function emptyResult(scenario: Scenario['name'], database: DatabaseKind, cases: number): ScenarioResult {
  return { scenario, database, cases, completed: 0, lost: cases, serverErrors: 0, seconds: 0, failures: [], notes: [] };
}

/** Time for a whole scenario, fault and recovery included: past it, what is not done is lost. */
const budgetMs = (cases: number) => 150_000 + cases * 4_000;
/** After the last announcement: time for the last emails (and any retried after the mail outage) to go out. */
const EMAIL_SETTLE_MS = 90_000;

/** One scenario: a campaign of its own with N cases driven through the system, the fault injected mid-flight, the figures. */
export async function runScenario(scenario: Scenario, system: ChaosSystem, cases: number, say: (line: string) => void): Promise<ScenarioResult> {
  const started = Date.now();
  const result = emptyResult(scenario.name, system.database, cases);
  const exitsBefore = new Map(Object.values(system.parts).map((p) => [p.name, p.unexpectedExits.length]));
  const monitor = new ProgressMonitor(system);
  try {
    say(`${scenario.fault}; ${cases} cases`);
    const restarted = await system.startMissingParts();
    if (restarted.length) result.notes.push(`started again before the scenario, being down: ${restarted.join(', ')}`);
    monitor.start();
    const calls = new CallLog();
    const { flow, faultEndedAt } = await driveWithFault(system, scenario, cases, calls, monitor, say, result.failures);
    await judge(result, { system, scenario, flow, calls, monitor, faultEndedAt });
  } catch (err) {
    result.failures.push(`the run broke off: ${err instanceof Error ? err.message : err}`);
  } finally {
    await monitor.stop();
  }
  for (const part of Object.values(system.parts)) {
    for (const exit of part.unexpectedExits.slice(exitsBefore.get(part.name))) result.notes.push(`${part.name} died on its own: ${exit}`);
  }
  result.seconds = (Date.now() - started) / 1000;
  say(`${result.failures.length ? 'FAILED' : 'passed'} in ${result.seconds.toFixed(0)} s`);
  return result;
}

/** Runs the cases and, once half of them are submitted and as many decisions answered, the fault. */
async function driveWithFault(system: ChaosSystem, scenario: Scenario, cases: number, calls: CallLog, monitor: ProgressMonitor, say: (line: string) => void, failures: string[]) {
  const progress = new FlowProgress();
  const flowOver = new AbortController();
  const half = Math.ceil(cases / 2);
  const fault = progress.when((p) => p.submitted >= half && p.decided >= half, flowOver.signal).then(() => {
    say(`fault: ${progress.submitted} submitted, ${progress.decided} decisions answered`);
    return scenario.inject(system, say);
  });
  fault.catch(() => {});
  const until = Date.now() + budgetMs(cases);
  let flow: FlowOutcome;
  try {
    flow = await runCaseFlow({ anonymous: new ChaosClient(system.baseUrl, calls), cases, until, progress, onCampaign: (id) => monitor.watchCampaign(id), say });
  } finally {
    flowOver.abort();
  }
  let faultEndedAt: number | undefined;
  try {
    faultEndedAt = await fault;
  } catch (err) {
    failures.push(`the fault was not injected: ${err instanceof Error ? err.message : err}`);
  }
  await emailsSettled(system.db, system.mailDir, flow.caseIds, Date.now() + EMAIL_SETTLE_MS);
  return { flow, faultEndedAt };
}

interface Evidence {
  system: ChaosSystem;
  scenario: Scenario;
  flow: FlowOutcome;
  calls: CallLog;
  monitor: ProgressMonitor;
  faultEndedAt?: number;
}

/** The figures, from the database and the mail server (the truth), and the verdict. */
async function judge(result: ScenarioResult, { system, scenario, flow, calls, monitor, faultEndedAt }: Evidence): Promise<void> {
  const stored = flow.campaignId ? await system.db.case.findMany({ where: { campaignId: flow.campaignId }, select: { id: true, status: true } }) : [];
  const statusOf = new Map(stored.map((c) => [c.id, c.status]));
  result.completed = flow.caseIds.filter((id) => statusOf.get(id) === 'announced').length;
  result.lost = result.cases - result.completed;
  if (result.lost > 0) {
    const where = new Map<string, number>();
    const unanswered = result.cases - flow.caseIds.length;
    if (unanswered) where.set('submission never answered', unanswered);
    for (const id of flow.caseIds) {
      const status = statusOf.get(id) ?? 'not in the database';
      if (status !== 'announced') where.set(status, (where.get(status) ?? 0) + 1);
    }
    result.failures.push(`${result.lost} cases lost: ${[...where].map(([s, n]) => `${n} ${s}`).join(', ')}`);
    result.notes.push(...(await describeLostCases(system, flow.caseIds.filter((id) => statusOf.get(id) !== 'announced'))));
  }
  const mine = new Set(flow.caseIds);
  const extra = stored.filter((c) => !mine.has(c.id));
  if (extra.length) result.failures.push(`${extra.length} cases stored that no answered submission named (a retried submission stored twice?): ${extra.map((c) => `${c.id} ${c.status}`).join(', ')}`);

  result.serverErrors = calls.serverErrors.length;
  if (calls.serverErrors.length) result.failures.push(`${calls.serverErrors.length} state-changing calls answered 5xx: ${calls.serverErrors.slice(0, 5).join(' | ')}`);

  const emails = await countEmails(system.db, system.mailDir, flow.caseIds, result.cases * EMAILS_PER_ANNOUNCED_CASE);
  result.emails = emails;
  if (emails.duplicated) result.failures.push(`${emails.duplicated} emails duplicated: ${emails.duplicates.slice(0, 5).join(', ')}`);
  if (emails.delivered < emails.expected) result.failures.push(`${emails.expected - emails.delivered} emails expected were not delivered`);
  if (Object.keys(emails.unsent).length) result.notes.push(`outbox rows not sent: ${JSON.stringify(emails.unsent)}`);

  if (faultEndedAt !== undefined) {
    result.recoveryMs = monitor.recoveryMs(faultEndedAt, scenario.progress);
    if (result.recoveryMs === undefined) result.notes.push('the system never answered and moved forward again after the fault');
  }
  result.notes.push(
    `calls: ${calls.retries} retries, ${calls.unavailable} answered 503, ${calls.stillBeingAnswered} answered 409 request-in-progress, ` +
      `${calls.requestTimeouts.length} answered 408, ${calls.connectionErrors} connection errors, ` +
      `${calls.timeouts} timeouts; slowest answer to a state-changing call ${(calls.slowestAnswerMs / 1000).toFixed(1)} s`,
  );
  if (calls.conflictsOnRetry.length) {
    result.notes.push(`${calls.conflictsOnRetry.length} retries refused with 409 after an attempt that went unanswered (the contract wants the first answer): ${calls.conflictsOnRetry.slice(0, 3).join(' | ')}`);
  }
  if (flow.refusedWhileListed.length) {
    result.notes.push(
      `${flow.refusedWhileListed.length} decisions refused 409 task-not-open while the task was open in the inbox, each decided again ${DECIDE_AGAIN_AFTER_MS / 1000} s later under a new key: ` +
        flow.refusedWhileListed.slice(0, 3).join(', '),
    );
  }
  if (calls.requestTimeouts.length) result.notes.push(`answered 408 and sent again: ${calls.requestTimeouts.slice(0, 5).join(', ')}`);
  if (calls.readServerErrors.length) result.notes.push(`${calls.readServerErrors.length} reads answered 5xx: ${calls.readServerErrors.slice(0, 3).join(' | ')}`);
  result.notes.push(...flow.problems.slice(0, 10));
  if (flow.problems.length > 10) result.notes.push(`… and ${flow.problems.length - 10} more such problems`);
}
