import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

interface PreparingClient {
  prepare(sql: string): unknown;
}

/**
 * Prisma's better-sqlite3 adapter with every transaction begun IMMEDIATE: it takes the write lock
 * when it starts, waiting out the other process's (the API's or the worker's) under the busy
 * timeout. The adapter's plain BEGIN reads first and upgrades later, and an upgrade after the other
 * process wrote fails at once with SQLITE_BUSY_SNAPSHOT, which no busy timeout waits for: an
 * activity failed and waited for its retry (2–4% of committee votes under load).
 */
export class ImmediateSQLiteAdapter extends PrismaBetterSQLite3 {
  override async connect(): ReturnType<PrismaBetterSQLite3['connect']> {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client: PreparingClient }).client;
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql);
    return adapter;
  }
}
