import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { isPostgres } from '../../config';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';

export interface TestDatabase {
  url: string;
  db: Db;
  drop: () => Promise<void>;
}

/** The same server as `serverUrl`, but database `name`. */
export function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  // CREATE/DROP DATABASE cannot run inside the database concerned: go through `postgres`.
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An empty, unmigrated database of the kind DATABASE_URL selects (SQLite unless it is PostgreSQL). */
export async function createEmptyDatabase(): Promise<{ url: string; remove: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL ?? '';
  if (isPostgres(serverUrl)) {
    const name = `laurel_test_${randomBytes(6).toString('hex')}`;
    await onServer(serverUrl, `CREATE DATABASE ${name}`);
    return { url: withDatabase(serverUrl, name), remove: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-db-'));
  return { url: `file:${path.join(dir, 'test.db')}`, remove: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh, migrated database with a Prisma client on it; `drop()` disconnects and deletes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { url, remove } = await createEmptyDatabase();
  await applyMigrations(url);
  const db = createDb(url);
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await remove();
    },
  };
}
