export const ROLES = ['secretariat', 'working-group', 'branch', 'committee', 'auditor', 'unit'] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose members act on task inboxes. */
export const STAFF_ROLES: readonly Role[] = ['secretariat', 'working-group', 'branch', 'committee', 'auditor'];
