import Database from 'libsql';

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
