import type { CaseActivityDeps } from './case-activities';
import { createCaseActivities } from './case-activities';
import { createCommitteeActivities } from './committee-activities';

export function createActivities(deps: CaseActivityDeps) {
  return { ...createCaseActivities(deps), ...createCommitteeActivities(deps) };
}
