import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { errorHandler } from '../../api/http/errors';
import { rateLimit } from '../../api/http/rate-limit';
import { isPostgres } from '../../config';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import type { RateLimit } from '../../db/rate-limits';
import { sharedRateCounters } from '../../db/rate-limits';
import { eventually } from '../support/http';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';

// Each "API process" here is an Express app with limiters of its own over a Prisma client of its
// own: nothing is shared between two of them but the database, as between two processes.

const database = isPostgres(process.env.DATABASE_URL ?? '') ? 'PostgreSQL' : 'SQLite';
const SIGN_IN: RateLimit = { name: 'sign-in', limit: 5, windowMs: 60_000 };
const OBJECTION: RateLimit = { name: 'objection', limit: 5, windowMs: 60_000 };

let db: TestDatabase;
const clients: Db[] = [];
const servers: Server[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await Promise.all(clients.map((c) => c.$disconnect()));
  await db?.drop();
});

/** An API process answering 204 past each limit's middleware; its log lines go to `log`. */
async function apiProcess(client: Db, limits: RateLimit[], log: (line: string) => void = () => {}) {
  const counters = sharedRateCounters(client, log);
  const app = express();
  // Every request comes from this machine: the tests name their client's address in X-Forwarded-For.
  app.set('trust proxy', 'loopback');
  for (const limit of limits) app.post(`/${limit.name}`, rateLimit(counters, limit), (_req, res) => void res.status(204).end());
  app.use(errorHandler({ log: () => {} }));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return (limit: RateLimit, address: string, language = 'zh') =>
    fetch(`${base}/${limit.name}`, { method: 'POST', headers: { 'x-forwarded-for': address, 'accept-language': language } });
}

function ownClient(url = db.url): Db {
  const client = createDb(url);
  clients.push(client);
  return client;
}

async function statuses(responses: Promise<Response>[]): Promise<number[]> {
  return (await Promise.all(responses)).map((r) => r.status);
}

const count = (all: number[], status: number) => all.filter((s) => s === status).length;

test(`two API processes count an address once: of twice the limit sent at once, half through each, exactly the limit pass (${database})`, async () => {
  const [a, b] = [await apiProcess(ownClient(), [SIGN_IN]), await apiProcess(ownClient(), [SIGN_IN])];
  const all = await statuses(Array.from({ length: 2 * SIGN_IN.limit }, (_, i) => (i % 2 ? a : b)(SIGN_IN, '198.51.100.1')));
  console.log(`rate limit on ${database}: ${all.length} requests at once through two processes, limit ${SIGN_IN.limit}: passed ${count(all, 204)}, refused ${count(all, 429)}`);
  expect(count(all, 204)).toBe(SIGN_IN.limit);
  expect(count(all, 429)).toBe(SIGN_IN.limit);
});

