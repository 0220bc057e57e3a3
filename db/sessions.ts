import type { Db, Tx } from './client';

// Staff sessions, stored under the SHA-256 of their bearer token: the token itself is never kept.

export async function createSession(db: Db, session: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.session.create({ data: { id: session.tokenHash, userId: session.userId, expiresAt: session.expiresAt } });
}

/** The session of this token hash, with its account. */
export async function findSession(db: Db, tokenHash: string) {
  return db.session.findUnique({ where: { id: tokenHash }, include: { user: { include: { unit: true } } } });
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
