import type { Db, Tx } from './client';

export type PasswordTokenPurpose = 'invitation' | 'reset';

/** Stores a one-time link's hash; any earlier link of the account stops working. */
export async function issuePasswordToken(db: Db | Tx, t: { hash: string; userId: string; purpose: PasswordTokenPurpose; expiresAt: Date; at: Date }): Promise<void> {
  await db.passwordToken.updateMany({ where: { userId: t.userId, usedAt: null }, data: { usedAt: t.at } });
  await db.passwordToken.create({ data: { id: t.hash, userId: t.userId, purpose: t.purpose, expiresAt: t.expiresAt, createdAt: t.at } });
}

/** Uses the link up, if it is unused and unexpired: at most one caller ever gets its account. */
export async function consumePasswordToken(db: Db | Tx, hash: string, at: Date): Promise<{ userId: string; purpose: PasswordTokenPurpose } | null> {
  const used = await db.passwordToken.updateMany({ where: { id: hash, usedAt: null, expiresAt: { gt: at } }, data: { usedAt: at } });
  if (used.count === 0) return null;
  const token = await db.passwordToken.findUniqueOrThrow({ where: { id: hash } });
  return { userId: token.userId, purpose: token.purpose as PasswordTokenPurpose };
}

/** The link's account if it would still work, without using it up. */
export async function livePasswordToken(db: Db, hash: string, at: Date): Promise<{ userId: string; purpose: PasswordTokenPurpose; expiresAt: Date } | null> {
  const token = await db.passwordToken.findUnique({ where: { id: hash } });
  if (!token || token.usedAt || token.expiresAt <= at) return null;
  return { userId: token.userId, purpose: token.purpose as PasswordTokenPurpose, expiresAt: token.expiresAt };
}
