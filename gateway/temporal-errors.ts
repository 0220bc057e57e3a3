import { WorkflowNotFoundError, WorkflowUpdateFailedError, isGrpcServiceError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { AppError } from '../domain/errors';
import { REFUSALS } from '../workflows/contract';

/** How each refusal of a workflow's validator answers over HTTP. */
const REFUSAL_STATUS: Record<string, number> = {
  [REFUSALS.taskNotOpen]: 409,
  [REFUSALS.caseClosed]: 409,
  [REFUSALS.resubmissionNotRequested]: 409,
  [REFUSALS.alreadyScored]: 409,
  [REFUSALS.notInNoticePeriod]: 409,
  [REFUSALS.decisionNotAllowed]: 422,
  [REFUSALS.scoreRequired]: 422,
  [REFUSALS.scoreNotAllowed]: 422,
  [REFUSALS.awardsCheckNotAllowed]: 422,
};

/** Seconds a client is told to wait before retrying a call Temporal could not take. */
export const RETRY_AFTER_SECONDS = 5;

const GRPC = { NOT_FOUND: 5, DEADLINE_EXCEEDED: 4, UNAVAILABLE: 14, CANCELLED: 1, RESOURCE_EXHAUSTED: 8 } as const;

export function isWorkflowGone(err: unknown): boolean {
  if (err instanceof WorkflowNotFoundError) return true;
  if (isGrpcServiceError(err) && err.code === GRPC.NOT_FOUND) return true;
  const text = err instanceof Error ? err.message : '';
  return /already completed|workflow execution.*(completed|not found)/i.test(text);
}

/** The workflow's validator refused the call: the contract's status and code. */
export function asRefusal(err: unknown): AppError | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type) {
    const status = REFUSAL_STATUS[err.cause.type];
    if (status) return new AppError(status, err.cause.type, err.cause.message);
  }
  if (isWorkflowGone(err)) return new AppError(409, REFUSALS.caseClosed);
  return undefined;
}

/** Temporal could not be reached or did not answer in time: the caller should retry later. */
export function isTemporalUnavailable(err: unknown): boolean {
  if (isGrpcServiceError(err)) return ([GRPC.UNAVAILABLE, GRPC.DEADLINE_EXCEEDED, GRPC.CANCELLED, GRPC.RESOURCE_EXHAUSTED] as number[]).includes(err.code);
  const name = (err as { name?: string })?.name;
  if (name === 'WorkflowUpdateRPCTimeoutOrCancelledError' || name === 'TransportError' || name === 'ServiceError') return true;
  return /UNAVAILABLE|DEADLINE_EXCEEDED|ECONNREFUSED|connection|transport/i.test((err as Error)?.message ?? '');
}

export function temporarilyUnavailable(cause?: unknown): AppError {
  const error = new AppError(503, 'temporarily-unavailable', cause instanceof Error ? cause.message : undefined);
  error.retryAfterSeconds = RETRY_AFTER_SECONDS;
  return error;
}
