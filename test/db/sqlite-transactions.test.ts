import Database from 'libsql';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
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

  test('after a transaction, the next one waits out another process holding the write lock instead of failing', async () => {
    await db.db.$transaction(async (tx) => tx.user.count());
    for (let round = 0; round < 2; round++) {
      const holder = holdWriteLock(db.url.replace(/^file:/, ''));
      await holder.locked;
      await expect(db.db.$transaction(async (tx) => tx.user.count())).resolves.toEqual(expect.any(Number));
      expect(await holder.exitCode).toBe(0);
    }
  });

  test('a process waiting for the write lock goes on with its other work: its timers run while a transaction and a lone write wait', async () => {
    const waits = [() => db.db.$transaction(async (tx) => tx.user.count()), () => db.db.$executeRawUnsafe('UPDATE "User" SET "disabled" = "disabled" WHERE "id" = \'nobody\'')];
    for (const wait of waits) {
      const holder = holdWriteLock(db.url.replace(/^file:/, ''));
      await holder.locked;
      let ticks = 0;
      const timer = setInterval(() => ticks++, 5);
      try {
        await wait();
      } finally {
        clearInterval(timer);
      }
      expect(await holder.exitCode).toBe(0);
      // Held for half a second: a wait that slept in the call would have let at most one tick through.
      expect(ticks).toBeGreaterThan(10);
    }
  });
});

/** Another process takes the file's write lock, says so, and releases it half a second later. */
function holdWriteLock(file: string) {
  const script = `const D = require('libsql'); const d = new D(${JSON.stringify(file)}); d.exec('BEGIN IMMEDIATE'); console.log('locked'); setTimeout(() => { d.exec('COMMIT'); d.close(); }, 500);`;
  const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  const locked = new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve()));
  return { locked, exitCode: once(child, 'exit').then(([code]) => code as number) };
}
