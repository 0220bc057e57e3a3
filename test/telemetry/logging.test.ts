import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { loadConfig } from '../../config';
import { createLogger, prettyLine, tidyMessage } from '../../telemetry/logging';
import type { Logger } from '../../telemetry/logging';
import { requestLogging } from '../../telemetry/logging-requests';
import { writeSdkEntry } from '../../telemetry/sdk-logging';

/** A logger writing into an array, one parsed object a line, as the JSON format writes them. */
function capture(): { log: Logger; lines: () => Record<string, any>[]; raw: string[] } {
  const raw: string[] = [];
  const log = createLogger({ service: 'test', level: 'debug', destination: { write: (line: string) => void raw.push(line) } });
  return { log, raw, lines: () => raw.map((l) => JSON.parse(l)) };
}

test('a line is one JSON object with an ISO time, a level in words, the process and the message', () => {
  const { log, raw, lines } = capture();
  log.info({ outboxId: 'o-1' }, 'email sent');
  expect(raw).toHaveLength(1);
  expect(raw[0].endsWith('\n')).toBe(true);
  expect(lines()[0]).toMatchObject({ level: 'info', service: 'test', msg: 'email sent', outboxId: 'o-1', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
});

test('personal data never reaches a line: by the key it is under, or by its look in a message or any value', () => {
  const { log, raw } = capture();
  log.info({ email: 'li.hua@example.test', nominee: { name: '李华', phone: '13912345678' }, detail: 'called 13912345678 and wrote to li.hua@example.test, "age": 47' }, 'reached li.hua@example.test at 13912345678');
  log.error({ err: new Error('duplicate applicant li.hua@example.test (13912345678)') }, 'failed');
  // Without the lines' times, which may hold the age's digits (14:47) by chance.
  const text = raw.map((line) => JSON.stringify({ ...JSON.parse(line), time: undefined })).join('\n');
  for (const secret of ['li.hua@example.test', '13912345678', '李华', '47']) expect(text).not.toContain(secret);
  expect(text).toContain('[redacted]');
  expect(text).toContain('[email]');
  expect(text).toContain('[number]');
});

test("a Prisma error keeps the call and the reason, not the code frame quoting the query's values", () => {
  const prisma = [
    '',
    'Invalid `prisma.case.create()` invocation in',
    '/srv/laurel/db/nominations.ts:88:23',
    '',
    '  85 ',
    '  86 export async function storeCase(tx: Tx, c: NewCase) {',
    '  87   …',
    '→ 88   await tx.case.create({',
    '         data: { applicantEmail: "wang.fang@example.test", phone: "13700001111" }',
    '       })',
    '',
    'Unique constraint failed on the fields: (`id`)',
  ].join('\n');
  expect(tidyMessage(prisma)).toBe('prisma.case.create(): Unique constraint failed on the fields: (`id`)');
  const { log, lines } = capture();
  log.error({ err: Object.assign(new Error(prisma), { code: 'P2002' }) }, 'request failed');
  expect(lines()[0].err).toMatchObject({ type: 'Error', code: 'P2002', message: 'prisma.case.create(): Unique constraint failed on the fields: (`id`)' });
  expect(JSON.stringify(lines()[0])).not.toMatch(/wang\.fang|13700001111|nominations\.ts:88/);
});

test('an SDK entry becomes a line with its workflow, activity and case, and its error redacted', () => {
  const { log, lines } = capture();
  writeSdkEntry(log, {
    level: 'WARN',
    message: 'Activity failed',
    timestampNanos: 0n,
    meta: { sdkComponent: 'activity', workflowId: 'nomination-5b0c-case', activityType: 'deliverEmail', attempt: 2, error: new Error('550 mailbox zhang@example.test unknown') },
  });
  expect(lines()[0]).toMatchObject({ level: 'warn', msg: 'Activity failed', workflowId: 'nomination-5b0c-case', caseId: '5b0c-case', activityType: 'deliverEmail', attempt: 2, err: { message: '550 mailbox [email] unknown' } });
});

test('the readable format puts time, level and message first and the fields after', () => {
  const line = JSON.stringify({ level: 'info', time: '2026-03-01T08:09:10.123Z', service: 'api', msg: 'request', requestId: 'r-1', status: 201 });
  expect(prettyLine(line)).toBe('08:09:10.123  INFO   request  requestId=r-1  status=201');
});

test('development logs read as lines by default, everything else as JSON; LOG_FORMAT decides when set', () => {
  expect(loadConfig({}).log).toEqual({ level: 'info', format: 'pretty' });
  expect(loadConfig({ NODE_ENV: 'test' }).log.format).toBe('json');
  expect(loadConfig({ LOG_FORMAT: 'json', LOG_LEVEL: 'debug' }).log).toEqual({ level: 'debug', format: 'json' });
  expect(() => loadConfig({ LOG_FORMAT: 'colourful' })).toThrow(/LOG_FORMAT/);
  expect(loadConfig({}).tracing.otlpEndpoint).toBeUndefined();
  expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
});

describe('a request', () => {
  let server: Server;
  let base: string;
  const { log, lines } = capture();

  beforeAll(async () => {
    const app = express();
    app.use(requestLogging(log));
    app.get('/api/nominations/:caseId', (req, res) => {
      log.warn('looked up');
      res.json({ ok: true });
    });
    app.get('/api/boom', () => {
      throw new Error('boom for 13812345678');
    });
    app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      log.error({ err }, 'failed');
      res.status(500).json({});
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  test("keeps a well-formed X-Request-Id, echoes it, and puts it and the case on every line of the request", async () => {
    const res = await fetch(`${base}/api/nominations/case-42?q=%E6%9D%8E%E5%8D%8E`, { headers: { 'X-Request-Id': 'req-abc.123' } });
    expect(res.headers.get('x-request-id')).toBe('req-abc.123');
    await new Promise((r) => setTimeout(r, 50));
    const mine = lines().filter((l) => l.requestId === 'req-abc.123');
    expect(mine.map((l) => l.msg)).toEqual(['looked up', 'request']);
    for (const line of mine) expect(line.caseId).toBe('case-42');
    expect(mine[1]).toMatchObject({ method: 'GET', route: '/api/nominations/:caseId', status: 200, durationMs: expect.any(Number) });
    // The query string (a search for a name) is never written.
    expect(JSON.stringify(mine)).not.toMatch(/q=|李华|%E6/);
  });

  test('replaces a malformed X-Request-Id with a new one, and logs a failure at error level', async () => {
    const res = await fetch(`${base}/api/boom`, { headers: { 'X-Request-Id': 'bad id\twith "quotes"' } });
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 50));
    const mine = lines().filter((l) => l.requestId === id);
    expect(mine.map((l) => [l.level, l.msg])).toEqual([
      ['error', 'failed'],
      ['error', 'request failed'],
    ]);
    expect(JSON.stringify(mine)).not.toContain('13812345678');
  });
});
