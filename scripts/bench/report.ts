import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseFigures, SideFigures } from './figures';
import { DECISIONS, ROLES } from './round-plan';
import type { DatabaseRun } from './run-rounds';
import { roundTargets, targetLines } from './targets';
import { ratio } from './stats';

type Value = number | null | undefined;
export type Row = [label: string, laurel: Value, bare: Value, digits: number, withRatio?: boolean];

function formatted(value: Value, digits: number): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits);
}

/** Rows of Laurel's figure, bare's, and (where it compares) Laurel's over bare's. */
export function table(rows: Row[]): string[] {
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const lines = [`${''.padEnd(width)}${'Laurel'.padStart(10)}${'bare'.padStart(10)}${'Laurel/bare'.padStart(13)}`];
  for (const [label, laurel, bare, digits, withRatio = true] of rows) {
    const r = withRatio ? ratio(laurel, bare) : null;
    lines.push(`${label.padEnd(width)}${formatted(laurel, digits).padStart(10)}${formatted(bare, digits).padStart(10)}${(r === null ? '' : `${r.toFixed(1)}×`).padStart(13)}`);
  }
  return lines;
}

const kb = (bytes: number | null) => (bytes === null ? null : bytes / 1024);

export const DATABASE_NAMES = { sqlite: 'SQLite', postgresql: 'PostgreSQL' } as const;

/** The figures of one database as a table: Laurel, bare, and Laurel over bare. */
export function figuresTable(f: DatabaseFigures): string[] {
  const { laurel: l, bare: b } = f;
  const part = (s: SideFigures, name: string) => s.cpuPerCaseByPart[name] ?? null;
  const rows: Row[] = [
    ['submit | workflow start   p50 ms', l.startMs.p50, b.startMs.p50, 1],
    ['                          p99 ms', l.startMs.p99, b.startMs.p99, 1],
    ['decision | Update         p50 ms', l.decisionMs.p50, b.decisionMs.p50, 1],
    ['                          p99 ms', l.decisionMs.p99, b.decisionMs.p99, 1],
    [`throughput (${DECISIONS.length} decisions)  cases/s`, l.throughput, b.throughput, 2],
    ['CPU per case              s', l.cpuPerCase, b.cpuPerCase, 3],
    ['  API | client            s', part(l, 'laurel-api'), part(b, 'bare-client'), 3],
    ['  worker                  s', part(l, 'laurel-worker'), part(b, 'bare-worker'), 3],
    ['  Temporal server         s', part(l, 'temporal'), part(b, 'temporal'), 3],
    ['  mail catcher            s', part(l, 'mail'), part(b, 'mail'), 3],
    ['  (left out: API during inbox probes  s)', l.probeCpuPerCase, null, 3, false],
    ...(f.database === 'postgresql' ? [['  PostgreSQL backends     s', part(l, 'postgresql'), part(b, 'postgresql'), 3] as Row] : []),
    ['history per case          events', l.eventsPerCase, b.eventsPerCase, 1],
    ['                          KB', kb(l.historyBytesPerCase), kb(b.historyBytesPerCase), 1],
    ['submit → first step       p50 ms', l.firstStepLagMs.p50, b.firstStepLagMs.p50, 1],
    ['                          p95 ms', l.firstStepLagMs.p95, b.firstStepLagMs.p95, 1],
    ['activity retries          all', l.retries, b.retries, 0, false],
    ['                          db locks', l.lockRetries, b.lockRetries, 0, false],
    ['                          cause cut', l.cutRetries, b.cutRetries, 0, false],
    ['activities that gave up', l.activityFailures, b.activityFailures, 0, false],
    ["worker log: failed attempts", l.loggedFailures, b.loggedFailures, 0, false],
    ['                          db locks', l.loggedLockFailures, b.loggedLockFailures, 0, false],
    [`emails per case (of ${f.expectedEmailsPerCase})`, l.emailsPerCase, b.emailsPerCase, 2, false],
    ['errors', l.errors, b.errors, 0, false],
    ['calls sent again (busy)', l.retriedAnswers, b.retriedAnswers, 0, false],
    ['workflow tasks over 5 s', l.slowWorkflowTasks, b.slowWorkflowTasks, 0, false],
    ...ROLES.map((role, i): Row => [`${i === 0 ? 'inbox p95 ms  ' : '              '}${role}`, l.inboxP95[role], null, 1, false]),
    ['round, submit → last email  s', l.roundSeconds, b.roundSeconds, 1],
  ];
  return [`${DATABASE_NAMES[f.database]}: ${l.rounds} rounds × ${l.casesPerRound} cases a side`, ...table(rows)];
}

/** Where each side's time goes, from the workflows' histories. */
export function timeTable(f: DatabaseFigures): string[] {
  const lines = [`${DATABASE_NAMES[f.database]}: where the time goes (ms, from the histories)`, `${''.padEnd(32)}${'count'.padStart(8)}${'queued p50'.padStart(12)}${'run p50'.padStart(10)}${'run p95'.padStart(10)}`];
  for (const [side, s] of [['Laurel', f.laurel], ['bare', f.bare]] as const) {
    const rows: [string, { count: number; queuedP50: Value; runP50: Value; runP95: Value }][] = [
      ...Object.entries(s.activities).sort(([a], [b]) => a.localeCompare(b)),
      ['workflow task', s.workflowTask],
      ['Update, accepted → completed', { count: s.updateInWorkflowMs.count, queuedP50: null, runP50: s.updateInWorkflowMs.p50, runP95: s.updateInWorkflowMs.p95 }],
    ];
    for (const [name, a] of rows)
      lines.push(`${`${side.padEnd(7)} ${name}`.padEnd(32)}${String(a.count).padStart(8)}${formatted(a.queuedP50, 1).padStart(12)}${formatted(a.runP50, 1).padStart(10)}${formatted(a.runP95, 1).padStart(10)}`);
  }
  return lines;
}

/** The issue's targets against this database's figures (they are set for SQLite). */
export function targetsTable(f: DatabaseFigures): string[] {
  return [`${DATABASE_NAMES[f.database]}: targets${f.database === 'sqlite' ? '' : ' (set for SQLite)'}`, ...targetLines(roundTargets(f))];
}

/** The rounds as measured, every sample kept but the histories' (the figures pool those). */
export function roundRecords(runs: DatabaseRun[]) {
  return runs.flatMap((run) => run.rounds.map(({ history, ...record }) => ({ ...record, workflowsRead: history.workflows })));
}

export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}
