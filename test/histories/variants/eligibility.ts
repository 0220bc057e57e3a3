// The activity a workflow change adds in the variants: a check of the nominee's eligibility when a
// case starts. Test-only: the variants show how such a change ships while cases are running.
export interface EligibilityActivities {
  checkEligibility(caseId: string): Promise<void>;
}

export const ELIGIBILITY_PATCH = 'eligibility-check-at-start';
