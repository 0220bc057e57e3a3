import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiClient, eventually, nominationForm, sampleNomination } from '../support/http';
import type { ApiProcess, LaurelProcess } from '../support/processes';
import { startApiProcess, startWorkerProcess } from '../support/processes';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

// The API and the worker as production runs them, processes of their own, with a collector: one
// self-nomination, followed through their logs (stdout, read line by line) and the trace they
// export, from the HTTP request through the Temporal client, the workflow and its activities to
// the database and the mail server. Neither may carry the applicant's personal data.

// Made up, and unusual enough that any hit is a leak.
const NOMINEE = '柏示踪';
const EMAIL = 'trace-applicant-5531@example.test';
const PHONE = '13955318842';
const STORY = '示踪故事：每天清晨五点检查后厨。';
const PERSONAL = [NOMINEE, EMAIL, PHONE, STORY, '"age":44', '44岁'];

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: Record<string, unknown> }[];
  service: string;
}

/** A tiny OTLP/HTTP collector: keeps every JSON body posted to /v1/traces. */
async function startCollector() {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(req.url === '/v1/traces' ? 200 : 404, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const spans = (): OtlpSpan[] =>
    bodies.flatMap((body) => {
      const parsed = JSON.parse(body) as { resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: Omit<OtlpSpan, 'service'>[] }[] }[] };
      return parsed.resourceSpans.flatMap((rs) => {
        const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
        return rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => ({ ...s, service })));
      });
    });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    spans,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let system: System;
let collector: Awaited<ReturnType<typeof startCollector>>;
let api: ApiProcess;
let worker: LaurelProcess;
let caseId: string;
const REQUEST_ID = 'telemetry-test-0001';

beforeAll(async () => {
  collector = await startCollector();
  system = await startSystem();
  const env = { ...system.processEnv, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: '200', LOG_FORMAT: 'json' };
  [api, worker] = await Promise.all([startApiProcess(env), startWorkerProcess(env)]);

  const submitted = await new ApiClient(api.baseUrl).request(
    'POST',
    '/api/campaigns/demo/nominations',
    nominationForm(
      sampleNomination({
        channel: 'self',
        applicantEmail: EMAIL,
        phone: PHONE,
        story: STORY,
        nominee: { name: NOMINEE, gender: '男', age: 44, ethnicity: '汉族', politicalAffiliation: '群众', post: '食堂主管', title: '高级厨师' },
      }),
    ),
    { 'X-Request-Id': REQUEST_ID },
  );
  expect(submitted.status).toBe(201);
  expect(submitted.headers.get('x-request-id')).toBe(REQUEST_ID);
  caseId = submitted.body.caseId;
  // The confirmation email has gone out: the workflow ran its activities.
  await eventually(() => system.mail(), (m) => m.some((x) => x.to.includes(EMAIL)));
  // The applicant withdraws (in words that name them): the workflow ends, and its own span with it.
  const applicant = new ApiClient(api.baseUrl, submitted.body.accessToken);
  expect((await applicant.post(`/api/nominations/${caseId}/withdraw`, { reason: `${NOMINEE}本人撤回，联系电话 ${PHONE}` })).status).toBe(200);
  await eventually(() => applicant.get(`/api/nominations/${caseId}`), (r) => r.body.status === 'withdrawn');
}, 240_000);

afterAll(async () => {
  await Promise.allSettled([api?.stop(), worker?.stop()]);
  await system?.stop();
  await collector?.close();
});

/** The process's stdout as JSON objects: every line must be one. */
function jsonLines(output: string[]): Record<string, unknown>[] {
  return output.filter((l) => l.trim()).map((line) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`not a JSON line: ${line}`);
    }
  });
}

test('the API logs JSON lines, the request with its id and its new case, and nothing personal', async () => {
  const lines = await eventually(
    async () => jsonLines(api.output),
    (ls) => ls.some((l) => l.requestId === REQUEST_ID && l.msg === 'request'),
  );
  expect(lines.find((l) => String(l.msg).startsWith('api: listening'))).toMatchObject({ level: 'info', service: 'api', time: expect.any(String) });
  expect(lines.find((l) => l.requestId === REQUEST_ID && l.msg === 'request')).toMatchObject({
    level: 'info',
    service: 'api',
    method: 'POST',
    route: '/api/campaigns/:id/nominations',
    status: 201,
    caseId,
  });
  const text = api.output.join('\n');
  for (const value of PERSONAL) expect(text).not.toContain(value);
});

