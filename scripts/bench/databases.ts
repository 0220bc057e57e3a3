import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { isPostgres } from '../../config';
import { withDatabase } from '../../test/support/database';

export type DatabaseKind = 'sqlite' | 'postgresql';

/** The server the bench's PostgreSQL databases are made on: DATABASE_URL's when it is PostgreSQL, else this machine's. */
export function postgresServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL && isPostgres(env.DATABASE_URL) ? env.DATABASE_URL : 'postgresql://postgres@127.0.0.1:5432/postgres';
}

async function onServer(sql: string): Promise<void> {
  // CREATE/DROP DATABASE cannot run inside the database concerned: go through `postgres`.
  const client = new Client({ connectionString: withDatabase(postgresServerUrl(), 'postgres'), connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function postgresAvailable(): Promise<boolean> {
  try {
    await onServer('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/** The bench's own connections to PostgreSQL say who they are, so that their backends' CPU is counted for no side. */
export const HARNESS_APPLICATION = 'laurel-bench-harness';

/** `url` for the bench's own connections. */
export function harnessUrl(url: string): string {
  if (!isPostgres(url)) return url;
  const named = new URL(url);
  named.searchParams.set('application_name', HARNESS_APPLICATION);
  return named.toString();
}

export interface BenchDatabase {
  kind: DatabaseKind;
  url: string;
  /** PostgreSQL: the database's name, by which its backends are found. */
  name: string;
  remove: () => Promise<void>;
}

/** Every database made and not yet removed, so that a bench told to stop leaves none behind. */
const made = new Set<BenchDatabase>();

export async function removeAllDatabases(): Promise<void> {
  await Promise.allSettled([...made].map((d) => d.remove()));
}

function tracked(database: Omit<BenchDatabase, 'remove'>, remove: () => Promise<void>): BenchDatabase {
  const entry: BenchDatabase = {
    ...database,
    remove: async () => {
      if (!made.delete(entry)) return;
      await remove();
    },
  };
  made.add(entry);
  return entry;
}

/** An empty database of its own: a file in `dir`, or a fresh database on the PostgreSQL server. */
export async function createBenchDatabase(kind: DatabaseKind, dir: string, label: string): Promise<BenchDatabase> {
  if (kind === 'sqlite') {
    const file = path.join(dir, `${label}.db`);
    return tracked({ kind, url: `file:${file}`, name: file }, async () => fs.rmSync(file, { force: true }));
  }
  const name = `bench_${label.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  return tracked({ kind, url: withDatabase(postgresServerUrl(), name), name }, () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
