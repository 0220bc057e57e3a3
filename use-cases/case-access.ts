import type { Db } from '../db/client';
import type { CaseVisibility } from '../db/cases';
import { committeesOf } from '../db/campaigns';
import { accessFactsOf, findCase } from '../db/cases';
import type { Principal, StaffUser } from '../domain/access';
import { canSeeCase, groupsOf, isCaseOwner } from '../domain/access';
import { notFound, unauthorized } from '../domain/errors';
import type { Role } from '../domain/roles';

/** The campaigns whose committee the user sits on (none unless they have the committee role). */
export async function committeeCampaignsOf(db: Db, user: StaffUser): Promise<string[]> {
  return user.roles.includes('committee') ? committeesOf(db, user.id) : [];
}

/** The case as its caller may see it; anything else answers 404 so existence does not leak. */
export async function visibleCase(db: Db, principal: Principal | undefined, caseId: string) {
  if (!principal) throw unauthorized();
  const kase = await findCase(db, caseId);
  if (!kase) throw notFound();
  const facts = accessFactsOf(kase);
  const committeeOf = principal.kind === 'user' ? await committeeCampaignsOf(db, principal.user) : [];
  if (!canSeeCase(principal, facts, committeeOf)) throw notFound();
  return { kase, owner: isCaseOwner(principal, facts) };
}

/** The same rule as `canSeeCase`, for lists. */
export async function visibilityOf(db: Db, user: StaffUser): Promise<CaseVisibility> {
  const has = (...roles: Role[]) => roles.some((r) => user.roles.includes(r));
  if (has('secretariat', 'auditor')) return { everything: true };
  return {
    taskGroups: groupsOf(user).filter((g) => g !== 'committee'),
    committeeCampaigns: await committeeCampaignsOf(db, user),
    servedCampaigns: user.campaigns,
    ...(has('unit') && { submittedBy: user.id }),
    ...(has('working-group', 'branch') && { fields: user.fields }),
  };
}
