import { TASK_KINDS, candidateGroup } from './tasks';
import type { TaskKind } from './tasks';
import type { UnitKind } from './channels';
import type { Role } from './roles';

export interface StaffUser {
  id: string;
  username: string;
  roles: Role[];
  fields: string[];
  unit?: string;
  unitKind?: UnitKind;
}

/** Who is calling: a signed-in account, or an applicant holding the access token of one case. */
export type Principal = { kind: 'user'; user: StaffUser } | { kind: 'applicant'; caseId: string };

/** The task groups a user works for, e.g. `secretariat`, `working-group:catering`. */
export function groupsOf(user: StaffUser): string[] {
  const groups = new Set<string>();
  for (const [kind, rule] of Object.entries(TASK_KINDS)) {
    if (!user.roles.includes(rule.role)) continue;
    if (rule.byField) for (const f of user.fields) groups.add(candidateGroup(kind as TaskKind, f));
    else groups.add(rule.role);
  }
  return [...groups];
}

/** The task's own group may act on it; once escalated past the review deadline, the secretariat may too. */
export function canActOnTask(user: StaffUser, task: { candidateGroup: string; escalatedAt?: Date | null }): boolean {
  return groupsOf(user).includes(task.candidateGroup) || (Boolean(task.escalatedAt) && user.roles.includes('secretariat'));
}

/** Recusal: no reviewer decides a case recommended by their own unit. */
export function mustRecuse(user: StaffUser, kase: { recommendingUnit: string }): boolean {
  return Boolean(user.unit) && user.unit === kase.recommendingUnit && !user.roles.includes('unit');
}

export interface CaseAccessFacts {
  id: string;
  field: string;
  channel: string;
  submittedByUserId: string | null;
  /** Task groups that ever had a task on the case. */
  taskGroups: string[];
}

/** Whether the caller may read the case at all; what it may not read answers 404. */
export function canSeeCase(p: Principal | undefined, c: CaseAccessFacts): boolean {
  if (!p) return false;
  if (p.kind === 'applicant') return p.caseId === c.id;
  const u = p.user;
  if (u.roles.includes('secretariat') || u.roles.includes('auditor')) return true;
  if (u.roles.includes('unit') && c.submittedByUserId === u.id) return true;
  if ((u.roles.includes('working-group') || u.roles.includes('branch')) && u.fields.includes(c.field)) return true;
  const groups = groupsOf(u);
  return c.taskGroups.some((g) => groups.includes(g));
}

/** Applicant or submitting unit: the ones who may withdraw or resubmit. */
export function isCaseOwner(p: Principal | undefined, c: CaseAccessFacts): boolean {
  if (!p) return false;
  if (p.kind === 'applicant') return p.caseId === c.id;
  return c.submittedByUserId === p.user.id;
}

export function hasRole(user: StaffUser, ...roles: Role[]): boolean {
  return roles.some((r) => user.roles.includes(r));
}
