import { proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from './contract';
import { emailDeliveryOptions } from './email-delivery-options';

const { deliverEmail } = proxyActivities<CaseActivities>(emailDeliveryOptions);

/**
 * Delivers one queued email that no case workflow carries: an invitation, a password reset. Its id
 * is the outbox row's, so asking twice delivers once; the retries outlast a mail server's outage.
 */
export async function emailDeliveryWorkflow({ outboxId }: { outboxId: string }): Promise<void> {
  await deliverEmail(outboxId);
}
