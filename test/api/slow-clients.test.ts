import type { Server } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../api/app';
import { createHttpServer } from '../../api/http/server';
import type { Config } from '../../config';
import { ConfigError, loadConfig } from '../../config';
import { nominationForm, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';
import { pdf } from '../support/upload-fixtures';

// Issue 13, item 8: slow clients are cut, each kind of request at its own allowance. The timeouts
// are short here so that each test waits for the server to cut, never for a fixed time.

const timeouts: Config['http'] = { headersTimeoutMs: 1_000, requestTimeoutMs: 1_500, uploadTimeoutMs: 20_000, keepAliveTimeoutMs: 500 };
/** How late a cut may come: Node looks for expired connections on an interval, and timers are not exact. */
const LATENESS_MS = 1_000;

let system: System;
let server: Server;
let port = 0;

beforeAll(async () => {
  system = await startSystem();
  const app = createApp({ db: system.db, temporal: system.env.client, config: { ...system.config, http: timeouts }, log: () => {} });
  server = createHttpServer(app, timeouts);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await system?.stop();
});

interface Connection {
  socket: net.Socket;
  openedAt: number;
  /** Resolves when the server closes the connection: after how long, and what it answered. */
  closed: Promise<{ afterMs: number; received: string }>;
}

async function connect(): Promise<Connection> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const openedAt = Date.now();
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString('utf8')));
  // Writing after the server has cut the connection fails: that is what these tests expect.
  socket.on('error', () => {});
  const closed = new Promise<{ afterMs: number; received: string }>((resolve) => socket.once('close', () => resolve({ afterMs: Date.now() - openedAt, received })));
  return { socket, openedAt, closed };
}

/** Writes `pieces` one every `intervalMs`, as a slow line would, until they are sent or the connection is closed. */
function trickle(socket: net.Socket, pieces: (string | Buffer)[], intervalMs: number): void {
  let next = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || next >= pieces.length) return clearInterval(timer);
    socket.write(pieces[next++]);
  }, intervalMs);
  socket.once('close', () => clearInterval(timer));
}

test('48 clients sending a header line every 200 ms are all cut once the headers timeout passes', async () => {
  const connections = await Promise.all(Array.from({ length: 48 }, connect));
  for (const { socket } of connections) {
    socket.write('GET /api/campaigns HTTP/1.1\r\nHost: laurel.test\r\n');
    trickle(socket, Array.from({ length: 1_000 }, (_, i) => `X-Slow-${i}: 1\r\n`), 200);
  }
  const cuts = await Promise.all(connections.map((c) => c.closed));
  for (const cut of cuts) {
    expect(cut.afterMs).toBeGreaterThanOrEqual(timeouts.headersTimeoutMs - 50);
    expect(cut.afterMs).toBeLessThan(timeouts.headersTimeoutMs + LATENESS_MS);
    expect(cut.received).toMatch(/^HTTP\/1\.1 408 /);
  }
});

test('a connection that sends nothing is cut once the headers timeout passes', async () => {
  const { closed } = await connect();
  expect((await closed).afterMs).toBeLessThan(timeouts.headersTimeoutMs + LATENESS_MS);
});

