import { parseArgs } from 'node:util';
import type { DatabaseKind } from './databases';
import type { ScenarioName } from './scenarios';
import { SCENARIO_NAMES } from './scenarios';

export interface ChaosOptions {
  /** Cases each scenario drives from submission to announcement. */
  cases: number;
  /** Both by default: a PostgreSQL server that does not answer fails its scenarios. */
  databases: DatabaseKind[];
  scenarios: ScenarioName[];
}

const DEFAULT_CASES = 5;

export class UsageError extends Error {}

const USAGE = `usage: npm run chaos -- [--cases N] [--db sqlite|postgresql|both] [--scenario ${SCENARIO_NAMES.join(',')}]`;

function wholeNumber(name: string, raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`--${name} must be a whole number of at least 1, not ${JSON.stringify(raw)}\n${USAGE}`);
  return Number(raw);
}

function databaseList(raw: string | undefined): DatabaseKind[] {
  if (raw === undefined || raw === '' || raw === 'both') return ['sqlite', 'postgresql'];
  if (raw === 'sqlite' || raw === 'postgresql') return [raw];
  throw new UsageError(`--db must be sqlite, postgresql or both, not ${JSON.stringify(raw)}\n${USAGE}`);
}

function scenarioList(raw: string | undefined): ScenarioName[] {
  if (raw === undefined || raw === '') return [...SCENARIO_NAMES];
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(SCENARIO_NAMES as readonly string[]).includes(n));
  if (unknown.length || !names.length) throw new UsageError(`unknown scenario ${unknown.join(', ') || JSON.stringify(raw)}\n${USAGE}`);
  return names as ScenarioName[];
}

/** The command line, with CHAOS_CASES, CHAOS_DB and CHAOS_SCENARIOS as fallbacks (for CI). */
export function chaosOptions(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): ChaosOptions {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { cases: { type: 'string' }, db: { type: 'string' }, scenario: { type: 'string' } } }));
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : err}\n${USAGE}`);
  }
  const cases = values.cases ?? env.CHAOS_CASES;
  return {
    cases: cases === undefined || cases === '' ? DEFAULT_CASES : wholeNumber('cases', cases),
    databases: databaseList(values.db ?? env.CHAOS_DB),
    scenarios: scenarioList(values.scenario ?? env.CHAOS_SCENARIOS),
  };
}
