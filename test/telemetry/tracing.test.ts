import { randomBytes } from 'node:crypto';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Resource } from '@opentelemetry/resources';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { encryptingDataConverter, failureConverterPath, parsePayloadKeys } from '../../config/payload-codec';
import { TRACING_OFF, WORKFLOW_TRACING_MODULES, startTracing, withoutPersonalData } from '../../telemetry/tracing';
import { committedHistories } from '../histories/committed';

test('without a collector nothing is traced: no provider, no interceptors, spans are not recorded', () => {
  const tracing = startTracing({ service: 'laurel-test' });
  expect(tracing).toBe(TRACING_OFF);
  expect(tracing.clientInterceptors).toEqual({});
  expect(tracing.worker({ prebuilt: false })).toEqual({});
  // A prebuilt bundle holds the workflow interceptors: its worker gets a sink that drops their spans.
  expect(Object.keys(tracing.worker({ prebuilt: true }).sinks ?? {})).toEqual(['exporter']);
  const span = trace.getTracer('laurel-test').startSpan('anything');
  expect(span.isRecording()).toBe(false);
  span.end();
});

function span(overrides: Partial<ReadableSpan>): ReadableSpan {
  return {
    name: 'POST /api/nominations/:caseId/withdraw',
    kind: SpanKind.SERVER,
    spanContext: () => ({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 }),
    startTime: [1, 0],
    endTime: [2, 0],
    status: { code: SpanStatusCode.OK },
    attributes: {},
    links: [],
    events: [],
    duration: [1, 0],
    ended: true,
    resource: new Resource({ 'service.name': 'laurel-api' }),
    instrumentationLibrary: { name: 'test' },
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
    ...overrides,
  };
}

test('a span leaves the process with its method, route, status and ids, and without personal data or free text', () => {
  const exported = withoutPersonalData(
    span({
      attributes: {
        'http.method': 'GET',
        'http.route': '/api/nominations',
        'http.target': '/api/nominations?q=%E6%9D%8E%E5%8D%8E&phone=13912345678',
        'http.status_code': 200,
        'http.user_agent': 'Mozilla/5.0',
        'net.peer.ip': '203.0.113.7',
        'http.url': 'http://laurel.test/api/nominations?q=李华',
        temporalWorkflowId: 'nomination-0f8c2d1e-4b5a-4c3d-9e8f-7a6b5c4d3e2f',
        temporalTerminateReason: '李华 asked to stop',
        'laurel.request_id': 'req-1',
        'db.query.text': 'SELECT 1 FROM `Case` WHERE `applicantEmail` = ?',
      },
      status: { code: SpanStatusCode.ERROR, message: 'duplicate li.hua@example.test' },
      events: [
        { name: 'exception', time: [1, 5], attributes: { 'exception.type': 'PrismaClientKnownRequestError', 'exception.message': 'li.hua@example.test exists', 'exception.stacktrace': 'at storeCase (/srv/laurel/db/nominations.ts:88)' } },
        { name: 'note', time: [1, 6], attributes: { text: '李华' } },
      ],
    }),
  );
  expect(exported.attributes).toEqual({
    'http.method': 'GET',
    'http.route': '/api/nominations',
    'http.target': '/api/nominations',
    'http.status_code': 200,
    temporalWorkflowId: 'nomination-0f8c2d1e-4b5a-4c3d-9e8f-7a6b5c4d3e2f',
    'laurel.request_id': 'req-1',
    'db.query.text': 'SELECT 1 FROM `Case` WHERE `applicantEmail` = ?',
  });
  expect(exported.status).toEqual({ code: SpanStatusCode.ERROR });
  expect(exported.events).toEqual([{ name: 'exception', time: [1, 5], attributes: { 'exception.type': 'PrismaClientKnownRequestError' } }]);
  expect(exported.spanContext().spanId).toBe('b7ad6b7169203331');
  expect(JSON.stringify({ ...exported, resource: undefined })).not.toMatch(/李华|li\.hua|13912345678|203\.0\.113\.7|Mozilla|\/srv\//);
});

test('every committed history replays deterministically with the tracing interceptors bundled, as production workers bundle them', async () => {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    workflowInterceptorModules: WORKFLOW_TRACING_MODULES,
    failureConverterPath,
    logger: { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} },
  });
  const histories = committedHistories();
  const results: { workflowId: string; error?: unknown }[] = [];
  for await (const r of Worker.runReplayHistories(
    {
      workflowBundle: { code },
      dataConverter: encryptingDataConverter(parsePayloadKeys(randomBytes(32).toString('base64'))),
      sinks: TRACING_OFF.worker({ prebuilt: true }).sinks,
      replayName: 'replay-with-tracing',
    },
    histories,
  ))
    results.push(r);
  expect(results.map((r) => ({ workflowId: r.workflowId, error: r.error ? String(r.error) : undefined }))).toEqual(histories.map((h) => ({ workflowId: h.workflowId, error: undefined })));
}, 180_000);