test('a JSON body trickling in is answered 408 request-timeout and cut once the request timeout passes', async () => {
  const { socket, closed } = await connect();
  const body = JSON.stringify({ username: 'secretariat', password: 'demo-password'.padEnd(200, ' ') });
  socket.write(`POST /api/auth/login HTTP/1.1\r\nHost: laurel.test\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
  trickle(socket, [...body], 100);
  const cut = await closed;
  expect(cut.afterMs).toBeGreaterThanOrEqual(timeouts.requestTimeoutMs - 50);
  expect(cut.afterMs).toBeLessThan(timeouts.requestTimeoutMs + LATENESS_MS);
  expect(cut.received).toMatch(/^HTTP\/1\.1 408 /);
  expect(cut.received).toContain('"code":"request-timeout"');
  expect(cut.received).toContain('请求发送得太慢');
});

test('a 10 MB sealed form sent slower than the request timeout, within the upload timeout, is accepted', async () => {
  const form = new Response(nominationForm(sampleNomination({ channel: 'self', recommendingUnit: '示例大学' }), pdf(10 * 1024 * 1024)));
  const body = Buffer.from(await form.arrayBuffer());
  const { socket } = await connect();
  const answered = new Promise<string>((resolve) => {
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      if (/\r\n\r\n[\s\S]*\}$/.test(received)) resolve(received);
    });
  });
  const startedAt = Date.now();
  socket.write(
    `POST /api/campaigns/demo/nominations HTTP/1.1\r\nHost: laurel.test\r\nContent-Type: ${form.headers.get('content-type')}\r\nContent-Length: ${body.length}\r\n\r\n`,
  );
  // 40 pieces, one every 75 ms: about 3 s, twice the ordinary request timeout.
  const pieceSize = Math.ceil(body.length / 40);
  trickle(socket, Array.from({ length: 40 }, (_, i) => body.subarray(i * pieceSize, (i + 1) * pieceSize)), 75);
  const answer = await answered;
  expect(Date.now() - startedAt).toBeGreaterThan(timeouts.requestTimeoutMs);
  expect(answer).toMatch(/^HTTP\/1\.1 201 /);
  socket.destroy();
});

test('a file refused before it is read (a forged token) is answered at once and its trickle cut at the ordinary allowance, not the upload’s', async () => {
  const { socket, closed } = await connect();
  socket.write(
    'POST /api/campaigns/demo/nominations HTTP/1.1\r\nHost: laurel.test\r\nAuthorization: Bearer forged\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n',
  );
  trickle(socket, Array.from({ length: 1_000 }, () => 'x'.repeat(100)), 100);
  const cut = await closed;
  expect(cut.received).toMatch(/^HTTP\/1\.1 401 /);
  expect(cut.afterMs).toBeLessThan(timeouts.requestTimeoutMs + LATENESS_MS);
});

test('an idle kept-alive connection is closed once the keep-alive timeout passes', async () => {
  const { socket, closed } = await connect();
  let answeredAt = 0;
  socket.on('data', () => (answeredAt ||= Date.now()));
  socket.write('GET /api/public/campaigns HTTP/1.1\r\nHost: laurel.test\r\n\r\n');
  const cut = await closed;
  expect(cut.received).toMatch(/^HTTP\/1\.1 200 /);
  const idleMs = Date.now() - answeredAt;
  expect(idleMs).toBeGreaterThanOrEqual(timeouts.keepAliveTimeoutMs - 50);
  // Node keeps the socket a second past the timeout it advertises, so that a client reusing it does not race the close.
  expect(idleMs).toBeLessThan(timeouts.keepAliveTimeoutMs + 1_000 + LATENESS_MS);
});

test('the timeouts are read in seconds from HTTP_*, with defaults that give a slow line 10 minutes for 10 MB', () => {
  expect(loadConfig({}).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 60_000, uploadTimeoutMs: 600_000, keepAliveTimeoutMs: 5_000 });
  const set = loadConfig({ HTTP_HEADERS_TIMEOUT: '2.5', HTTP_REQUEST_TIMEOUT: '30', HTTP_UPLOAD_TIMEOUT: '900', HTTP_KEEP_ALIVE_TIMEOUT: '1' });
  expect(set.http).toEqual({ headersTimeoutMs: 2_500, requestTimeoutMs: 30_000, uploadTimeoutMs: 900_000, keepAliveTimeoutMs: 1_000 });
});

test('an upload timeout shorter than the request timeout stops start-up, naming the setting', () => {
  expect(() => loadConfig({ HTTP_REQUEST_TIMEOUT: '120', HTTP_UPLOAD_TIMEOUT: '60' })).toThrow(ConfigError);
  expect(() => loadConfig({ HTTP_REQUEST_TIMEOUT: '120', HTTP_UPLOAD_TIMEOUT: '60' })).toThrow(/HTTP_REQUEST_TIMEOUT: must not exceed HTTP_UPLOAD_TIMEOUT/);
  expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT: '0' })).toThrow(/HTTP_HEADERS_TIMEOUT/);
});
