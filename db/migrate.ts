import type Database from 'libsql';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { isPostgres, projectRoot } from '../config';
import { openSqlite, sqliteFile } from './sqlite-connection';

// Prisma's `migrate deploy` fails on PostgreSQL here (prisma/orm#27403), so migrations are
// applied by this runner, through the raw drivers, on both databases.

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsDir(databaseUrl: string): string {
  return path.join(projectRoot, 'prisma', 'migrations', isPostgres(databaseUrl) ? 'postgresql' : 'sqlite');
}

/** The folders of `dir` that hold a migration.sql, in name (= time) order. */
export function readMigrations(dir: string): Migration[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * The first migration not yet applied, after checking that what was applied is what is on disk:
 * an edited or vanished migration would leave the database in a state no code describes.
 */
function nextMigration(migrations: Migration[], applied: Map<string, string>): Migration | undefined {
  const known = new Map(migrations.map((m) => [m.name, m]));
  for (const [name, checksum] of applied) {
    const migration = known.get(name);
    if (!migration) {
      throw new Error(`migration ${name} is applied to the database but missing from the migrations folder (re-created? then start from a fresh database)`);
    }
    if (migration.checksum !== checksum) {
      throw new Error(`migration ${name} was changed after it was applied (checksum ${checksum.slice(0, 12)}… is now ${migration.checksum.slice(0, 12)}…)`);
    }
  }
  return migrations.find((m) => !applied.has(m.name));
}

function failed(migration: Migration, err: unknown): Error {
  return new Error(`migration ${migration.name} failed: ${err instanceof Error ? err.message : String(err)}`);
}

// Switching to WAL needs an exclusive lock that SQLite does not wait for (no busy handler),
// so a runner that finds the file busy with another runner retries.
async function useWal(db: Database.Database): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || attempt === 300) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function applySqlite(databaseUrl: string, migrations: Migration[]): Promise<string[]> {
  const file = sqliteFile(databaseUrl);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = openSqlite(databaseUrl, 30_000);
  const appliedNow: string[] = [];
  try {
    await useWal(db);
    // From here on synchronous on purpose: a lock held across an `await` would let another
    // connection in this process spin in SQLite's blocking busy handler, never yielding.
    for (;;) {
      // One write-locked transaction per migration; a concurrent runner waits, then sees it applied.
      db.exec('BEGIN IMMEDIATE');
      let next: Migration | undefined;
      try {
        db.exec('CREATE TABLE IF NOT EXISTS _laurel_migrations (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)');
        const rows = db.prepare('SELECT name, checksum FROM _laurel_migrations').all() as { name: string; checksum: string }[];
        next = nextMigration(migrations, new Map(rows.map((r) => [r.name, r.checksum])));
        if (next) {
          try {
            db.exec(next.sql);
          } catch (err) {
            throw failed(next, err);
          }
          db.prepare('INSERT INTO _laurel_migrations (name, checksum, applied_at) VALUES (?, ?, ?)').run(next.name, next.checksum, new Date().toISOString());
        }
        db.exec('COMMIT');
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw err;
      }
      if (!next) return appliedNow;
      appliedNow.push(next.name);
    }
  } finally {
    db.close();
  }
}

async function applyPostgres(databaseUrl: string, migrations: Migration[]): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const appliedNow: string[] = [];
  try {
    for (;;) {
      await client.query('BEGIN');
      let next: Migration | undefined;
      try {
        // Held until COMMIT: concurrent runners apply one migration at a time, each exactly once.
        await client.query("SELECT pg_advisory_xact_lock(hashtext('_laurel_migrations'))");
        await client.query('CREATE TABLE IF NOT EXISTS _laurel_migrations (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)');
        const { rows } = await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM _laurel_migrations');
        next = nextMigration(migrations, new Map(rows.map((r) => [r.name, r.checksum])));
        if (next) {
          await client.query(next.sql).catch((err) => Promise.reject(failed(next!, err)));
          await client.query('INSERT INTO _laurel_migrations (name, checksum, applied_at) VALUES ($1, $2, now())', [next.name, next.checksum]);
        }
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      }
      if (!next) return appliedNow;
      appliedNow.push(next.name);
    }
  } finally {
    await client.end();
  }
}

/**
 * Applies the pending migrations of the database's provider, in name order, each in its own
 * transaction; returns the names applied. Safe to run from several processes at once.
 */
export async function applyMigrations(databaseUrl: string, options: { dir?: string } = {}): Promise<string[]> {
  const migrations = readMigrations(options.dir ?? migrationsDir(databaseUrl));
  return isPostgres(databaseUrl) ? applyPostgres(databaseUrl, migrations) : applySqlite(databaseUrl, migrations);
}
