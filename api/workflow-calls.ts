import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { REFUSALS } from '../workflows/messages';
import { HttpError } from './errors';

const REFUSAL_STATUS: Record<string, number> = {
  [REFUSALS.taskNotOpen]: 409,
  [REFUSALS.caseClosed]: 409,
  [REFUSALS.resubmissionNotRequested]: 409,
  [REFUSALS.alreadyScored]: 409,
  [REFUSALS.notInNoticePeriod]: 409,
  [REFUSALS.decisionNotAllowed]: 422,
  [REFUSALS.scoreRequired]: 422,
  [REFUSALS.scoreNotAllowed]: 422,
};

function isClosedWorkflow(err: unknown): boolean {
  if (err instanceof WorkflowNotFoundError) return true;
  const text = err instanceof Error ? err.message : '';
  return /already completed|workflow execution.*(completed|not found)/i.test(text);
}

/** Sends an Update and turns a validator's refusal into the contract's status and code. */
export async function callWorkflow<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type) {
      const status = REFUSAL_STATUS[err.cause.type];
      if (status) throw new HttpError(status, err.cause.type, err.cause.message);
    }
    if (isClosedWorkflow(err)) throw new HttpError(409, REFUSALS.caseClosed);
    throw err;
  }
}
