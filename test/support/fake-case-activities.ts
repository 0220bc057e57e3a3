import type { CaseActivities, CaseStep } from '../../activities/case-activities';

/** Records what a case workflow asked its activities to do, in order, without a database. */
export function fakeCaseActivities(options: { roundClosed?: boolean } = {}) {
  const steps: CaseStep[] = [];
  const delivered: string[] = [];
  const activities: CaseActivities = {
    async recordCaseStep(step) {
      steps.push(step);
      return { outboxIds: [`mail-${step.seq}`] };
    },
    async enterSelectionPool(step) {
      steps.push(step);
      return { outboxIds: [`mail-${step.seq}`], roundClosed: options.roundClosed ?? false };
    },
    async deliverEmail(id) {
      delivered.push(id);
    },
  };
  return { activities, steps, delivered, statuses: () => steps.map((s) => s.status) };
}
