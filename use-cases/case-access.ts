import type { Db } from '../db/client';
import type { CaseVisibility } from '../db/cases';
import { accessFactsOf, findCase } from '../db/cases';
import type { Principal, StaffUser } from '../domain/access';
import { canSeeCase, groupsOf, isCaseOwner } from '../domain/access';
import { notFound, unauthorized } from '../domain/errors';
import type { Role } from '../domain/roles';

/** The case as its caller may see it; anything else answers 404 so existence does not leak. */
export async function visibleCase(db: Db, principal: Principal | undefined, caseId: string) {
  if (!principal) throw unauthorized();
  const kase = await findCase(db, caseId);
  if (!kase) throw notFound();
  const facts = accessFactsOf(kase);
  if (!canSeeCase(principal, facts)) throw notFound();
  return { kase, owner: isCaseOwner(principal, facts) };
}

/** The same rule as `canSeeCase`, for lists. */
export function visibilityOf(user: StaffUser): CaseVisibility {
  const has = (...roles: Role[]) => roles.some((r) => user.roles.includes(r));
  if (has('secretariat', 'auditor')) return { everything: true };
  return {
    taskGroups: groupsOf(user),
    ...(has('unit') && { submittedBy: user.id }),
    ...(has('working-group', 'branch') && { fields: user.fields }),
  };
}
