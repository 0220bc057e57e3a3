import type { Client, InArgs, InStatement, ResultSet, Transaction } from '@libsql/client';
import { Sqlite3Client, Sqlite3Transaction } from '@libsql/client/sqlite3';
import { PrismaLibSql } from '@prisma/adapter-libsql';
import type Database from 'libsql';
import { openSqlite, sqliteFile, takeWriteLock } from './sqlite-connection';
import { reusePreparedStatements } from './sqlite-statement-cache';

/**
 * Prisma's libSQL adapter on one connection to a local file, every transaction begun IMMEDIATE,
 * waiting for the other process's write lock without holding up its own.
 *
 * The API and the worker are two processes on one file. A DEFERRED begin (the adapter's) reads
 * first and upgrades later, and an upgrade after the other process wrote fails at once with
 * SQLITE_BUSY_SNAPSHOT, which no busy timeout waits for: an activity failed and waited for its
 * retry (2–4% of committee votes under load). IMMEDIATE takes the write lock when it starts.
 *
 * SQLite's busy timeout waits by sleeping in the call, which here is synchronous: while one write
 * waited for the lock, the whole process stood still (the API's other requests, the worker's
 * workflow tasks). So every write, in a transaction or on its own, first takes the lock on a
 * series of timers (takeWriteLock).
 *
 * One connection, because libSQL's client hands its connection to each transaction and opens a new
 * one, without these settings, for whatever comes next; the adapter already runs one statement or
 * transaction at a time per process.
 */
export class ImmediateSQLiteAdapter extends PrismaLibSql {
  constructor(
    private readonly url: string,
    private readonly busyTimeoutMs: number,
  ) {
    super({ url });
  }

  override createClient(): Client {
    return new OneConnectionClient(sqliteFile(this.url), reusePreparedStatements(openSqlite(this.url, this.busyTimeoutMs)), this.busyTimeoutMs);
  }
}

/** Statements that only read: they never wait for the write lock (WAL). */
const isRead = (sql: string) => /^\s*(SELECT|PRAGMA|EXPLAIN)\b/i.test(sql);

class OneConnectionClient extends Sqlite3Client {
  constructor(
    path: string,
    private readonly connection: Database.Database,
    private readonly busyTimeoutMs: number,
  ) {
    super(path, {}, connection, 'number');
  }

  /** A write on its own takes the lock as a transaction does, and commits at once. */
  override async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const run = () => (typeof stmtOrSql === 'string' ? super.execute(stmtOrSql, args) : super.execute(stmtOrSql));
    if (isRead(typeof stmtOrSql === 'string' ? stmtOrSql : stmtOrSql.sql)) return run();
    await takeWriteLock(this.connection, this.busyTimeoutMs);
    try {
      const result = await run();
      this.connection.exec('COMMIT');
      return result;
    } finally {
      if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
    }
  }

  override async transaction(): Promise<Transaction> {
    await takeWriteLock(this.connection, this.busyTimeoutMs);
    return new Sqlite3Transaction(this.connection, 'number');
  }
}
