import { PrismaPg } from '@prisma/adapter-pg';
import { isPostgres } from '../config';
import type { DirectSql } from './direct-sql';
import { postgresDirect } from './postgres-direct';
import { ImmediateSQLiteAdapter } from './sqlite-adapter';
import { sqliteDirect } from './sqlite-direct';
import { tracedSql } from './traced-sql';
import type { Prisma, PrismaClient } from '../generated/prisma-sqlite';

/** Both generated clients share one model API; the SQLite one names the type. */
export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

const postgresClients = new WeakSet<Db>();

/** Whether the client talks to PostgreSQL, for the few statements the two databases spell differently. */
export function onPostgres(db: Db | Tx): boolean {
  return postgresClients.has(db as Db);
}

const directSqlOf = new WeakMap<Db, DirectSql>();

/** The client's own connection for Laurel's direct SQL (db/direct-sql.ts), closed with the client. */
export function directSql(db: Db): DirectSql {
  const sql = directSqlOf.get(db);
  if (!sql) throw new Error('direct SQL is only available on a client made by createDb');
  return sql;
}

function withDirectSql(client: Db, sql: DirectSql): Db {
  directSqlOf.set(client, sql);
  const disconnect = client.$disconnect.bind(client);
  client.$disconnect = async () => {
    await sql.close();
    await disconnect();
  };
  return client;
}

/** Worker and API are two processes on one SQLite file: wait this long for the other's lock instead of failing. */
const SQLITE_BUSY_TIMEOUT_MS = 15_000;

export function createDb(databaseUrl: string): Db {
  if (isPostgres(databaseUrl)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PrismaClient: PgClient } = require('../generated/prisma-postgresql');
    // The worker runs dozens of activities at once; with pg's default pool of 10 they queue for a
    // connection between an email's acceptance by the mail server and its record as sent, the very
    // window in which a crash makes the retry send it again (crash test: 3–13 resends at 10, 1 at 30).
    const client = new PgClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 30 }) }) as Db;
    postgresClients.add(client);
    return withDirectSql(client, tracedSql(postgresDirect(databaseUrl), 'postgresql'));
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PrismaClient: SqliteClient } = require('../generated/prisma-sqlite');
  return withDirectSql(new SqliteClient({ adapter: new ImmediateSQLiteAdapter(databaseUrl, SQLITE_BUSY_TIMEOUT_MS) }) as Db, tracedSql(sqliteDirect(databaseUrl, SQLITE_BUSY_TIMEOUT_MS), 'sqlite'));
}
