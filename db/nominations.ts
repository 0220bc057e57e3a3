import { randomUUID } from 'node:crypto';
import type { StoredFile } from '../uploads/sealed-forms';
import type { AuditEvent } from './audit-log';
import { appendAuditEntrySql } from './audit-log';
import type { Db } from './client';
import { directSql } from './client';
import type { SqlValue } from './direct-sql';
import { isUniqueViolation } from './direct-sql';
import type { QueuedEmail } from './outbox';
import { queueEmailSql } from './outbox';

interface EarlierCase {
  id: string;
  campaignId: string;
  status: string;
  channel: string;
}

export async function caseByIdempotencyKey(db: Db, idempotencyKey: string): Promise<EarlierCase | null> {
  const [kase] = await directSql(db).rows<EarlierCase>(
    'SELECT "id", "campaignId", "status", "channel" FROM "Case" WHERE "idempotencyKey" = ?',
    [idempotencyKey],
  );
  return kase ?? null;
}

/** Whether this nominee is already nominated, alive, in the campaign the key names. */
export async function nomineeActive(db: Db, activeNomineeKey: string): Promise<boolean> {
  return (await directSql(db).rows('SELECT "id" FROM "Case" WHERE "activeNomineeKey" = ?', [activeNomineeKey])).length > 0;
}

export interface NewNomination {
  caseId: string;
  campaignId: string;
  workflowId: string;
  channel: string;
  category: string;
  field: string;
  recommendingUnit: string;
  nomineeUnit: string;
  unitId: string | null;
  submittedByUserId: string | null;
  idempotencyKey: string | null;
  applicantEmail: string;
  language: string;
  nomineeName: string;
  form: string;
  mediaAwardCount: number;
  quota: { unitKey: string; limit: number } | null;
  activeNomineeKey: string;
  accessTokenHash: string | null;
  sealedForm: StoredFile;
  /** The confirmation email, queued with the case: the workflow's first step finds it by its key and delivers it. */
  confirmation: QueuedEmail;
  /** Its `nomination-submitted` entry in the audit chain, written with it. */
  audit: AuditEvent;
}

/** `taken`: a unique key was taken meanwhile (the idempotency key or the nominee's). */
export type StoreOutcome = 'stored' | 'quota-exhausted' | 'taken';

const CASE_COLUMNS = [
  'id', 'campaignId', 'workflowId', 'channel', 'category', 'field', 'recommendingUnit', 'nomineeUnit', 'unitId', 'submittedByUserId', 'idempotencyKey',
  'applicantEmail', 'language', 'nomineeName', 'form', 'mediaAwardCount', 'quotaKey', 'activeNomineeKey', 'accessTokenHash', 'status', 'submittedAt', 'updatedAt',
] as const;
const INSERT_CASE = `INSERT INTO "Case" (${CASE_COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${CASE_COLUMNS.map(() => '?').join(', ')})`;

/**
 * Stores the case, its sealed form, its confirmation email and its audit entry in one transaction
 * of direct SQL (db/direct-sql.ts: every submission makes it), taking a quota slot by a conditional
 * increment: concurrent submissions of one unit serialise on that row, and the last slot goes once.
 */
export async function storeNomination(db: Db, n: NewNomination): Promise<StoreOutcome> {
  try {
    return await directSql(db).transaction(async (tx) => {
      if (n.quota) {
        await tx.run('INSERT INTO "QuotaUsage" ("campaignId", "unitKey", "used") VALUES (?, ?, 0) ON CONFLICT DO NOTHING', [n.campaignId, n.quota.unitKey]);
        const took = await tx.run('UPDATE "QuotaUsage" SET "used" = "used" + 1 WHERE "campaignId" = ? AND "unitKey" = ? AND "used" < ?', [n.campaignId, n.quota.unitKey, n.quota.limit]);
        if (took === 0) throw new QuotaExhausted();
      }
      const now = new Date();
      const { caseId: id, quota, sealedForm, confirmation, audit, ...columns } = n;
      const kase: Record<(typeof CASE_COLUMNS)[number], SqlValue> = { ...columns, id, quotaKey: quota?.unitKey ?? null, status: 'seal-check', submittedAt: now, updatedAt: now };
      await tx.run(INSERT_CASE, CASE_COLUMNS.map((c) => kase[c]));
      await tx.run('INSERT INTO "SealedForm" ("id", "caseId", "storedName", "mediaType", "size", "sha256", "uploadedAt") VALUES (?, ?, ?, ?, ?, ?, ?)', [
        randomUUID(), id, sealedForm.storedName, sealedForm.mediaType, sealedForm.size, sealedForm.sha256, now,
      ]);
      await queueEmailSql(tx, confirmation);
      await appendAuditEntrySql(tx, audit);
      return 'stored' as const;
    });
  } catch (err) {
    if (err instanceof QuotaExhausted) return 'quota-exhausted';
    if (isUniqueViolation(err)) return 'taken';
    throw err;
  }
}

class QuotaExhausted extends Error {}

export async function sealedFormStored(db: Db, storedName: string): Promise<boolean> {
  return (await db.sealedForm.findUnique({ where: { storedName }, select: { id: true } })) !== null;
}

export async function addSealedForm(db: Db, caseId: string, file: StoredFile): Promise<string> {
  const id = randomUUID();
  await db.sealedForm.create({ data: { id, caseId, ...file } });
  return id;
}

export async function removeSealedForm(db: Db, id: string): Promise<void> {
  await db.sealedForm.delete({ where: { id } });
}

/** Stores the report under `id` (a repeated request's id finds the report it stored) and answers its task, once opened. */
export async function createFraudReport(db: Db, r: { id?: string; caseId: string; reason: string; evidence?: string; reportedBy: string }): Promise<{ id: string; taskId: string | null }> {
  const id = r.id ?? randomUUID();
  const row = await db.fraudReport.upsert({
    where: { id },
    create: { id, caseId: r.caseId, reason: r.reason, evidence: r.evidence ?? null, reportedBy: r.reportedBy },
    update: {},
    select: { id: true, taskId: true },
  });
  return row;
}

export async function removeFraudReport(db: Db, id: string): Promise<void> {
  await db.fraudReport.delete({ where: { id } });
}
