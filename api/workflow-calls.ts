import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { REFUSALS } from '../workflows/contract';
import type { Db } from '../db/client';
import { appendAudit } from './audit';
import { AppError } from '../domain/errors';

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

function asRefusal(err: unknown): AppError | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type) {
    const status = REFUSAL_STATUS[err.cause.type];
    if (status) return new AppError(status, err.cause.type, err.cause.message);
  }
  if (isClosedWorkflow(err)) return new AppError(409, REFUSALS.caseClosed);
  return undefined;
}

/** What to append to the audit log when the workflow refuses: a refused Update leaves no trace in its history. */
export interface RefusalRecord {
  db: Db;
  actorId?: string;
  caseId: string;
  /** e.g. `withdrawal`: recorded as `withdrawal-refused`. */
  attempt: string;
}

/** Sends an Update and turns a validator's refusal into the contract's status and code, recorded when asked. */
export async function callWorkflow<T>(send: () => Promise<T>, record?: RefusalRecord): Promise<T> {
  try {
    return await send();
  } catch (err) {
    const refusal = asRefusal(err);
    if (!refusal) throw err;
    if (record) await appendAudit(record.db, { actorId: record.actorId, action: `${record.attempt}-refused`, caseId: record.caseId, details: { code: refusal.code } });
    throw refusal;
  }
}
