import type { CaseStatus } from './statuses';

/** Who acts on each kind of task, which decisions it takes, and which case status it belongs to. */
export const TASK_KINDS = {
  'seal-check': { role: 'secretariat', decisions: ['approve', 'request-resubmission', 'reject'], byField: false },
  'field-review': { role: 'working-group', decisions: ['pass', 'reject'], byField: true },
  'branch-shortlist': { role: 'branch', decisions: ['shortlist', 'reject'], byField: true },
  'committee-review': { role: 'committee', decisions: ['approve', 'reject'], byField: false },
  'objection-review': { role: 'secretariat', decisions: ['uphold', 'dismiss'], byField: false },
  'fraud-investigation': { role: 'secretariat', decisions: ['uphold', 'dismiss'], byField: false },
  'eligibility-review': { role: 'secretariat', decisions: ['ineligible', 'eligible'], byField: false },
  'compensation-incident': { role: 'secretariat', decisions: ['resolved'], byField: false },
} as const;

export type TaskKind = keyof typeof TASK_KINDS;
export const TASK_KIND_NAMES = Object.keys(TASK_KINDS) as [TaskKind, ...TaskKind[]];
export type Decision = (typeof TASK_KINDS)[TaskKind]['decisions'][number];
export type TaskRole = (typeof TASK_KINDS)[TaskKind]['role'];

/** The review steps of a case, in order; each is both a task kind and the case's status while it is open. */
export const REVIEW_STEPS = ['seal-check', 'field-review', 'branch-shortlist', 'committee-review'] as const satisfies readonly (TaskKind & CaseStatus)[];
export type ReviewStep = (typeof REVIEW_STEPS)[number];

export function isDecisionOf(kind: TaskKind, decision: string): decision is Decision {
  return (TASK_KINDS[kind].decisions as readonly string[]).includes(decision);
}

/** The candidate group a task is offered to, e.g. `working-group:catering` or `secretariat`. */
export function candidateGroup(kind: TaskKind, field: string): string {
  const { role, byField } = TASK_KINDS[kind];
  return byField ? `${role}:${field}` : role;
}
