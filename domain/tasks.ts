import type { CaseStatus } from './statuses';

/** Who acts on each kind of task, which decisions it takes, and which case status it belongs to. */
export const TASK_KINDS = {
  'seal-check': { role: 'secretariat', decisions: ['approve', 'request-resubmission', 'reject'], byField: false },
  'field-review': { role: 'working-group', decisions: ['pass', 'reject'], byField: true },
  'branch-shortlist': { role: 'branch', decisions: ['shortlist', 'reject'], byField: true },
  'committee-review': { role: 'committee', decisions: ['approve', 'reject'], byField: false },
  'objection-review': { role: 'secretariat', decisions: ['uphold', 'dismiss'], byField: false },
  'fraud-investigation': { role: 'secretariat', decisions: ['uphold', 'dismiss'], byField: false },
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

export const TASK_KIND_LABELS: Record<TaskKind, { zh: string; en: string }> = {
  'seal-check': { zh: '公章审核', en: 'Seal check' },
  'field-review': { zh: '业务领域审核', en: 'Field review' },
  'branch-shortlist': { zh: '分支机构遴选', en: 'Branch shortlist' },
  'committee-review': { zh: '评审委员会评审', en: 'Committee review' },
  'objection-review': { zh: '异议处理', en: 'Objection review' },
  'fraud-investigation': { zh: '举报调查', en: 'Fraud investigation' },
  'compensation-incident': { zh: '撤销补偿异常', en: 'Compensation incident' },
};

export const DECISION_LABELS: Record<Decision, { zh: string; en: string }> = {
  approve: { zh: '通过', en: 'Approve' },
  'request-resubmission': { zh: '要求重新提交', en: 'Request resubmission' },
  reject: { zh: '不通过', en: 'Reject' },
  pass: { zh: '审核通过', en: 'Pass' },
  shortlist: { zh: '入围', en: 'Shortlist' },
  uphold: { zh: '成立', en: 'Uphold' },
  dismiss: { zh: '不成立', en: 'Dismiss' },
  resolved: { zh: '已处理', en: 'Resolved' },
};
