import type Database from 'libsql';
import type { DirectSql, SqlTx, SqlValue } from './direct-sql';
import { openSqlite, takeWriteLock } from './sqlite-connection';
import { reusePreparedStatements } from './sqlite-statement-cache';

/** A value as Prisma's libSQL adapter binds it. */
function bound(value: SqlValue): string | number | null {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/**
 * Direct SQL on connections of its own to the file, opened at first use. SQLite's file lock keeps
 * its transactions and Prisma's apart as it does the API's and the worker's; within the process they
 * take turns, since a connection holds one transaction at a time. Reads outside a transaction go to
 * a third connection: in WAL mode it reads what is committed without waiting for any writer, so a
 * request's reads never queue behind a transaction waiting out another process's write lock.
 */
export function sqliteDirect(url: string, busyTimeoutMs: number): DirectSql {
  let connection: Database.Database | undefined;
  let reader: Database.Database | undefined;
  let turns: Promise<unknown> = Promise.resolve();

  const open = () => (connection ??= reusePreparedStatements(openSqlite(url, busyTimeoutMs)));
  const openReader = () => (reader ??= reusePreparedStatements(openSqlite(url, busyTimeoutMs)));
  // The parameters go as one array: spread, a lone null would be taken for an object of named ones.
  const rowsOn = <T>(c: Database.Database, sql: string, params: readonly SqlValue[]) => c.prepare(sql).all(params.map(bound)) as T[];
  const tx: SqlTx = {
    onPostgres: false,
    rows: async (sql, params = []) => rowsOn(open(), sql, params),
    run: async (sql, params = []) => open().prepare(sql).run(params.map(bound)).changes,
  };

  function inTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = turns.then(work);
    turns = turn.catch(() => undefined);
    return turn;
  }

  return {
    rows: async (sql, params = []) => rowsOn(openReader(), sql, params),
    transaction: (work) =>
      inTurn(async () => {
        const c = open();
        await takeWriteLock(c, busyTimeoutMs);
        try {
          const result = await work(tx);
          c.exec('COMMIT');
          return result;
        } finally {
          if (c.inTransaction) c.exec('ROLLBACK');
        }
      }),
    close: () =>
      inTurn(async () => {
        connection?.close();
        reader?.close();
        connection = reader = undefined;
      }),
  };
}
