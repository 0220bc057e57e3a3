import type { Client, Transaction } from '@libsql/client';
import { Sqlite3Client, Sqlite3Transaction } from '@libsql/client/sqlite3';
import { PrismaLibSql } from '@prisma/adapter-libsql';
import type Database from 'libsql';
import { openSqlite, sqliteFile } from './sqlite-connection';

/**
 * Prisma's libSQL adapter on one connection to a local file, with a busy timeout, every
 * transaction begun IMMEDIATE.
 *
 * The API and the worker are two processes on one file: the busy timeout makes a statement wait out
 * the other's write lock instead of failing. A DEFERRED begin (the adapter's) reads first and
 * upgrades later, and an upgrade after the other process wrote fails at once with
 * SQLITE_BUSY_SNAPSHOT, which no busy timeout waits for: an activity failed and waited for its
 * retry (2–4% of committee votes under load). IMMEDIATE takes the write lock when it starts.
 *
 * One connection, because libSQL's client hands its connection to each transaction and opens a new
 * one, without the busy timeout, for whatever comes next; the adapter already runs one statement
 * or transaction at a time per process.
 */
export class ImmediateSQLiteAdapter extends PrismaLibSql {
  constructor(
    private readonly url: string,
    private readonly busyTimeoutMs: number,
  ) {
    super({ url });
  }

  override createClient(): Client {
    return new OneConnectionClient(sqliteFile(this.url), openSqlite(this.url, this.busyTimeoutMs));
  }
}

class OneConnectionClient extends Sqlite3Client {
  constructor(
    path: string,
    private readonly connection: Database.Database,
  ) {
    super(path, {}, connection, 'number');
  }

  override async transaction(): Promise<Transaction> {
    this.connection.exec('BEGIN IMMEDIATE');
    return new Sqlite3Transaction(this.connection, 'number');
  }
}
