import type { Db, Tx } from './client';
import { directSql } from './client';
import { booleanOf, timeOf } from './raw-values';

// Staff sessions, stored under the SHA-256 of their bearer token: the token itself is never kept.

export async function createSession(db: Db, session: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.session.create({ data: { id: session.tokenHash, userId: session.userId, expiresAt: session.expiresAt } });
}

interface SessionRow {
  lastSeenAt: Date | string | number;
  expiresAt: Date | string | number;
  revokedAt: Date | string | number | null;
  disabled: boolean | number | bigint;
  id: string;
  username: string;
  displayName: string;
  roles: string;
  fields: string;
  campaigns: string;
  unitId: string | null;
  unitName: string | null;
  unitKind: string | null;
}

/** What a staff member's rights are read from (db/users `toStaffUser`). */
export type StaffUserRow = Pick<SessionRow, 'id' | 'username' | 'displayName' | 'roles' | 'fields' | 'campaigns'> & { unit: { id: string; name: string; kind: string } | null };

export interface FoundSession {
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  userDisabled: boolean;
  user: StaffUserRow;
}

/**
 * The session of this token hash, with its account: one join in direct SQL (db/direct-sql.ts), where
 * Prisma's nested include takes three queries, because every authenticated request reads it.
 */
export async function findSession(db: Db, tokenHash: string): Promise<FoundSession | null> {
  const [row] = await directSql(db).rows<SessionRow>(
    `SELECT s."lastSeenAt" AS "lastSeenAt", s."expiresAt" AS "expiresAt", s."revokedAt" AS "revokedAt",
      u."disabled" AS "disabled", u."id" AS "id", u."username" AS "username", u."displayName" AS "displayName",
      u."roles" AS "roles", u."fields" AS "fields", u."campaigns" AS "campaigns",
      n."id" AS "unitId", n."name" AS "unitName", n."kind" AS "unitKind"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId" LEFT JOIN "Unit" n ON n."id" = u."unitId"
    WHERE s."id" = ?`,
    [tokenHash],
  );
  if (!row) return null;
  const { id, username, displayName, roles, fields, campaigns } = row;
  return {
    lastSeenAt: timeOf(row.lastSeenAt),
    expiresAt: timeOf(row.expiresAt),
    revokedAt: row.revokedAt === null ? null : timeOf(row.revokedAt),
    userDisabled: booleanOf(row.disabled),
    user: { id, username, displayName, roles, fields, campaigns, unit: row.unitId ? { id: row.unitId, name: row.unitName!, kind: row.unitKind! } : null },
  };
}

/** Marks the session as used now: idle sessions end. */
export async function touchSession(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.session.update({ where: { id: tokenHash }, data: { lastSeenAt: at } });
}

export async function revokeSession(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.session.update({ where: { id: tokenHash }, data: { revokedAt: at } });
}

/** Ends every live session of the account; answers how many there were. */
export async function revokeSessionsOf(db: Db | Tx, userId: string, at: Date): Promise<number> {
  const revoked = await db.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } });
  return revoked.count;
}
