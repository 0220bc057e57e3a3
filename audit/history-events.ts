import type { DataConverter, LoadedDataConverter, Payload } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { History } from './history-json';

type IPayload = temporal.api.common.v1.IPayload;
type IFailure = temporal.api.failure.v1.IFailure;
type Seconds = { seconds?: unknown; nanos?: number | null } | null | undefined;

/** One workflow history event with its payloads decoded: what the history view and the replay checks read. */
export interface DecodedEvent {
  id: number;
  at: string;
  /** The event type without its prefix, e.g. `ActivityTaskScheduled`. */
  type: string;
  workflowType?: string;
  activityType?: string;
  /** Decoded arguments: of the workflow, an activity, an Update or a Signal. */
  input?: unknown[];
  /** Decoded result: of an activity, an Update or the workflow. */
  result?: unknown;
  scheduledEventId?: number;
  startedEventId?: number;
  attempt?: number;
  /** Failure message, with its causes. */
  failure?: string;
  retryState?: string;
  timerId?: string;
  timeoutMs?: number;
  updateName?: string;
  updateId?: string;
  acceptedEventId?: number;
  signalName?: string;
  targetWorkflowId?: string;
  reason?: string;
  cause?: string;
  markerName?: string;
  patchId?: string;
}

function long(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(String(value));
}

function millis(d: Seconds): number {
  return long(d?.seconds) * 1000 + Math.round((d?.nanos ?? 0) / 1e6);
}

const EVENT_TYPE_NAMES = temporal.api.enums.v1.EventType as unknown as Record<number, string>;

function typeName(type: unknown): string {
  const constant = typeof type === 'number' ? EVENT_TYPE_NAMES[type] : String(type);
  return (constant ?? 'Unspecified')
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());
}

function enumName(enumType: Record<number, string>, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'number' ? enumType[value] : String(value);
}

export type PayloadDecoder = Pick<LoadedDataConverter, 'payloadCodecs' | 'payloadConverter'>;

/** The decoding half of a data converter (Laurel's has codecs only, no payload converter of its own). */
export function payloadDecoder(dataConverter: DataConverter = {}): PayloadDecoder {
  if (dataConverter.payloadConverterPath) throw new Error('a data converter with its own payload converter: give its loaded form instead');
  return { payloadCodecs: dataConverter.payloadCodecs ?? [], payloadConverter: defaultPayloadConverter };
}

/**
 * Decodes the payloads of a history as a client with this data converter would: codecs first (the
 * server holds them encrypted), then the payload converter.
 */
