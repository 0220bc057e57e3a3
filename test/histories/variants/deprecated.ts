// The clean-up, once no case started before the change runs any more: deprecatePatch() keeps the
// histories recorded with the marker replaying, and the old branch is gone.
import { deprecatePatch, proxyActivities } from '@temporalio/workflow';
import type { NominationInput } from '../../../workflows/contract';
import { nominationWorkflow as current } from '../../../workflows/nomination';
import type { EligibilityActivities } from './eligibility';
import { ELIGIBILITY_PATCH } from './eligibility';

const { checkEligibility } = proxyActivities<EligibilityActivities>({ startToCloseTimeout: '15 seconds' });

export async function nominationWorkflow(input: NominationInput) {
  deprecatePatch(ELIGIBILITY_PATCH);
  await checkEligibility(input.caseId);
  return current(input);
}
