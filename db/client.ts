import { PrismaPg } from '@prisma/adapter-pg';
import { isPostgres } from '../config';
import { ImmediateSQLiteAdapter } from './sqlite-adapter';
import type { Prisma, PrismaClient } from '../generated/prisma-sqlite';

/** Both generated clients share one model API; the SQLite one names the type. */
export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

const postgresClients = new WeakSet<Db>();

/** Whether the client talks to PostgreSQL, for the few statements the two databases spell differently. */
export function onPostgres(db: Db | Tx): boolean {
  return postgresClients.has(db as Db);
}

export function createDb(databaseUrl: string): Db {
  if (isPostgres(databaseUrl)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PrismaClient: PgClient } = require('../generated/prisma-postgresql');
    // The worker runs dozens of activities at once; with pg's default pool of 10 they queue for a
    // connection between an email's acceptance by the mail server and its record as sent, the very
    // window in which a crash makes the retry send it again (crash test: 3–13 resends at 10, 1 at 30).
    const client = new PgClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 30 }) }) as Db;
    postgresClients.add(client);
    return client;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PrismaClient: SqliteClient } = require('../generated/prisma-sqlite');
  // Worker and API are two processes on one file: wait for the other's lock instead of failing.
  return new SqliteClient({ adapter: new ImmediateSQLiteAdapter(databaseUrl, 15_000) }) as Db;
}
