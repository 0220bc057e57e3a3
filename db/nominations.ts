import { randomUUID } from 'node:crypto';
import type { StoredFile } from '../uploads/sealed-forms';
import type { AuditEvent } from './audit-log';
import { AUDITED_TRANSACTION, appendAuditEntryIn } from './audit-log';
import type { Db } from './client';
import { onPostgres } from './client';
import type { QueuedEmail } from './outbox';
import { queueEmail } from './outbox';

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === 'P2002';

export async function caseByIdempotencyKey(db: Db, idempotencyKey: string) {
  return db.case.findUnique({ where: { idempotencyKey }, select: { id: true, campaignId: true, status: true, channel: true } });
}

/** Whether this nominee is already nominated, alive, in the campaign the key names. */
export async function nomineeActive(db: Db, activeNomineeKey: string): Promise<boolean> {
  return (await db.case.findUnique({ where: { activeNomineeKey }, select: { id: true } })) !== null;
}

/** The quota row must exist before the conditional increment; two first submissions may race to create it. */
export async function ensureQuotaRow(db: Db, campaignId: string, unitKey: string): Promise<void> {
  await db.quotaUsage.upsert({ where: { campaignId_unitKey: { campaignId, unitKey } }, create: { campaignId, unitKey }, update: {} }).catch((err) => {
    if (!isUniqueViolation(err)) throw err;
  });
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

/**
 * Stores the case, its sealed form, its confirmation email and its audit entry in one transaction,
 * taking a quota slot by a conditional increment: concurrent submissions of one unit serialise on
 * that row, and the last slot goes once.
 */
export async function storeNomination(db: Db, n: NewNomination): Promise<StoreOutcome> {
  try {
    return await db.$transaction(async (tx) => {
      if (n.quota) {
        const took = await tx.quotaUsage.updateMany({
          where: { campaignId: n.campaignId, unitKey: n.quota.unitKey, used: { lt: n.quota.limit } },
          data: { used: { increment: 1 } },
        });
        if (took.count === 0) throw new QuotaExhausted();
      }
      await tx.case.create({
        data: {
          id: n.caseId,
          campaignId: n.campaignId,
          workflowId: n.workflowId,
          channel: n.channel,
          category: n.category,
          field: n.field,
          recommendingUnit: n.recommendingUnit,
          nomineeUnit: n.nomineeUnit,
          unitId: n.unitId,
          submittedByUserId: n.submittedByUserId,
          idempotencyKey: n.idempotencyKey,
          applicantEmail: n.applicantEmail,
          language: n.language,
          nomineeName: n.nomineeName,
          form: n.form,
          mediaAwardCount: n.mediaAwardCount,
          quotaKey: n.quota?.unitKey ?? null,
          activeNomineeKey: n.activeNomineeKey,
          accessTokenHash: n.accessTokenHash,
          status: 'seal-check',
        },
      });
      await tx.sealedForm.create({ data: { id: randomUUID(), caseId: n.caseId, ...n.sealedForm } });
      await queueEmail(tx, n.confirmation);
      await appendAuditEntryIn(tx, onPostgres(db), n.audit);
      return 'stored' as const;
    }, AUDITED_TRANSACTION);
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
