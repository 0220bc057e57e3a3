import fs from 'node:fs';
import path from 'node:path';
import type { ScenarioResult } from './run-scenario';

const HEADERS = ['scenario', 'database', 'in flight', 'completed', 'lost', 'emails expected', 'delivered', 'duplicated', 'answered 5xx', 'recovery', 'time', 'result'];

function row(r: ScenarioResult): string[] {
  const e = r.emails;
  return [
    r.scenario,
    r.database,
    String(r.cases),
    String(r.completed),
    String(r.lost),
    e ? String(e.expected) : '—',
    e ? String(e.delivered) : '—',
    e ? String(e.duplicated) : '—',
    String(r.serverErrors),
    r.recoveryMs === undefined ? '—' : `${(r.recoveryMs / 1000).toFixed(1)} s`,
    `${r.seconds.toFixed(0)} s`,
    r.failures.length ? 'FAILED' : 'passed',
  ];
}

/** The results as a Markdown table, its columns padded so it also reads in a terminal. */
export function resultTable(results: ScenarioResult[]): string[] {
  const rows = [HEADERS, ...results.map(row)];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(HEADERS), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...results.map((r) => line(row(r)))];
}

/** Each scenario's failures, then what else happened. */
export function resultDetails(results: ScenarioResult[]): string[] {
  return results.flatMap((r) => [
    ...r.failures.map((f) => `${r.scenario}/${r.database}: FAILURE: ${f}`),
    ...r.notes.map((n) => `${r.scenario}/${r.database}: ${n}`),
  ]);
}

export interface Totals {
  passed: number;
  failed: number;
}

export function totalsOf(results: ScenarioResult[]): Totals {
  const failed = results.filter((r) => r.failures.length > 0).length;
  return { passed: results.length - failed, failed };
}

/** The totals as .ci/run adds them up; the printed `chaos: N passed, N failed` is the run's last line. */
export function writeTotals(file: string, totals: Totals): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ passed: totals.passed, failed: totals.failed })}\n`);
  console.log(`chaos: ${totals.passed} passed, ${totals.failed} failed`);
}
