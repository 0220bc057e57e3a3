import { proxyActivities } from '@temporalio/workflow';
import type { HousekeepingActivities, HousekeepingReport } from './contract';

const chores = proxyActivities<HousekeepingActivities>({
  startToCloseTimeout: '5 minutes',
  // The next run of the schedule tries again; a chore that keeps failing must not pile up runs.
  retry: { initialInterval: '5 seconds', maximumAttempts: 3 },
});

/**
 * Laurel's periodic chores, started by a Temporal Schedule (overlaps skipped), so each runs once
 * however many API and worker processes are up: sign the audit chain's head, keep every campaign's
 * clock running, start the workflow of any case stored while Temporal was out of reach, archive
 * the histories of closed cases, send account emails queued while Temporal was out of reach, and
 * open the eligibility reviews an import could not put to their cases then.
 */
export async function housekeepingWorkflow(): Promise<HousekeepingReport> {
  const anchored = await chores.anchorAuditHead();
  const campaignClocks = await chores.startCampaignClocks();
  const casesStarted = await chores.startCasesWithoutWorkflow();
  const historiesArchived = await chores.archiveClosedCaseHistories();
  const emailsDelivered = await chores.deliverStrandedEmails();
  const eligibilityReviewsOpened = await chores.openPendingEligibilityReviews();
  return { anchored, campaignClocks, casesStarted, historiesArchived, emailsDelivered, eligibilityReviewsOpened };
}
