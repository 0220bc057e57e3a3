// Deliberately incompatible: the new activity call is made unconditionally, so every case already
// running would meet a command its history does not have.
import { proxyActivities } from '@temporalio/workflow';
import type { NominationInput } from '../../../workflows/contract';
import { nominationWorkflow as current } from '../../../workflows/nomination';
import type { EligibilityActivities } from './eligibility';

const { checkEligibility } = proxyActivities<EligibilityActivities>({ startToCloseTimeout: '15 seconds' });

export async function nominationWorkflow(input: NominationInput) {
  await checkEligibility(input.caseId);
  return current(input);
}
