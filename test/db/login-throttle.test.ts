import { isPostgres } from '../../config';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import { loginThrottle } from '../../db/login-throttle';
import { LOCK_AFTER_FAILURES } from '../../domain/login-throttle';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';

// Two Prisma clients on one database stand for two API processes recording failed sign-ins.

const database = isPostgres(process.env.DATABASE_URL ?? '') ? 'PostgreSQL' : 'SQLite';

let db: TestDatabase;
let other: Db;

beforeAll(async () => {
  db = await createTestDatabase();
  other = createDb(db.url);
});
afterAll(async () => {
  await other?.$disconnect();
  await db?.drop();
});

test(`failed sign-ins recorded at once by two processes are all counted, and the lock is seen by both (${database})`, async () => {
  const processes = [loginThrottle(db.db), loginThrottle(other)];
  const attempts = 2 * LOCK_AFTER_FAILURES;
  const results = await Promise.allSettled(Array.from({ length: attempts }, (_, i) => processes[i % 2].recordFailure('Victim ')));
  expect(results.filter((r) => r.status === 'rejected')).toEqual([]);

  const seen = await Promise.all(processes.map((p) => p.stateOf('victim')));
  expect(seen.map((s) => s?.failures)).toEqual([attempts, attempts]);
  for (const state of seen) expect(state?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
  // Exactly one of them made the failure that locked the username.
  const lockers = results.filter((r) => r.status === 'fulfilled' && r.value.failures === LOCK_AFTER_FAILURES);
  expect(lockers).toHaveLength(1);
});

test('a success through one process clears the failures the other recorded', async () => {
  const [one, two] = [loginThrottle(db.db), loginThrottle(other)];
  await one.recordFailure('reviewer');
  await two.recordFailure('reviewer');
  expect((await one.stateOf('reviewer'))?.failures).toBe(2);
  await one.recordSuccess('reviewer');
  expect(await two.stateOf('reviewer')).toBeNull();
  expect((await two.recordFailure('reviewer')).failures).toBe(1);
});
