import { TASK_KINDS, candidateGroup } from './tasks';
import type { TaskKind } from './tasks';
import { normaliseForMatch } from './honourees';
import type { Role } from './roles';

export interface StaffUser {
  id: string;
  username: string;
  displayName?: string;
  roles: Role[];
  /** Business-field codes a working-group or branch reviewer covers. */
  fields: string[];
  /** Campaigns a reviewer serves; empty: every campaign. */
  campaigns: string[];
  /** The account's unit: the one a unit account nominates for, a reviewer's employer. */
  unitId?: string;
  unit?: string;
  unitKind?: string;
}

/** Whether the reviewer serves this campaign. */
export function servesCampaign(user: StaffUser, campaignId: string): boolean {
  return user.campaigns.length === 0 || user.campaigns.includes(campaignId);
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

/**
 * The task's own group may act on it, in a campaign the user serves; a committee task, only a member
 * of that campaign's committee. Once escalated past the review deadline, the secretariat may too.
 */
export function canActOnTask(user: StaffUser, task: { candidateGroup: string; campaignId: string; kind: string; escalatedAt?: Date | null }, committeeOf: readonly string[]): boolean {
  if (task.escalatedAt && user.roles.includes('secretariat')) return true;
  if (!groupsOf(user).includes(task.candidateGroup) || !servesCampaign(user, task.campaignId)) return false;
  return task.kind !== 'committee-review' || committeeOf.includes(task.campaignId);
}

/** Units are the same when their names are, after normalising width, case and spaces. */
export function sameUnit(a: string | undefined | null, b: string | undefined | null): boolean {
  return Boolean(a) && Boolean(b) && normaliseForMatch(a!) === normaliseForMatch(b!);
}

/** Recusal: no reviewer decides a case recommended by their own unit. */
export function mustRecuse(user: StaffUser, kase: { recommendingUnit: string }): boolean {
  return sameUnit(user.unit, kase.recommendingUnit) && !user.roles.includes('unit');
}

export interface CaseAccessFacts {
  id: string;
  campaignId: string;
  field: string;
  channel: string;
  submittedByUserId: string | null;
  /** Task groups that ever had a task on the case. */
  taskGroups: string[];
}

/**
 * Whether the caller may read the case at all; what it may not read answers 404. Reviewers see the
 * cases of their fields in the campaigns they serve; committee members those their committee reviews.
 */
export function canSeeCase(p: Principal | undefined, c: CaseAccessFacts, committeeOf: readonly string[] = []): boolean {
  if (!p) return false;
  if (p.kind === 'applicant') return p.caseId === c.id;
  const u = p.user;
  if (u.roles.includes('secretariat') || u.roles.includes('auditor')) return true;
  if (u.roles.includes('unit') && c.submittedByUserId === u.id) return true;
  if (!servesCampaign(u, c.campaignId)) return false;
  if ((u.roles.includes('working-group') || u.roles.includes('branch')) && u.fields.includes(c.field)) return true;
  const groups = groupsOf(u).filter((g) => g !== 'committee' || committeeOf.includes(c.campaignId));
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
