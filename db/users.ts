import type { StaffUser } from '../domain/access';
import type { UnitKind } from '../domain/channels';
import type { Role } from '../domain/roles';
import type { Db } from './client';
import { revokeSessionsOf } from './sessions';

type UserRow = { id: string; username: string; roles: string; fields: string; unit: string | null; unitKind: string | null };

export function toStaffUser(row: UserRow): StaffUser {
  return {
    id: row.id,
    username: row.username,
    roles: JSON.parse(row.roles) as Role[],
    fields: JSON.parse(row.fields) as string[],
    ...(row.unit && { unit: row.unit }),
    ...(row.unitKind && { unitKind: row.unitKind as UnitKind }),
  };
}

/** The usernames of these user ids, for lists that say who holds or did something. */
export async function usernames(db: Db, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, username: true } });
  return new Map(users.map((u) => [u.id, u.username]));
}

/** A staff account as the secretariat manages it. */
export interface Account extends StaffUser {
  disabled: boolean;
}

function toAccount(row: UserRow & { disabled: boolean }): Account {
  return { ...toStaffUser(row), disabled: row.disabled };
}

/** The account signing in with this username, password hash included. */
export async function findUserByUsername(db: Db, username: string) {
  return db.user.findUnique({ where: { username } });
}

export async function allAccounts(db: Db): Promise<Account[]> {
  return (await db.user.findMany({ orderBy: { username: 'asc' } })).map(toAccount);
}

/** Disables the account and ends all its sessions in one transaction; null when there is no such account. */
export async function disableUser(db: Db, id: string, at: Date): Promise<{ account: Account; revokedSessions: number } | null> {
  return db.$transaction(async (tx) => {
    if (!(await tx.user.findUnique({ where: { id }, select: { id: true } }))) return null;
    const user = await tx.user.update({ where: { id }, data: { disabled: true } });
    return { account: toAccount(user), revokedSessions: await revokeSessionsOf(tx, id, at) };
  });
}

/** Enables the account; null when there is no such account. */
export async function enableUser(db: Db, id: string): Promise<Account | null> {
  if (!(await db.user.findUnique({ where: { id }, select: { id: true } }))) return null;
  return toAccount(await db.user.update({ where: { id }, data: { disabled: false } }));
}
