export const ROLES = ['secretariat', 'working-group', 'branch', 'committee', 'auditor', 'unit'] as const;
export type Role = (typeof ROLES)[number];

/** The roles of staff: they act on task inboxes, or (auditors) read every case. */
export const STAFF_ROLES: readonly Role[] = ['secretariat', 'working-group', 'branch', 'committee', 'auditor'];
