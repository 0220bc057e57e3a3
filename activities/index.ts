import type { Client } from '@temporalio/client';
import { temporalHistories } from '../audit/temporal-histories';
import type { AuditSigner } from '../db/audit-anchors';
import { campaignWorkflows } from '../gateway/campaign-workflows';
import { caseWorkflows } from '../gateway/case-workflows';
import { emailWorkflows } from '../gateway/email-workflows';
import type { CaseActivityDeps } from './case-activities';
import { createAnnouncementActivities } from './announcement';
import { createCaseActivities } from './case-activities';
import { createCampaignActivities } from './campaign-activities';
import { createCommitteeActivities } from './committee-activities';
import { createHousekeepingActivities } from './housekeeping';
import { createTaskDigestActivities } from './task-digest';

export interface ActivityDeps extends CaseActivityDeps {
  /** The housekeeping starts workflows and reads their histories. */
  temporal: Client;
  taskQueue: string;
  signer: AuditSigner;
}

/** Every activity the worker serves, built over the clients it is given. */
export function createActivities(deps: ActivityDeps) {
  const { db, temporal, taskQueue, signer } = deps;
  const cases = caseWorkflows({ temporal, taskQueue, db });
  return {
    ...createCaseActivities(deps),
    ...createCommitteeActivities(deps),
    ...createCampaignActivities(deps),
    ...createTaskDigestActivities(deps),
    ...createAnnouncementActivities({ db, cases }),
    ...createHousekeepingActivities({
      db,
      signer,
      cases,
      campaigns: campaignWorkflows({ temporal, taskQueue }),
      emails: emailWorkflows({ temporal, taskQueue }),
      histories: temporalHistories(temporal),
    }),
  };
}
