import type { StaffUser } from '../domain/access';
import type { Role } from '../domain/roles';
import type { Prisma } from '../generated/prisma-sqlite';
import type { Db, Tx } from './client';
import type { SqlReader } from './direct-sql';
import type { StaffUserRow } from './sessions';
import { revokeSessionsOf } from './sessions';

const WITH_UNIT = { unit: true } as const;
type UserRow = Prisma.UserGetPayload<{ include: typeof WITH_UNIT }>;

export function toStaffUser(row: StaffUserRow): StaffUser {
  return {
    id: row.id,
    username: row.username,
    ...(row.displayName && { displayName: row.displayName }),
    roles: JSON.parse(row.roles) as Role[],
    fields: JSON.parse(row.fields) as string[],
    campaigns: JSON.parse(row.campaigns) as string[],
    ...(row.unit && { unitId: row.unit.id, unit: row.unit.name, unitKind: row.unit.kind }),
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
  email: string | null;
  disabled: boolean;
  /** `pending` until the holder has set a password through the invitation link. */
  invitation: 'pending' | 'accepted';
  createdAt: Date;
}

function toAccount(row: UserRow): Account {
  return { ...toStaffUser(row), email: row.email, disabled: row.disabled, invitation: row.passwordHash ? 'accepted' : 'pending', createdAt: row.createdAt };
}

/** The account signing in with this username, password hash included. */
export async function findUserByUsername(db: Db, username: string) {
  return db.user.findUnique({ where: { username }, include: WITH_UNIT });
}

export async function findAccount(db: Db | Tx, id: string): Promise<Account | null> {
  const row = await db.user.findUnique({ where: { id }, include: WITH_UNIT });
  return row && toAccount(row);
}

export async function allAccounts(db: Db): Promise<Account[]> {
  return (await db.user.findMany({ orderBy: { username: 'asc' }, include: WITH_UNIT })).map(toAccount);
}

export interface AccountData {
  displayName: string;
  email: string;
  roles: Role[];
  fields: string[];
  campaigns: string[];
  unitId: string | null;
}

export async function createUser(db: Db | Tx, id: string, username: string, data: AccountData): Promise<Account> {
  const row = await db.user.create({ data: { id, username, roles: JSON.stringify(data.roles), ...storedAccount(data) }, include: WITH_UNIT });
  return toAccount(row);
}

export async function updateUser(db: Db | Tx, id: string, change: Partial<AccountData>): Promise<Account> {
  return toAccount(await db.user.update({ where: { id }, data: storedAccount(change), include: WITH_UNIT }));
}

function storedAccount(d: Partial<AccountData>) {
  return {
    ...(d.displayName !== undefined && { displayName: d.displayName }),
    ...(d.email !== undefined && { email: d.email }),
    ...(d.roles && { roles: JSON.stringify(d.roles) }),
    ...(d.fields && { fields: JSON.stringify(d.fields) }),
    ...(d.campaigns && { campaigns: JSON.stringify(d.campaigns) }),
    ...(d.unitId !== undefined && { unitId: d.unitId }),
  };
}

export async function usernameTaken(db: Db | Tx, username: string): Promise<boolean> {
  return (await db.user.findUnique({ where: { username }, select: { id: true } })) !== null;
}

export async function setPasswordHash(db: Db | Tx, userId: string, passwordHash: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { passwordHash } });
}

/** Active accounts with the committee role: a new campaign's committee unless it names one. */
export async function committeeAccounts(db: Db): Promise<Account[]> {
  const rows = await db.user.findMany({ where: { disabled: false, roles: { contains: '"committee"' } }, orderBy: { username: 'asc' }, include: WITH_UNIT });
  return rows.map(toAccount);
}

/** These accounts, in the order asked, with their units (for a committee's recusals). */
export async function accountsByIds(db: Db, ids: readonly string[]): Promise<Account[]> {
  const rows = await db.user.findMany({ where: { id: { in: [...ids] } }, include: WITH_UNIT });
  const byId = new Map(rows.map((r) => [r.id, toAccount(r)]));
  return ids.map((id) => byId.get(id)).filter((a): a is Account => Boolean(a));
}

/** Active unit accounts of the unit, with an email address: who hears about its nominations. */
export async function unitAccountEmails(sql: SqlReader, unitId: string): Promise<string[]> {
  const rows = await sql.rows<{ email: string }>(`SELECT "email" FROM "User" WHERE "unitId" = ? AND "roles" LIKE '%"unit"%' AND "email" IS NOT NULL AND "disabled" = ?`, [unitId, false]);
  return rows.map((r) => r.email);
}

/** Disables the account and ends all its sessions in one transaction; null when there is no such account. */
export async function disableUser(db: Db, id: string, at: Date): Promise<{ account: Account; revokedSessions: number } | null> {
  return db.$transaction(async (tx) => {
    if (!(await tx.user.findUnique({ where: { id }, select: { id: true } }))) return null;
    const user = await tx.user.update({ where: { id }, data: { disabled: true }, include: WITH_UNIT });
    return { account: toAccount(user), revokedSessions: await revokeSessionsOf(tx, id, at) };
  });
}

/** Enables the account; null when there is no such account. */
export async function enableUser(db: Db, id: string): Promise<Account | null> {
  if (!(await db.user.findUnique({ where: { id }, select: { id: true } }))) return null;
  return toAccount(await db.user.update({ where: { id }, data: { disabled: false }, include: WITH_UNIT }));
}

/** Whether the account gets the hourly digest of tasks that arrived for it. */
export async function notifyByEmailOf(db: Db, id: string): Promise<boolean> {
  return (await db.user.findUniqueOrThrow({ where: { id }, select: { notifyByEmail: true } })).notifyByEmail;
}

/** Turns the account's task digest on or off; answers whether that changed anything. */
export async function setNotifyByEmail(db: Db, id: string, notifyByEmail: boolean): Promise<boolean> {
  return (await db.user.updateMany({ where: { id, notifyByEmail: !notifyByEmail }, data: { notifyByEmail } })).count > 0;
}