test("the worker logs JSON lines, the email it sent under the case's id, and nothing personal", async () => {
  const lines = await eventually(
    async () => jsonLines(worker.output),
    (ls) => ls.some((l) => l.msg === 'email sent' && l.caseId === caseId),
  );
  expect(lines.find((l) => String(l.msg).startsWith('worker: polling task queue'))).toMatchObject({ level: 'info', service: 'worker' });
  expect(lines.find((l) => l.msg === 'email sent' && l.caseId === caseId)).toMatchObject({
    level: 'info',
    service: 'worker',
    workflowId: `nomination-${caseId}`,
    activityType: 'deliverEmail',
    template: expect.any(String),
  });
  const text = worker.output.join('\n');
  for (const value of PERSONAL) expect(text).not.toContain(value);
});

test('one trace runs from the HTTP request through the Temporal client, the workflow and its activities to the database and the mail server, with nothing personal in it', async () => {
  const byName = (spans: OtlpSpan[], name: string) => spans.filter((s) => s.name === name);
  const spans = await eventually(
    async () => collector.spans(),
    (all) => {
      const root = all.find((s) => s.name === 'POST /api/campaigns/:id/nominations');
      return !!root && ['smtp send', 'RunWorkflow:nominationWorkflow'].every((name) => all.some((s) => s.traceId === root.traceId && s.name === name));
    },
    60_000,
  );
  const root = spans.find((s) => s.name === 'POST /api/campaigns/:id/nominations')!;
  const trace = spans.filter((s) => s.traceId === root.traceId);
  const parentOf = (span: OtlpSpan) => trace.find((s) => s.spanId === span.parentSpanId);
  /** The names from `span` up to the root. */
  const ancestry = (span: OtlpSpan): string[] => {
    const names = [span.name];
    for (let p = parentOf(span); p; p = parentOf(p)) names.push(p.name);
    return names;
  };

  expect(root).toMatchObject({ service: 'laurel-api', kind: 2 /* SERVER */ });
  expect(root.attributes).toEqual(expect.arrayContaining([{ key: 'laurel.request_id', value: { stringValue: REQUEST_ID } }]));
  // The API's own database work and the workflow's start, under the request.
  expect(trace.some((s) => s.service === 'laurel-api' && s.name.startsWith('prisma:') && ancestry(s).includes(root.name))).toBe(true);
  const start = byName(trace, 'StartWorkflow:nominationWorkflow')[0];
  expect(start?.service).toBe('laurel-api');
  expect(parentOf(start)?.spanId).toBe(root.spanId);
  // The workflow (its spans exported by the worker through the sink) and its activities.
  const run = byName(trace, 'RunWorkflow:nominationWorkflow')[0];
  expect(run?.service).toBe('laurel-worker');
  expect(parentOf(run)?.spanId).toBe(start.spanId);
  const delivery = byName(trace, 'RunActivity:deliverEmail')[0];
  expect(ancestry(delivery)).toEqual(expect.arrayContaining(['StartActivity:deliverEmail', 'RunWorkflow:nominationWorkflow', root.name]));
  const step = byName(trace, 'RunActivity:recordCaseStep')[0];
  expect(ancestry(step)).toContain('RunWorkflow:nominationWorkflow');
  // …down to the database and the mail server.
  // (A step's transaction is Laurel's own SQL, db/direct-sql.ts: its statements, as Prisma's queries, with placeholders for their values.)
  const stepStatements = trace.filter((s) => s.name.startsWith('sql:') && ancestry(s).includes('RunActivity:recordCaseStep'));
  expect(stepStatements.map((s) => s.name)).toEqual(expect.arrayContaining(['sql:transaction', 'sql:update', 'sql:insert']));
  expect(stepStatements.find((s) => s.name === 'sql:insert')?.attributes).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'db.system' }), expect.objectContaining({ key: 'db.query.text' })]));
  const smtp = byName(trace, 'smtp send')[0];
  expect(ancestry(smtp)[1]).toBe('RunActivity:deliverEmail');
  expect(smtp.attributes).toEqual(expect.arrayContaining([{ key: 'network.protocol.name', value: { stringValue: 'smtp' } }]));

  // Nothing personal in anything the collector received, from either process.
  const everything = collector.bodies.join('\n');
  for (const value of [NOMINEE, EMAIL, PHONE, STORY]) expect(everything).not.toContain(value);
  expect(everything).not.toContain('"age"');
});
