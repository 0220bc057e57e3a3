import { isPostgres } from '../../config';
import { directSql } from '../../db/client';
import { isUniqueViolation } from '../../db/direct-sql';
import { isDatabaseUnavailable } from '../../db/unavailable';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.campaign.create({ data: { id: 'c1', code: 'c1', title: '测试活动', submissionDeadline: new Date('2030-02-28T16:00:00Z'), reviewDeadline: new Date('2030-03-31T16:00:00Z') } });
});
afterAll(async () => {
  await t?.drop();
});

const insertOutbox = 'INSERT INTO "Outbox" ("id", "key", "caseId", "template", "recipient", "subject", "text", "status", "attempts", "createdAt", "sentAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

describe('direct SQL writes what Prisma reads, on either database', () => {
  test('times written directly read back through Prisma as written, and compare with Prisma’s own', async () => {
    const createdAt = new Date('2026-12-01T03:04:05.678Z');
    await directSql(t.db).transaction((tx) => tx.run(insertOutbox, ['o1', 'k1', 'case-1', 'status:x', 'a@example.test', '主题', '正文', 'pending', 0, createdAt, null]));
    await t.db.outbox.create({ data: { id: 'o2', key: 'k2', caseId: 'case-1', template: 'status:x', recipient: 'b@example.test', subject: 's', text: 't', createdAt: new Date('2026-12-01T03:04:05.679Z') } });

    expect((await t.db.outbox.findUniqueOrThrow({ where: { id: 'o1' } })).createdAt).toEqual(createdAt);
    const earlier = await t.db.outbox.findMany({ where: { createdAt: { lt: new Date('2026-12-01T03:04:05.679Z') } }, select: { id: true } });
    expect(earlier.map((r) => r.id)).toEqual(['o1']);
    const [read] = await directSql(t.db).rows<{ createdAt: Date | string }>('SELECT "createdAt" FROM "Outbox" WHERE "id" = ?', ['o2']);
    expect(new Date(read.createdAt)).toEqual(new Date('2026-12-01T03:04:05.679Z'));
  });

  test('a boolean written directly is the boolean Prisma reads', async () => {
    await t.db.user.create({ data: { id: 'u1', username: 'u1', roles: '[]' } });
    await directSql(t.db).transaction((tx) => tx.run('UPDATE "User" SET "disabled" = ? WHERE "id" = ?', [true, 'u1']));
    expect((await t.db.user.findUniqueOrThrow({ where: { id: 'u1' } })).disabled).toBe(true);
  });
  test('a statement whose one parameter is null binds it as null', async () => {
    await t.db.outbox.update({ where: { id: 'o1' }, data: { lastError: 'SMTP 451' } });
    await directSql(t.db).transaction((tx) => tx.run('UPDATE "Outbox" SET "lastError" = ?', [null]));
    expect((await t.db.outbox.findUniqueOrThrow({ where: { id: 'o1' } })).lastError).toBeNull();
  });
});

describe('a direct transaction', () => {
  test('that fails leaves nothing behind', async () => {
    const failing = directSql(t.db).transaction(async (tx) => {
      await tx.run(insertOutbox, ['o3', 'k3', 'case-1', 'status:x', 'c@example.test', 's', 't', 'pending', 0, new Date(), null]);
      throw new Error('the work failed');
    });
    await expect(failing).rejects.toThrow('the work failed');
    expect(await t.db.outbox.findUnique({ where: { id: 'o3' } })).toBeNull();
  });

  test('open, does not hold up a read outside it, which sees only what is committed', async () => {
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    let written!: () => void;
    const write = new Promise<void>((resolve) => (written = resolve));
    const open = directSql(t.db).transaction(async (tx) => {
      await tx.run('UPDATE "Outbox" SET "lastError" = ? WHERE "id" = ?', ['not yet committed', 'o1']);
      written();
      await held;
    });
    await write;
    const [read] = await directSql(t.db).rows<{ lastError: string | null }>('SELECT "lastError" FROM "Outbox" WHERE "id" = ?', ['o1']);
    finish();
    await open;
    expect(read.lastError).toBeNull();
    const [after] = await directSql(t.db).rows<{ lastError: string | null }>('SELECT "lastError" FROM "Outbox" WHERE "id" = ?', ['o1']);
    expect(after.lastError).toBe('not yet committed');
    await directSql(t.db).transaction((tx) => tx.run('UPDATE "Outbox" SET "lastError" = NULL WHERE "id" = ?', ['o1']));
  });

  // On PostgreSQL they run side by side on the pool, ordered by the rows they lock, as Prisma's do.
  (isPostgres(process.env.DATABASE_URL ?? '') ? test.skip : test)('on SQLite takes its turn: two at once in one process never interleave their statements', async () => {
    const seen: string[] = [];
    const bump = (name: string) =>
      directSql(t.db).transaction(async (tx) => {
        const [row] = await tx.rows<{ attempts: number }>('SELECT "attempts" FROM "Outbox" WHERE "id" = ?', ['o1']);
        seen.push(`${name} read ${row.attempts}`);
        await new Promise((resolve) => setImmediate(resolve));
        await tx.run('UPDATE "Outbox" SET "attempts" = ? WHERE "id" = ?', [Number(row.attempts) + 1, 'o1']);
      });
    await Promise.all([bump('a'), bump('b'), bump('c')]);
    expect((await t.db.outbox.findUniqueOrThrow({ where: { id: 'o1' } })).attempts).toBe(3);
    expect(seen.map((s) => s.split(' read ')[1]).sort()).toEqual(['0', '1', '2']);
  });
});

test('a unique key taken, written directly, is told apart from other failures on either database', async () => {
  const insert = (id: string, key: string) => directSql(t.db).transaction((tx) => tx.run(insertOutbox, [id, key, 'case-1', 'status:x', 'd@example.test', 's', 't', 'pending', 0, new Date(), null]));
  await insert('o4', 'k4');
  const taken = await insert('o5', 'k4').catch((err: unknown) => err);
  const takenId = await insert('o4', 'k6').catch((err: unknown) => err);
  const other = await directSql(t.db).transaction((tx) => tx.run('UPDATE "NoSuchTable" SET "x" = 1')).catch((err: unknown) => err);
  expect([isUniqueViolation(taken), isUniqueViolation(takenId), isUniqueViolation(other)]).toEqual([true, true, false]);
});

describe('a database that cannot be reached through direct SQL is an outage, not a fault', () => {
  test.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a connection that ended', new Error('Connection terminated unexpectedly')],
    ['a server shutting down', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a broken connection', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a lock held past the busy timeout', Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })],
  ])('%s', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  test('while a refused constraint is the request’s own fault', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('UNIQUE constraint failed: Outbox.key'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(false);
  });
});
