import type { CaseActivityDeps } from './case-activities';
import { createCaseActivities } from './case-activities';
import { createCommitteeActivities } from './committee-activities';
import { createCampaignActivities } from './campaign-activities';

export function createActivities(deps: CaseActivityDeps) {
  return { ...createCaseActivities(deps), ...createCommitteeActivities(deps), ...createCampaignActivities(deps) };
}
