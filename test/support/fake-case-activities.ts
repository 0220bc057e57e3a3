import type { CaseActivities } from '../../workflows/contract';
import type { CaseSettings, CaseStep, Compensation } from '../../workflows/contract';

export interface FakeOptions {
  roundClosed?: boolean;
  settings?: Partial<CaseSettings>;
  /** Compensations that fail this many times before they succeed (Infinity: always). */
  failCompensation?: Partial<Record<Compensation, number>>;
  promote?: { caseId: string; rank: number; noticeEndsAt: string };
  /** The workflow clock's now (a time-skipping server runs ahead of the wall clock). */
  now?: number;
  /** Called as each step is recorded; the step is recorded once the promise it returns settles. */
  duringStep?: (step: CaseStep) => Promise<void> | void;
}

/** Records what a case workflow asked its activities to do, in order, without a database. */
export function fakeCaseActivities(options: FakeOptions = {}) {
  const steps: CaseStep[] = [];
  const delivered: string[] = [];
  const votes: { memberId: string; decision: string; score?: number }[] = [];
  /** Effects applied, one entry per compensation that took effect (a retry must not add a second). */
  const compensated: Compensation[] = [];
  const attempts: Partial<Record<Compensation, number>> = {};
  const now = options.now ?? Date.now();
  const settings: CaseSettings = {
    submissionDeadline: new Date(now + 30 * 86_400_000).toISOString(),
    reviewDeadline: new Date(now + 60 * 86_400_000).toISOString(),
    deadlinesVersion: 1,
    committeeQuorum: 1,
    ...options.settings,
  };
  const activities: CaseActivities = {
    async recordCaseStep(step) {
      await options.duringStep?.(step);
      steps.push(step);
      return { outboxIds: step.notify === false ? [] : [`mail-${step.seq}`], settings };
    },
    async enterSelectionPool(step) {
      steps.push(step);
      return { outboxIds: [`mail-${step.seq}`], settings, roundClosed: options.roundClosed ?? false };
    },
    async recordVote(v) {
      votes.push({ memberId: v.memberId, decision: v.decision, score: v.score });
    },
    async deliverEmail(id) {
      delivered.push(id);
    },
    async compensate({ action }) {
      attempts[action] = (attempts[action] ?? 0) + 1;
      if ((attempts[action] ?? 0) <= (options.failCompensation?.[action] ?? 0)) throw new Error(`${action} failed (injected)`);
      if (!compensated.includes(action)) compensated.push(action);
      return action === 'revoke-winner' && options.promote ? { promoted: options.promote } : {};
    },
  };
  return { activities, steps, delivered, votes, compensated, attempts, settings, statuses: () => steps.filter((s, i) => i === 0 || s.status !== steps[i - 1].status).map((s) => s.status) };
}
