/** Case status vocabulary of API.md, in the order a case normally moves through it. */
export const ACTIVE_STATUSES = [
  'seal-check',
  'resubmission-requested',
  'field-review',
  'branch-shortlist',
  'committee-review',
  'awaiting-selection',
  'public-notice',
] as const;

export const TERMINAL_STATUSES = ['announced', 'rejected', 'not-selected', 'expired', 'withdrawn', 'disqualified'] as const;

export const CASE_STATUSES = [...ACTIVE_STATUSES, ...TERMINAL_STATUSES] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** `announced` ends the workflow's normal life, yet fraud can still undo it (see the campaign rules). */
export function isTerminal(status: CaseStatus): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

export function canWithdraw(status: CaseStatus): boolean {
  return !isTerminal(status);
}

export const STATUS_LABELS: Record<CaseStatus, { zh: string; en: string }> = {
  'seal-check': { zh: '公章审核', en: 'Seal check' },
  'resubmission-requested': { zh: '待重新提交盖章报名表', en: 'Resubmission of the sealed form requested' },
  'field-review': { zh: '业务领域审核', en: 'Field review' },
  'branch-shortlist': { zh: '分支机构遴选入围', en: 'Branch shortlisting' },
  'committee-review': { zh: '评审委员会评审', en: 'Committee review' },
  'awaiting-selection': { zh: '等待评选结果', en: 'Awaiting selection' },
  'public-notice': { zh: '公示中', en: 'Public notice' },
  announced: { zh: '已通报', en: 'Announced' },
  rejected: { zh: '未通过', en: 'Rejected' },
  'not-selected': { zh: '未当选', en: 'Not selected' },
  expired: { zh: '已过期', en: 'Expired' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  disqualified: { zh: '已取消资格', en: 'Disqualified' },
};
