// The same change, shipped behind patched(): a case started before it replays the old way, a new
// case takes the new branch and its history records the patch marker.
import { patched, proxyActivities } from '@temporalio/workflow';
import type { NominationInput } from '../../../workflows/contract';
import { nominationWorkflow as current } from '../../../workflows/nomination';
import type { EligibilityActivities } from './eligibility';
import { ELIGIBILITY_PATCH } from './eligibility';

const { checkEligibility } = proxyActivities<EligibilityActivities>({ startToCloseTimeout: '15 seconds' });

export async function nominationWorkflow(input: NominationInput) {
  if (patched(ELIGIBILITY_PATCH)) await checkEligibility(input.caseId);
  return current(input);
}
