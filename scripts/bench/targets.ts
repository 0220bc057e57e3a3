import type { DatabaseFigures } from './figures';
import type { Spread } from './stats';

// The done-when of the benchmark's issue: Laurel against bare on SQLite, and its inboxes with a
// campaign of 10,000 cases. Checked on every database; SQLite's are the ones that count.

export interface TargetCheck {
  target: string;
  /** The figure checked: a ratio (×) or ms; null when not measured. */
  value: number | null;
  unit: '×' | 'ms';
  met: boolean | null;
}

/** An inbox read this fast (p95) for every role. */
const INBOX_P95_MS = 50;

function check(target: string, value: number | null, unit: TargetCheck['unit'], bound: number, atLeast = false): TargetCheck {
  return { target, value, unit, met: value === null ? null : atLeast ? value >= bound : value <= bound };
}

/** Every role's inbox p95 within INBOX_P95_MS: the slowest role's is checked. */
export function inboxTarget(p95ByRole: Record<string, number | null>): TargetCheck {
  const values = Object.values(p95ByRole);
  const slowest = values.includes(null) || values.length === 0 ? null : Math.max(...(values as number[]));
  return check(`inbox p95 ≤ ${INBOX_P95_MS} ms, every role`, slowest, 'ms', INBOX_P95_MS);
}

export function roundTargets(f: DatabaseFigures): TargetCheck[] {
  return [
    check('decision p50 ≤ 1.2× Update', f.ratios.decisionP50, '×', 1.2),
    check('decision p99 ≤ 1.5× Update', f.ratios.decisionP99, '×', 1.5),
    check('submit p50 ≤ 1.5× start', f.ratios.startP50, '×', 1.5),
    check('throughput ≥ 0.85× bare', f.ratios.throughput, '×', 0.85, true),
    check('CPU per case ≤ 1.2× bare', f.ratios.cpuPerCase, '×', 1.2),
    inboxTarget(f.laurel.inboxP95),
  ];
}

export function campaignTargets(inboxMs: Record<string, Spread>): TargetCheck[] {
  return [inboxTarget(Object.fromEntries(Object.entries(inboxMs).map(([role, s]) => [role, s.p95])))];
}

/** One line a target: what it asks, the figure, met or not. */
export function targetLines(checks: TargetCheck[]): string[] {
  return checks.map((c) => {
    const value = c.value === null ? '—' : c.unit === '×' ? `${c.value.toFixed(2)}×` : `${c.value.toFixed(1)} ms`;
    return `  ${c.target.padEnd(34)}${value.padStart(10)}  ${c.met === null ? 'not measured' : c.met ? 'met' : 'NOT met'}`;
  });
}
