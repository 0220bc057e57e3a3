import type { PoolClient } from 'pg';
import { Pool, types } from 'pg';
import type { DirectSql, SqlTx, SqlValue } from './direct-sql';

const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;

/** Prisma's columns are timestamps without a zone holding UTC: read and written as UTC, whatever the process's zone. */
const parseUtc = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
const bound = (value: SqlValue) => (value instanceof Date ? value.toISOString().replace('T', ' ').replace('Z', '') : value);

/** `?` → `$1, $2…`, once per text. */
const numbered = new Map<string, string>();
function numberedSql(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    numbered.set(sql, text);
  }
  return text;
}

/** Direct SQL on a small pool of its own, opened at first use. */
export function postgresDirect(url: string): DirectSql {
  let pool: Pool | undefined;
  function open(): Pool {
    if (pool) return pool;
    pool = new Pool({
      connectionString: url,
      max: 10,
      // A server that does not answer is an outage to report, not a wait without end.
      connectionTimeoutMillis: 5_000,
      types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === TIMESTAMP_WITHOUT_TIME_ZONE ? parseUtc : types.getTypeParser(oid, format))) as typeof types.getTypeParser },
    });
    // An idle connection the server ended (a restart, a dropped test database) is replaced at the next
    // use; unhandled, its error would end the process.
    pool.on('error', () => {});
    return pool;
  }
  const on = (client: Pick<PoolClient, 'query'>): SqlTx => ({
    onPostgres: true,
    rows: async <T>(sql: string, params: readonly SqlValue[] = []) => (await client.query(numberedSql(sql), params.map(bound))).rows as T[],
    run: async (sql, params = []) => (await client.query(numberedSql(sql), params.map(bound))).rowCount ?? 0,
  });

  return {
    rows: (sql, params) => on(open()).rows(sql, params),
    async transaction(work) {
      const client = await open().connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(on(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((rollbackFailed: Error) => (broken = rollbackFailed));
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      const closing = pool;
      pool = undefined;
      await closing?.end();
    },
  };
}
