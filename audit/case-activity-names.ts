import type { CaseActivities } from '../workflows/contract';

// The case workflow's activities that the replay checks read, named through the contract: renaming
// one there fails compilation here rather than silently emptying a check.

/** The activities that record a step of the case; their input is the step. */
export const STEP_ACTIVITIES = ['recordCaseStep', 'enterSelectionPool'] as const satisfies readonly (keyof CaseActivities)[];
export const VOTE_ACTIVITY = 'recordVote' satisfies keyof CaseActivities;
export const COMPENSATION_ACTIVITY = 'compensate' satisfies keyof CaseActivities;

export function isStepActivity(activityType: string | undefined): boolean {
  return (STEP_ACTIVITIES as readonly (string | undefined)[]).includes(activityType);
}
