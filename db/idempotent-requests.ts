import type { Db } from './client';
import { directSql } from './client';

/**
 * What a request made with an Idempotency-Key finds: it is the first (`new`: go ahead), its first
 * answer is stored (`answered`: send it again), the key was used for another request, or the first
 * is still being answered.
 */
export type RequestClaim =
  | { kind: 'new' }
  | { kind: 'answered'; status: number; body: string | null }
  | { kind: 'other-request' }
  | { kind: 'in-progress' };

/**
 * Claims the key for this request. A first attempt that never stored its answer (its process died,
 * or Temporal was out of reach) is taken over once older than `abandonedBefore`: what it did is
 * found again by the Update id or the case's own state, never applied twice.
 */
export async function claimRequest(db: Db, key: string, fingerprint: string, abandonedBefore: Date): Promise<RequestClaim> {
  // Direct SQL (db/direct-sql.ts) for the claim and the answer: every decision and submission makes both.
  const claimed = await directSql(db).transaction((tx) =>
    tx.run('INSERT INTO "IdempotentRequest" ("key", "fingerprint", "createdAt") VALUES (?, ?, ?) ON CONFLICT ("key") DO NOTHING', [key, fingerprint, new Date()]),
  );
  if (claimed === 1) return { kind: 'new' };
  const row = await db.idempotentRequest.findUnique({ where: { key } });
  if (!row) return claimRequest(db, key, fingerprint, abandonedBefore);
  if (row.fingerprint !== fingerprint) return { kind: 'other-request' };
  if (row.status !== null) return { kind: 'answered', status: row.status, body: row.body };
  const taken = await db.idempotentRequest.updateMany({ where: { key, status: null, createdAt: { lt: abandonedBefore } }, data: { createdAt: new Date() } });
  return taken.count > 0 ? { kind: 'new' } : { kind: 'in-progress' };
}

/** Stores the first answer; a retry with the key is sent it. */
export async function storeAnswer(db: Db, key: string, status: number, body: string | null): Promise<void> {
  await directSql(db).transaction((tx) =>
    tx.run('UPDATE "IdempotentRequest" SET "status" = ?, "body" = ?, "answeredAt" = ? WHERE "key" = ? AND "status" IS NULL', [status, body, new Date(), key]),
  );
}

/** The request had no lasting answer (an outage): a retry with the key tries again. */
export async function releaseClaim(db: Db, key: string): Promise<void> {
  await db.idempotentRequest.deleteMany({ where: { key, status: null } });
}

/** Keys are kept long enough for any retry; older ones are removed by the housekeeping. */
export async function forgetAnsweredBefore(db: Db, before: Date): Promise<number> {
  const { count } = await db.idempotentRequest.deleteMany({ where: { createdAt: { lt: before } } });
  return count;
}
