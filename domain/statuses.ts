/** The case statuses of the HTTP contract, in the order a case normally moves through them. */
export const ACTIVE_STATUSES = [
  'seal-check',
  'resubmission-requested',
  'field-review',
  'branch-shortlist',
  'committee-review',
  'awaiting-selection',
  'public-notice',
  'notice-ended',
] as const;

export const TERMINAL_STATUSES = ['announced', 'rejected', 'not-selected', 'expired', 'withdrawn', 'disqualified'] as const;

export const CASE_STATUSES = [...ACTIVE_STATUSES, ...TERMINAL_STATUSES] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** `announced` ends the workflow's normal life, yet fraud can still undo it (see the campaign rules). */
export function isTerminal(status: CaseStatus): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

/** The applicant or unit may withdraw until the case ends; an announced case has ended for them. */
export function canWithdraw(status: CaseStatus): boolean {
  return !isTerminal(status);
}

/** Statuses after which a fraud report changes nothing; an announced or not-selected case can still be undone. */
const CLOSED_FOR_FRAUD_REPORTS: readonly CaseStatus[] = ['rejected', 'expired', 'withdrawn', 'disqualified'];

export function canReportFraud(status: CaseStatus): boolean {
  return !CLOSED_FOR_FRAUD_REPORTS.includes(status);
}
