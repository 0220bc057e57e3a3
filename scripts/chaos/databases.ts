import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { isPostgres } from '../../config';
import { withDatabase } from '../../test/support/database';

export type DatabaseKind = 'sqlite' | 'postgresql';

/** The server the chaos databases are made on: DATABASE_URL's when it is PostgreSQL, else this machine's (as .ci/run uses). */
function postgresServerUrl(env: NodeJS.ProcessEnv = process.env): string {
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

export interface ChaosDatabase {
  url: string;
  remove: () => Promise<void>;
}

/** An empty database of the run's own: a file in `dir`, or a fresh database on the PostgreSQL server, dropped by `remove`. */
export async function createChaosDatabase(kind: DatabaseKind, dir: string): Promise<ChaosDatabase> {
  if (kind === 'sqlite') return { url: `file:${path.join(dir, 'laurel.db')}`, remove: async () => {} };
  const name = `laurel_chaos_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  return { url: withDatabase(postgresServerUrl(), name), remove: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