test('past the limit the answer is 429 rate-limited with Retry-After, in the reader’s language, from either process', async () => {
  const [a, b] = [await apiProcess(ownClient(), [SIGN_IN]), await apiProcess(ownClient(), [SIGN_IN])];
  for (let i = 0; i < SIGN_IN.limit; i++) expect((await a(SIGN_IN, '198.51.100.2')).status).toBe(204);

  const zh = await b(SIGN_IN, '198.51.100.2');
  expect(zh.status).toBe(429);
  expect(await zh.json()).toEqual({ error: { code: 'rate-limited', message: '请求过于频繁，请稍后再试。' } });
  const retryAfter = Number(zh.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(SIGN_IN.windowMs / 1000);

  const en = await a(SIGN_IN, '198.51.100.2', 'en');
  expect(en.status).toBe(429);
  expect(((await en.json()) as { error: { message: string } }).error.message).toBe('Too many requests; try again later.');
});

test('each address and each limit is counted apart', async () => {
  const [a, b] = [await apiProcess(ownClient(), [SIGN_IN, OBJECTION]), await apiProcess(ownClient(), [SIGN_IN, OBJECTION])];
  await statuses(Array.from({ length: SIGN_IN.limit + 1 }, () => a(SIGN_IN, '198.51.100.3')));
  expect((await b(SIGN_IN, '198.51.100.3')).status).toBe(429);
  expect((await b(SIGN_IN, '198.51.100.4')).status).toBe(204);
  expect((await b(OBJECTION, '198.51.100.3')).status).toBe(204);
});

test('once the window has passed, the count starts afresh', async () => {
  const oneASecond: RateLimit = { name: 'one-a-second', limit: 1, windowMs: 1000 };
  const [a, b] = [await apiProcess(ownClient(), [oneASecond]), await apiProcess(ownClient(), [oneASecond])];
  expect((await a(oneASecond, '198.51.100.5')).status).toBe(204);
  const refused = await b(oneASecond, '198.51.100.5');
  expect(refused.status).toBe(429);
  expect(refused.headers.get('retry-after')).toBe('1');
  await eventually(() => b(oneASecond, '198.51.100.5').then((r) => r.status), (status) => status === 204, 5_000);
});

test('when the database cannot be reached, each process counts on its own, never answers 500, and logs the outage once', async () => {
  const unreachable = isPostgres(db.url) ? 'postgresql://postgres@127.0.0.1:1/unreachable' : `file:${path.join(os.tmpdir(), 'laurel-no-such-dir', 'none', 'test.db')}`;
  const log: string[] = [];
  const a = await apiProcess(ownClient(unreachable), [SIGN_IN], (line) => log.push(line));
  const all: number[] = [];
  for (let i = 0; i < SIGN_IN.limit + 2; i++) all.push((await a(SIGN_IN, '198.51.100.6')).status);
  expect(all).toEqual([...Array(SIGN_IN.limit).fill(204), 429, 429]);
  expect(log).toHaveLength(1);
  expect(log[0]).toMatch(/^rate limits: the database cannot be reached \(.+\); each API process counts on its own until it can$/);
});

test('when the database answers again, the counts are shared again and the log says so', async () => {
  const client = ownClient();
  let down = true;
  // The rate counters' table fails while `down`: an outage that ends, without stopping a server.
  const flaky = new Proxy(client, {
    get: (target, property, receiver) =>
      property === 'rateLimiterFlexible' && down
        ? new Proxy({}, { get: () => () => Promise.reject(new Error('connection refused')) })
        : Reflect.get(target, property, receiver),
  });
  const log: string[] = [];
  const [a, b] = [await apiProcess(flaky, [SIGN_IN], (line) => log.push(line)), await apiProcess(ownClient(), [SIGN_IN])];
  expect((await a(SIGN_IN, '198.51.100.7')).status).toBe(204);
  down = false;
  for (let i = 0; i < SIGN_IN.limit; i++) expect((await a(SIGN_IN, '198.51.100.7')).status).toBe(204);
  // The other process has counted nothing itself: only the shared count can refuse it.
  expect((await b(SIGN_IN, '198.51.100.7')).status).toBe(429);
  expect(log).toEqual([
    'rate limits: the database cannot be reached (connection refused); each API process counts on its own until it can',
    'rate limits: the database is back; the counts are shared again',
  ]);
});

test('the counts of windows that have ended are swept away when requests come, the live ones kept', async () => {
  const ended = { key: `${SIGN_IN.name}:198.51.100.8`, points: 3, expire: new Date(Date.now() - 1000) };
  await db.db.rateLimiterFlexible.create({ data: ended });
  const a = await apiProcess(ownClient(), [SIGN_IN]);
  expect((await a(SIGN_IN, '198.51.100.9')).status).toBe(204);
  const keys = await eventually(
    () => db.db.rateLimiterFlexible.findMany({ where: { key: { in: [ended.key, `${SIGN_IN.name}:198.51.100.9`] } } }),
    (rows) => rows.length === 1,
    5_000,
  );
  expect(keys.map((k) => k.key)).toEqual([`${SIGN_IN.name}:198.51.100.9`]);
});