export async function decodeHistory(history: History, converter: PayloadDecoder): Promise<DecodedEvent[]> {
  async function values(payloads: IPayload[] | null | undefined): Promise<unknown[]> {
    if (!payloads?.length) return [];
    let decoded = payloads as Payload[];
    for (const codec of [...converter.payloadCodecs].reverse()) decoded = await codec.decode(decoded);
    return decoded.map((p) => converter.payloadConverter.fromPayload(p));
  }
  async function failureText(f: IFailure | null | undefined): Promise<string | undefined> {
    if (!f) return undefined;
    let message = f.message ?? '';
    if (f.encodedAttributes) {
      const [attributes] = await values([f.encodedAttributes]);
      message = (attributes as { message?: string } | undefined)?.message ?? message;
    }
    const cause = await failureText(f.cause);
    return cause && cause !== message ? `${message}: ${cause}` : message;
  }
  const retryStates = temporal.api.enums.v1.RetryState as unknown as Record<number, string>;

  const out: DecodedEvent[] = [];
  for (const e of history.events ?? []) {
    const d: DecodedEvent = { id: long(e.eventId), at: new Date(millis(e.eventTime as Seconds)).toISOString(), type: typeName(e.eventType) };
    if (e.workflowExecutionStartedEventAttributes) {
      const a = e.workflowExecutionStartedEventAttributes;
      Object.assign(d, { workflowType: a.workflowType?.name ?? undefined, input: await values(a.input?.payloads) });
    } else if (e.activityTaskScheduledEventAttributes) {
      const a = e.activityTaskScheduledEventAttributes;
      Object.assign(d, { activityType: a.activityType?.name ?? undefined, input: await values(a.input?.payloads) });
    } else if (e.activityTaskStartedEventAttributes) {
      const a = e.activityTaskStartedEventAttributes;
      Object.assign(d, { scheduledEventId: long(a.scheduledEventId), attempt: a.attempt ?? undefined });
    } else if (e.activityTaskCompletedEventAttributes) {
      const a = e.activityTaskCompletedEventAttributes;
      Object.assign(d, { scheduledEventId: long(a.scheduledEventId), startedEventId: long(a.startedEventId), result: (await values(a.result?.payloads))[0] });
    } else if (e.activityTaskFailedEventAttributes) {
      const a = e.activityTaskFailedEventAttributes;
      Object.assign(d, {
        scheduledEventId: long(a.scheduledEventId),
        startedEventId: long(a.startedEventId),
        failure: await failureText(a.failure),
        retryState: enumName(retryStates, a.retryState),
      });
    } else if (e.activityTaskTimedOutEventAttributes) {
      const a = e.activityTaskTimedOutEventAttributes;
      Object.assign(d, { scheduledEventId: long(a.scheduledEventId), failure: await failureText(a.failure), retryState: enumName(retryStates, a.retryState) });
    } else if (e.timerStartedEventAttributes) {
      const a = e.timerStartedEventAttributes;
      Object.assign(d, { timerId: a.timerId ?? undefined, timeoutMs: millis(a.startToFireTimeout as Seconds) });
    } else if (e.timerFiredEventAttributes) {
      Object.assign(d, { timerId: e.timerFiredEventAttributes.timerId ?? undefined, startedEventId: long(e.timerFiredEventAttributes.startedEventId) });
    } else if (e.timerCanceledEventAttributes) {
      Object.assign(d, { timerId: e.timerCanceledEventAttributes.timerId ?? undefined, startedEventId: long(e.timerCanceledEventAttributes.startedEventId) });
    } else if (e.workflowExecutionUpdateAcceptedEventAttributes) {
      const a = e.workflowExecutionUpdateAcceptedEventAttributes;
      Object.assign(d, {
        updateId: a.acceptedRequest?.meta?.updateId ?? a.protocolInstanceId ?? undefined,
        updateName: a.acceptedRequest?.input?.name ?? undefined,
        input: await values(a.acceptedRequest?.input?.args?.payloads),
      });
    } else if (e.workflowExecutionUpdateCompletedEventAttributes) {
      const a = e.workflowExecutionUpdateCompletedEventAttributes;
      Object.assign(d, {
        updateId: a.meta?.updateId ?? undefined,
        acceptedEventId: long(a.acceptedEventId),
        ...(a.outcome?.failure ? { failure: await failureText(a.outcome.failure) } : { result: (await values(a.outcome?.success?.payloads))[0] }),
      });
    } else if (e.workflowExecutionSignaledEventAttributes) {
      const a = e.workflowExecutionSignaledEventAttributes;
      Object.assign(d, { signalName: a.signalName ?? undefined, input: await values(a.input?.payloads) });
    } else if (e.signalExternalWorkflowExecutionInitiatedEventAttributes) {
      const a = e.signalExternalWorkflowExecutionInitiatedEventAttributes;
      Object.assign(d, { signalName: a.signalName ?? undefined, targetWorkflowId: a.workflowExecution?.workflowId ?? undefined, input: await values(a.input?.payloads) });
    } else if (e.workflowExecutionCompletedEventAttributes) {
      Object.assign(d, { result: (await values(e.workflowExecutionCompletedEventAttributes.result?.payloads))[0] });
    } else if (e.workflowExecutionFailedEventAttributes) {
      Object.assign(d, { failure: await failureText(e.workflowExecutionFailedEventAttributes.failure) });
    } else if (e.workflowExecutionTerminatedEventAttributes) {
      Object.assign(d, { reason: e.workflowExecutionTerminatedEventAttributes.reason ?? undefined });
    } else if (e.workflowTaskFailedEventAttributes) {
      const a = e.workflowTaskFailedEventAttributes;
      Object.assign(d, { cause: enumName(temporal.api.enums.v1.WorkflowTaskFailedCause as unknown as Record<number, string>, a.cause), failure: await failureText(a.failure) });
    } else if (e.markerRecordedEventAttributes) {
      const a = e.markerRecordedEventAttributes;
      const [patch] = await values((a.details?.['patch-data'] ?? a.details?.['patch_data'])?.payloads);
      Object.assign(d, { markerName: a.markerName ?? undefined, patchId: (patch as { id?: string } | undefined)?.id });
    }
    out.push(d);
  }
  return out;
}
