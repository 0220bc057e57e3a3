import path from 'node:path';
import { temporal } from '@temporalio/proto';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

export type History = temporal.api.history.v1.IHistory;

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
}

// The SDK's own historyToJSON/historyFromJSON (@temporalio/common) use that package's copy of
// protobufjs, and fail with "type must be a Type" whenever npm installs it apart from the copy
// @temporalio/proto's types were built with, as this project's lock file does. So the JSON codec
// here is taken from @temporalio/proto's copy, wherever npm put it.
const protoDir = path.dirname(require.resolve('@temporalio/proto'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const protojson = require(require.resolve('protobufjs/ext/protojson', { paths: [protoDir] })) as ProtoJson;
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType('temporal.api.history.v1.History');

/** Temporal's JSON form of a history, the one `temporal workflow show --output json` and the Web UI write. */
export function historyToJson(history: History, indent = 2): string {
  return JSON.stringify(protojson.toJson(historyType, temporal.api.history.v1.History.fromObject(history)), null, indent);
}

/** Older tools wrote enum values in PascalCase (`WorkflowExecutionStarted`); protobuf's JSON wants `EVENT_TYPE_…`. */
function enumValue(value: unknown, prefix: string): unknown {
  if (typeof value !== 'string' || value.startsWith(prefix) || /^\d+$/.test(value)) return value;
  return `${prefix}_${value.replace(/(?<=.)([A-Z])/g, '_$1').toUpperCase()}`;
}

const ENUM_PREFIXES: Record<string, string> = {
  kind: 'TASK_QUEUE_KIND',
  parentClosePolicy: 'PARENT_CLOSE_POLICY',
  workflowIdReusePolicy: 'WORKFLOW_ID_REUSE_POLICY',
  initiator: 'CONTINUE_AS_NEW_INITIATOR',
  retryState: 'RETRY_STATE',
};

function normalised(event: Record<string, unknown>): Record<string, unknown> {
  const key = Object.keys(event).find((k) => k.endsWith('EventAttributes'));
  if (!key) throw new TypeError(`history event ${String(event.eventId)} has no attributes`);
  const fix = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(fix);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, ENUM_PREFIXES[k] ? enumValue(v, ENUM_PREFIXES[k]) : fix(v)]));
  };
  return { ...event, eventType: enumValue(event.eventType, 'EVENT_TYPE'), [key]: fix(event[key]) };
}

/** Reads a history in Temporal's JSON form (an object with `events`), as written by {@link historyToJson} or Temporal's tools. */
export function historyFromJson(json: unknown): History {
  const events = (json as { events?: unknown })?.events;
  if (!Array.isArray(events) || events.length === 0) throw new TypeError('not a workflow history: expected an object with a non-empty "events" array');
  return protojson.fromJson(historyType, { events: events.map((e) => normalised(e as Record<string, unknown>)) }, { ignoreUnknownFields: true }) as History;
}
