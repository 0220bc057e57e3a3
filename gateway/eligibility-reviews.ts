import { appendAuditEntry } from '../db/audit-log';
import type { Db } from '../db/client';
import { closeUnopenedReview, linkEligibilityTask, reviewsWithoutTask } from '../db/eligibility';
import { AppError } from '../domain/errors';
import type { CaseWorkflows } from './case-workflows';

/**
 * Asks each case with a stored eligibility review and no task yet to open its task. A case that has
 * ended has nothing to review; one Temporal cannot reach now keeps its review for the next call
 * (the housekeeping's). Answers each review's task, null where it is still waiting.
 */
export async function openEligibilityReviews(db: Db, cases: CaseWorkflows, reviewIds?: readonly string[], actorId?: string) {
  const opened: { reviewId: string; caseId: string; taskId: string | null }[] = [];
  for (const review of await reviewsWithoutTask(db, reviewIds)) {
    try {
      const { taskId } = await cases.openEligibilityReview(review.caseId, review.id);
      await linkEligibilityTask(db, review.id, taskId);
      await appendAuditEntry(db, { actorId, action: 'eligibility-review-opened', caseId: review.caseId, details: { reviewId: review.id, honoureeId: review.honoureeId, taskId } });
      opened.push({ reviewId: review.id, caseId: review.caseId, taskId });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.status === 503) opened.push({ reviewId: review.id, caseId: review.caseId, taskId: null });
      else await closeUnopenedReview(db, review.id);
    }
  }
  return opened;
}
