import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Attributes, AttributeValue, Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { ClientInterceptors } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import { OpenTelemetryActivityInboundInterceptor, OpenTelemetryActivityOutboundInterceptor, makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry/lib/worker';
import type { ExportResult } from '@opentelemetry/core';
import type { InjectedSinks, WorkerOptions } from '@temporalio/worker';
import type { OpenTelemetryWorkflowExporter } from '@temporalio/interceptors-opentelemetry/lib/workflow/definitions';
import { redactText } from './logging';

// Traces, from the HTTP request through the Temporal client, the workflow and its activities to
// the database and the mail server, exported over OTLP/HTTP to the collector configured in
// OTEL_EXPORTER_OTLP_ENDPOINT. Without one nothing is set up: no provider, no interceptors, no
// spans. Whatever is exported passes through `withoutPersonalData` first.

/**
 * The workflow side of @temporalio/interceptors-opentelemetry, bundled with the workflows. It
 * runs inside the sandbox, deterministically: it adds a header to what the workflow schedules and
 * hands its finished spans to the worker through the `exporter` sink.
 */
export const WORKFLOW_TRACING_MODULES = [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')];

/** Attributes exported as they are: methods, routes, statuses, ids, database statements (without their values). */
const KEPT = new Set([
  'http.method', 'http.request.method', 'http.route', 'http.status_code', 'http.response.status_code', 'http.scheme', 'url.scheme', 'http.flavor',
  'network.protocol.name', 'network.protocol.version', 'server.address', 'server.port',
  'db.system', 'db.system.name', 'db.operation', 'db.operation.name', 'db.query.text', 'db.statement',
  // Prisma's operation spans: the model and its method (`Case.create`).
  'method', 'model', 'name',
  // The Temporal interceptors'.
  'temporalWorkflowId', 'run_id', 'temporalActivityId', 'temporalUpdateId', 'temporalNexusService', 'temporalNexusOperation',
  'exception.type',
]);
/** Attributes that are URLs or paths: exported without their query string or fragment (a search, a token). */
const PATHS = new Set(['http.target', 'url.path']);

function keptAttributes(attributes: Attributes): Attributes {
  const kept: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    if (KEPT.has(key) || key.startsWith('laurel.')) kept[key] = typeof value === 'string' ? redactText(value) : (value as AttributeValue);
    else if (PATHS.has(key) && typeof value === 'string') kept[key] = redactText(value.replace(/[?#].*$/, ''));
  }
  return kept;
}

/**
 * A span as it may leave the process: only the attributes above; no status message, exception
 * message or stack trace (free text that can quote a name or an address), no event but an
 * exception's type; names, emails and the like never reach a collector.
 */
export function withoutPersonalData(span: ReadableSpan): ReadableSpan {
  return {
    name: span.name,
    kind: span.kind,
    spanContext: () => span.spanContext(),
    parentSpanId: span.parentSpanId,
    startTime: span.startTime,
    endTime: span.endTime,
    status: { code: span.status.code },
    attributes: keptAttributes(span.attributes),
    links: span.links.map((link) => ({ context: link.context })),
    events: span.events.filter((e) => e.name === 'exception').map((e) => ({ name: e.name, time: e.time, attributes: keptAttributes(e.attributes ?? {}) })),
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationLibrary: span.instrumentationLibrary,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

/** An exporter that sends only what {@link withoutPersonalData} keeps. */
class PersonalDataFreeExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans.map(withoutPersonalData), done);
  }
  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

/** What a worker adds for tracing: interceptors, the workflow spans' sink. */
export type WorkerTracing = Pick<WorkerOptions, 'interceptors' | 'sinks'>;

export interface Tracing {
  enabled: boolean;
  /** For `new Client({ interceptors })`: starts, signals and updates carry the caller's trace. */
  clientInterceptors: ClientInterceptors;
  /**
   * For `Worker.create`. A prebuilt bundle has the workflow interceptors in it whether tracing is
   * on or not (`npm run build` adds them), so its worker always gets the sink, a silent one when off.
   */
  worker(bundle: { prebuilt: boolean }): WorkerTracing;
  /** Exports what is left and stops. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** `laurel-api`, `laurel-worker`: the service the spans are of. */
  service: string;
  /** The collector's base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to `<endpoint>/v1/traces`. Unset: no tracing. */
  otlpEndpoint?: string;
  /** Traces incoming HTTP requests (the API). */
  http?: boolean;
  /** More to trace: the database's (db/tracing.ts), which only db/ may know. */
  instrumentations?: Instrumentation[];
}

/** The workflow interceptors' `exporter` sink, taking the spans and dropping them. */
function silentSink(): InjectedSinks<{ exporter: OpenTelemetryWorkflowExporter }> {
  return { exporter: { export: { fn: () => undefined, callDuringReplay: false } } };
}

/** No tracing: nothing set up, nothing exported. */
export const TRACING_OFF: Tracing = {
  enabled: false,
  clientInterceptors: {},
  worker: ({ prebuilt }) => (prebuilt ? { sinks: silentSink() } : {}),
  shutdown: async () => undefined,
};

/** The request's route pattern as the span's name and `http.route` (`POST /api/tasks/:id/complete`), its request id as `laurel.request_id`. */
function nameByRoute(span: Span, request: IncomingMessage | unknown, response: ServerResponse | unknown): void {
  const req = request as IncomingMessage & { route?: { path?: string } };
  const route = req.route?.path;
  if (typeof route === 'string') {
    span.updateName(`${req.method} ${route}`);
    span.setAttribute('http.route', route);
  }
  const requestId = (response as ServerResponse).getHeader?.('x-request-id');
  if (typeof requestId === 'string') span.setAttribute('laurel.request_id', requestId);
}

/** Starts tracing for this process, or nothing when no collector is configured. Call it before the first request or workflow. */
export function startTracing({ service, otlpEndpoint, http = false, instrumentations = [] }: TracingOptions): Tracing {
  if (!otlpEndpoint) return TRACING_OFF;
  const resource = new Resource({ 'service.name': service });
  const exporter = new PersonalDataFreeExporter(new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/+$/, '')}/v1/traces` }));
  const processor: SpanProcessor = new BatchSpanProcessor(exporter);
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  // The global context manager and W3C propagator: the Temporal interceptors read and write through them.
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      ...instrumentations,
      ...(http
        ? [
            new HttpInstrumentation({
              disableOutgoingRequestInstrumentation: true,
              ignoreIncomingRequestHook: (req) => /^\/(assets\/|healthz)/.test(req.url ?? ''),
              applyCustomAttributesOnSpan: nameByRoute,
            }),
          ]
        : []),
    ],
  });
  // Express has loaded `http` already: requiring it again is what lets the instrumentation patch it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (http) require('http');
  return {
    enabled: true,
    clientInterceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
    worker: ({ prebuilt }) => ({
      interceptors: {
        ...(prebuilt ? {} : { workflowModules: WORKFLOW_TRACING_MODULES }),
        activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })],
      },
      sinks: { exporter: makeWorkflowExporter(processor, resource) },
    }),
    async shutdown() {
      unregister();
      await provider.shutdown();
    },
  };
}
