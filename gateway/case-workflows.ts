import type { Client, WorkflowHandle } from '@temporalio/client';
import { appendAuditEntry } from '../db/audit-log';
import type { Db } from '../db/client';
import type { Actor, CaseStatusReply, NominationInput, TaskDecision, WithdrawRequest } from '../workflows/contract';
import {
  announceSignal,
  caseWorkflowId,
  eligibilityReviewUpdate,
  completeTaskUpdate,
  lodgeObjectionUpdate,
  reportFraudUpdate,
  sealedFormResubmittedUpdate,
  withdrawUpdate,
} from '../workflows/contract';
import { nominationWorkflow } from '../workflows/nomination';
import { withinOutageBound } from './outage';
import { asRefusal, isTemporalUnavailable, isWorkflowGone, temporarilyUnavailable } from './temporal-errors';

/** What to write to the audit log when the workflow refuses: a refused Update leaves no trace in its history. */
export interface RefusalRecord {
  actorId?: string;
  /** e.g. `withdrawal`: recorded as `withdrawal-refused`. */
  attempt: string;
  details?: Record<string, unknown>;
}

export interface CaseWorkflowDeps {
  temporal: Client;
  taskQueue: string;
  db: Db;
  /** Told of each refusal (which attempt, the refusal's code): the API counts them for its metrics. */
  onRefused?: (attempt: string, code: string) => void;
}

/**
 * The client side of the case workflows: every start, Update and Signal the API and the
 * housekeeping make goes through here. A validator's refusal becomes the contract's 409 or 422
 * (and an audit entry); Temporal out of reach becomes 503 with Retry-After.
 */
export function caseWorkflows({ temporal, taskQueue, db, onRefused }: CaseWorkflowDeps) {
  const handle = (caseId: string): WorkflowHandle<typeof nominationWorkflow> => temporal.workflow.getHandle(caseWorkflowId(caseId));

  async function call<T>(caseId: string, send: () => Promise<T>, refusal: RefusalRecord): Promise<T> {
    try {
      return await withinOutageBound(temporal, send);
    } catch (err) {
      const refused = asRefusal(err);
      if (refused) {
        onRefused?.(refusal.attempt, refused.code);
        await appendAuditEntry(db, { actorId: refusal.actorId, action: `${refusal.attempt}-refused`, caseId, details: { ...refusal.details, code: refused.code } });
        throw refused;
      }
      if (isTemporalUnavailable(err)) throw temporarilyUnavailable(err);
      throw err;
    }
  }

  return {
    /** Starts the case's workflow; starting one that runs already is a no-op. */
    async start(caseId: string, campaignId: string, channel: NominationInput['channel']): Promise<void> {
      try {
        await withinOutageBound(temporal, () =>
          temporal.workflow.start(nominationWorkflow, {
            workflowId: caseWorkflowId(caseId),
            taskQueue,
            args: [{ caseId, campaignId, channel }],
            workflowIdConflictPolicy: 'USE_EXISTING',
          }),
        );
      } catch (err) {
        // The case is stored; a retry with the same Idempotency-Key, or the housekeeping, starts it.
        throw temporarilyUnavailable(err);
      }
    },

    // `requestId` (from the request's Idempotency-Key) becomes the Update's id: Temporal answers a
    // repeated Update with the first one's outcome instead of applying it twice.

    completeTask(caseId: string, decision: TaskDecision, refusal: RefusalRecord, requestId?: string): Promise<CaseStatusReply> {
      return call(caseId, () => handle(caseId).executeUpdate(completeTaskUpdate, { args: [decision], updateId: requestId }), refusal);
    },

    withdraw(caseId: string, request: WithdrawRequest, requestId?: string): Promise<CaseStatusReply> {
      return call(caseId, () => handle(caseId).executeUpdate(withdrawUpdate, { args: [request], updateId: requestId }), { actorId: request.actor?.id, attempt: 'withdrawal' });
    },

    resubmitSealedForm(caseId: string, sealedFormId: string, actorId: string | undefined, requestId?: string): Promise<CaseStatusReply> {
      return call(caseId, () => handle(caseId).executeUpdate(sealedFormResubmittedUpdate, { args: [{ sealedFormId }], updateId: requestId }), { actorId, attempt: 'sealed-form-resubmission' });
    },

    lodgeObjection(caseId: string, objectionId: string, actorId: string | undefined, requestId?: string): Promise<{ taskId: string }> {
      return call(caseId, () => handle(caseId).executeUpdate(lodgeObjectionUpdate, { args: [{ objectionId }], updateId: requestId }), { actorId, attempt: 'objection' });
    },

    /** The campaign's announcement reaches a case waiting in notice-ended; a case that has gone is passed over. */
    async announce(caseId: string, announcedAt: string): Promise<void> {
      try {
        await withinOutageBound(temporal, () => handle(caseId).signal(announceSignal, { announcedAt }));
      } catch (err) {
        if (isWorkflowGone(err)) return;
        if (isTemporalUnavailable(err)) throw temporarilyUnavailable(err);
        throw err;
      }
    },

    /** Asks the secretariat, through the case, to rule on an eligibility question (an honouree found after submission). */
    openEligibilityReview(caseId: string, reviewId: string): Promise<{ taskId: string }> {
      // One review, one task: a repeated request for the same review is the same Update.
      return call(caseId, () => handle(caseId).executeUpdate(eligibilityReviewUpdate, { args: [{ reviewId }], updateId: `eligibility-${reviewId}` }), { attempt: 'eligibility-review' });
    },

    reportFraud(caseId: string, reportId: string, actor: Actor, requestId?: string): Promise<{ taskId: string }> {
      return call(caseId, () => handle(caseId).executeUpdate(reportFraudUpdate, { args: [{ reportId, actor }], updateId: requestId }), { actorId: actor.id, attempt: 'fraud-report' });
    },
  };
}

export type CaseWorkflows = ReturnType<typeof caseWorkflows>;
