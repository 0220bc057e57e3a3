import Database from 'libsql';
import { isPostgres } from '../../config';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';

/*
 * On SQLite, API and worker are two processes on one file. A transaction that read first and wrote
 * after the other process committed would fail at once with SQLITE_BUSY_SNAPSHOT, which no busy
 * timeout waits for; begun IMMEDIATE, it holds the write lock from its first statement, and the
 * other process waits its turn instead.
 */

const onSqlite = !isPostgres(process.env.DATABASE_URL ?? '');
const TITLE = "SQLite transactions take the write lock when they begin, so another process's write waits instead of failing";

let db: TestDatabase;

(onSqlite ? describe : describe.skip)(onSqlite ? TITLE : `${TITLE} (SQLite only)`, () => {
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  test('a transaction that has only read already holds the write lock: another connection cannot begin writing until it ends', async () => {
    const other = new Database(db.url.replace(/^file:/, ''));
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let reading!: () => void;
      const hasRead = new Promise<void>((resolve) => (reading = resolve));
      const transaction = db.db.$transaction(async (tx) => {
        await tx.user.count();
        reading();
        await held;
      });
      await hasRead;
      expect(() => other.prepare('BEGIN IMMEDIATE').run()).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
      release();
      await transaction;
      other.prepare('BEGIN IMMEDIATE').run();
      other.prepare('ROLLBACK').run();
    } finally {
      other.close();
    }
  });
});
