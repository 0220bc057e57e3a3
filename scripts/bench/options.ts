import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../../config';

export type DatabaseChoice = 'sqlite' | 'postgresql' | 'both';

export interface BenchOptions {
  cases: number;
  concurrency: number;
  rounds: number;
  databases: DatabaseChoice;
  jsonFile: string;
  /** Campaign mode: one campaign of this many nominations, its whole life, instead of rounds. */
  campaign?: number;
  /** Campaign and arrivals modes: submissions a second. */
  rate: number;
  /** Arrivals mode: this many nominations a side at `rate`, until every first step, instead of rounds. */
  arrivals?: number;
  /** Inbox mode: every role's inbox over this many cases, stored directly, no workflows. */
  inbox?: number;
  /** Where each Node process the bench starts writes its CPU profile, if anywhere. */
  cpuProfileDir?: string;
}

export class UsageError extends Error {}

export const USAGE =
  'usage: npm run bench -- [--cases N] [--concurrency C] [--rounds R] [--db sqlite|postgresql|both] [--json FILE] [--cpu-profile DIR]\n' +
  '       npm run bench -- --campaign N [--rate PER_SECOND] [--concurrency C] [--db …] [--json FILE] [--cpu-profile DIR]\n' +
  '       npm run bench -- --arrivals N [--rate PER_SECOND] [--rounds R] [--db …] [--json FILE] [--cpu-profile DIR]\n' +
  '       npm run bench -- --inbox N [--db …] [--json FILE]';

function whole(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new UsageError(`--${name} must be a whole number of at least ${min}, not ${JSON.stringify(raw)}`);
  return Number(raw);
}

export function benchOptions(args = process.argv.slice(2)): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        cases: { type: 'string' },
        concurrency: { type: 'string' },
        rounds: { type: 'string' },
        db: { type: 'string' },
        json: { type: 'string' },
        campaign: { type: 'string' },
        rate: { type: 'string' },
        arrivals: { type: 'string' },
        inbox: { type: 'string' },
        'cpu-profile': { type: 'string' },
      },
    }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const db = values.db ?? 'both';
  if (db !== 'sqlite' && db !== 'postgresql' && db !== 'both') throw new UsageError(`--db must be sqlite, postgresql or both, not ${JSON.stringify(db)}`);
  const modes = (['campaign', 'arrivals', 'inbox'] as const).filter((mode) => values[mode] !== undefined);
  if (modes.length > 1) throw new UsageError(`--${modes.join(' and --')} are different runs: choose one`);
  return {
    cases: whole('cases', values.cases, 100),
    concurrency: whole('concurrency', values.concurrency, 8),
    rounds: whole('rounds', values.rounds, 2),
    databases: db,
    jsonFile: path.resolve(values.json ?? path.join(projectRoot, 'var', 'bench', 'last.json')),
    campaign: values.campaign === undefined ? undefined : whole('campaign', values.campaign, 0),
    rate: whole('rate', values.rate, 20),
    arrivals: values.arrivals === undefined ? undefined : whole('arrivals', values.arrivals, 1),
    inbox: values.inbox === undefined ? undefined : whole('inbox', values.inbox, 1),
    cpuProfileDir: values['cpu-profile'] === undefined ? undefined : path.resolve(values['cpu-profile']),
  };
}
