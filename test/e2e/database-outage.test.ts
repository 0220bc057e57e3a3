import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../api/app';
import { isPostgres } from '../../config';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import { ApiClient, eventually } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

/*
 * The database's outage is another component's outage: the API answers 503 with Retry-After, fast,
 * never 500, names the database in /healthz, and serves again once the database is back. The API
 * here reaches PostgreSQL through a TCP relay the test can cut, as a network partition or a
 * restarting server would.
 */

const onPostgres = isPostgres(process.env.DATABASE_URL ?? '');
const SKIPPED = 'skipped on SQLite (an embedded file has no outage): it runs on PostgreSQL, in `npm run test:db`';

/** A TCP relay to the database server that can be cut (connections dropped, new ones refused) and restored. */
async function databaseRelay(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  await open();
  return {
    port: () => port,
    async cut() {
      const closing = new Promise((resolve) => server!.close(resolve));
      for (const s of sockets) s.destroy();
      await closing;
    },
    restore: open,
  };
}

let system: System;
let relay: Awaited<ReturnType<typeof databaseRelay>>;
let relayedDb: Db;
let server: Server;
let api: ApiClient;

const TITLE = 'an API whose database goes away';

(onPostgres ? describe : describe.skip)(onPostgres ? TITLE : `${TITLE} (${SKIPPED})`, () => {
  beforeAll(async () => {
    system = await startSystem();
    const url = new URL(system.processEnv.DATABASE_URL!);
    relay = await databaseRelay({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(relay.port());
    relayedDb = createDb(url.toString());
    server = await new Promise((resolve) => {
      const s = createApp({ db: relayedDb, temporal: system.env.client, config: system.config, log: () => {} }).listen(0, '127.0.0.1', () => resolve(s));
    });
    api = new ApiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }, 120_000);

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await relayedDb?.$disconnect().catch(() => undefined);
    await relay?.cut().catch(() => undefined);
    await system?.stop();
  });

  test('answers 503 with Retry-After within 5 s while it is down, names it in /healthz, and serves again when it is back', async () => {
    const secretariat = await api.login('secretariat');
    expect((await secretariat.get('/api/campaigns')).status).toBe(200);

    await relay.cut();
    for (const call of [() => secretariat.get('/api/campaigns'), () => new ApiClient(api.baseUrl).post('/api/auth/login', { username: 'auditor', password: 'demo-password' })]) {
      const started = Date.now();
      const res = await call();
      expect([res.status, res.body.error?.code]).toEqual([503, 'temporarily-unavailable']);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    const health = await api.get('/healthz');
    expect([health.status, health.body.database, health.body.temporal]).toEqual([503, 'unreachable', 'ok']);

    await relay.restore();
    await eventually(() => secretariat.get('/api/campaigns'), (r) => r.status === 200);
    expect((await api.get('/healthz')).body).toMatchObject({ status: 'ok', database: 'ok' });
  }, 60_000);
});
