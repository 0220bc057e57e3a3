import Database from 'libsql';
import { setTimeout as sleep } from 'node:timers/promises';

/** The file a `file:` URL names. */
export function sqliteFile(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, '');
}

/**
 * A connection to a SQLite file with Laurel's settings. The busy timeout makes a statement wait out
 * another process's write lock instead of failing. synchronous NORMAL and a 16 MB page cache are
 * better-sqlite3's build settings, which Laurel ran on before libSQL: in WAL mode NORMAL loses
 * nothing when a process dies (only an OS crash can undo the last commits) and spares an fsync per
 * commit; libSQL's defaults (FULL, 2 MB) were 25% slower.
 */
export function openSqlite(databaseUrl: string, busyTimeoutMs: number): Database.Database {
  const connection = new Database(sqliteFile(databaseUrl));
  connection.pragma(`busy_timeout = ${busyTimeoutMs}`);
  connection.pragma('synchronous = NORMAL');
  connection.pragma('cache_size = -16000');
  return connection;
}

/** The longest pause between two tries for the lock: SQLite's own busy handler's, too. */
const LONGEST_PAUSE_MS = 25;

const isBusy = (err: unknown) => (err as { code?: unknown })?.code === 'SQLITE_BUSY';

/**
 * BEGIN IMMEDIATE, tried on a timer until another connection lets go of the write lock or the busy
 * timeout is spent: SQLite's busy timeout would wait by sleeping in the call, which here is
 * synchronous, and stand the whole process still. The busy handler is off only for the try: a
 * BEGIN refused for a lock leaves nothing behind (unlike a statement, which stays in progress until
 * it is reset and then stops every COMMIT of the connection), and what runs once the lock is held
 * keeps the handler.
 */
export async function takeWriteLock(connection: Database.Database, busyTimeoutMs: number): Promise<void> {
  const giveUpAt = Date.now() + busyTimeoutMs;
  for (let pause = 1; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
    connection.pragma('busy_timeout = 0');
    try {
      connection.exec('BEGIN IMMEDIATE');
      return;
    } catch (err) {
      if (!isBusy(err) || Date.now() >= giveUpAt) throw err;
    } finally {
      connection.pragma(`busy_timeout = ${busyTimeoutMs}`);
    }
    await sleep(pause);
  }
}
