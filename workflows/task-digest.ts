import { proxyActivities } from '@temporalio/workflow';
import type { CaseActivities, TaskDigestActivities } from './contract';
import { emailDeliveryOptions } from './email-delivery-options';

const { queueTaskDigests } = proxyActivities<TaskDigestActivities>({
  startToCloseTimeout: '5 minutes',
  // The next hour's run tries again, and tells of everything since the last digest.
  retry: { initialInterval: '5 seconds', maximumAttempts: 3 },
});
const { deliverEmail } = proxyActivities<CaseActivities>(emailDeliveryOptions);

/**
 * Reviewers' hourly digest, started by a Temporal Schedule (overlaps skipped): queues one email per
 * reviewer with tasks new since their last one, then delivers them. Answers how many were queued.
 */
export async function taskDigestWorkflow(): Promise<number> {
  const outboxIds = await queueTaskDigests({ at: new Date().toISOString() });
  await Promise.all(outboxIds.map((id) => deliverEmail(id)));
  return outboxIds.length;
}
