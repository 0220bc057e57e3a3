import { archiveClosedCases } from '../audit/history-store';
import type { WorkflowHistories } from '../audit/workflow-histories';
import type { AuditSigner } from '../db/audit-anchors';
import { anchorIfDue } from '../db/audit-anchors';
import { campaignsByDeadline } from '../db/campaigns';
import { casesWithoutWorkflow } from '../db/cases';
import type { Db } from '../db/client';
import type { CampaignWorkflows } from '../gateway/campaign-workflows';
import type { CaseWorkflows } from '../gateway/case-workflows';
import type { EmailWorkflows } from '../gateway/email-workflows';
import { openEligibilityReviews } from '../gateway/eligibility-reviews';
import { undeliveredAccountEmails } from '../db/outbox';
import type { HousekeepingActivities, NominationInput } from '../workflows/contract';

/** A case (or an account email) is given this long to be taken up before the housekeeping takes it up. */
const ORPHAN_GRACE_MS = 60_000;

export interface HousekeepingDeps {
  db: Db;
  signer: AuditSigner;
  cases: CaseWorkflows;
  campaigns: CampaignWorkflows;
  emails: EmailWorkflows;
  histories: WorkflowHistories;
}

export function createHousekeepingActivities({ db, signer, cases, campaigns, emails, histories }: HousekeepingDeps): HousekeepingActivities {
  return {
    async anchorAuditHead() {
      return (await anchorIfDue(db, signer)) !== null;
    },

    /** Every campaign has its clock running (one created while Temporal was out of reach, too). */
    async startCampaignClocks() {
      const all = await campaignsByDeadline(db);
      for (const c of all) await campaigns.startClock(c.id);
      return all.length;
    },

    /** The API stores a case before it starts its workflow; Temporal may have been out of reach in between. */
    async startCasesWithoutWorkflow() {
      const orphans = await casesWithoutWorkflow(db, new Date(Date.now() - ORPHAN_GRACE_MS));
      for (const c of orphans) await cases.start(c.id, c.campaignId, c.channel as NominationInput['channel']);
      return orphans.length;
    },

    /** Closed cases' histories go to Laurel's own store, to be read and replayed after Temporal's retention. */
    async archiveClosedCaseHistories() {
      return (await archiveClosedCases(db, histories)).length;
    },

    async deliverStrandedEmails() {
      const stranded = await undeliveredAccountEmails(db, new Date(Date.now() - ORPHAN_GRACE_MS));
      for (const id of stranded) await emails.deliver(id);
      return stranded.length;
    },

    async openPendingEligibilityReviews() {
      return (await openEligibilityReviews(db, cases)).filter((r) => r.taskId !== null).length;
    },
  };
}
