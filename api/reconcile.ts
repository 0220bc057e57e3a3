import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { campaignWorkflow } from '../workflows/campaign';
import { campaignWorkflowId } from '../workflows/contract';
import { nominationWorkflow } from '../workflows/nomination';

const GRACE_MS = 60_000;

/**
 * Starts the workflow of any case stored without one — the API stores a case before it starts its
 * workflow, and Temporal may have been unreachable in between. Starting is idempotent by workflow id.
 */
export async function startOrphanedCases(db: Db, temporal: Client, config: Config): Promise<number> {
  const orphans = await db.case.findMany({
    where: { lastSeq: 0, submittedAt: { lt: new Date(Date.now() - GRACE_MS) } },
    select: { id: true, campaignId: true, workflowId: true },
    take: 500,
  });
  for (const c of orphans) {
    await temporal.workflow.start(nominationWorkflow, {
      workflowId: c.workflowId,
      taskQueue: config.temporal.taskQueue,
      args: [{ caseId: c.id, campaignId: c.campaignId }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  }
  return orphans.length;
}

/** Every campaign has its clock running (the seeded demo campaign, too, is created without one). */
export async function startCampaignClocks(db: Db, temporal: Client, config: Config): Promise<void> {
  const campaigns = await db.campaign.findMany({ select: { id: true } });
  for (const c of campaigns)
    await temporal.workflow.start(campaignWorkflow, {
      workflowId: campaignWorkflowId(c.id),
      taskQueue: config.temporal.taskQueue,
      args: [{ campaignId: c.id }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
}
