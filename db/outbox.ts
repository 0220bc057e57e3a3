import { randomUUID } from 'node:crypto';
import type { EmailIdentity } from '../mail/outbox-key';
import { outboxKey } from '../mail/outbox-key';
import type { AuditEvent } from './audit-log';
import { AUDITED_TRANSACTION, appendAuditEntryIn } from './audit-log';
import type { Db, Tx } from './client';
import { onPostgres } from './client';

export interface QueuedEmail extends EmailIdentity {
  /** The case the email concerns, or `campaign:<id>` for campaign-wide mail. */
  caseId: string;
  subject: string;
  text: string;
}

/** Queues an email unless its key is queued already; returns the outbox row's id either way. */
export async function queueEmail(db: Db | Tx, { about, occasion, template, recipient, caseId, subject, text }: QueuedEmail): Promise<string> {
  const key = outboxKey({ about, occasion, template, recipient });
  const existing = await db.outbox.findUnique({ where: { key }, select: { id: true } });
  if (existing) return existing.id;
  const row = await db.outbox.create({ data: { id: randomUUID(), key, caseId, template, recipient, subject, text } });
  return row.id;
}

/** The emails a case's step queued, found by the step's part of their keys (a retried step reports them again). */
export async function emailsOfStep(db: Db | Tx, caseId: string, seq: number): Promise<string[]> {
  const rows = await db.outbox.findMany({ where: { key: { startsWith: `${caseId}:${seq}:` } }, select: { id: true } });
  return rows.map((r) => r.id);
}

const isNotFound = (err: unknown) => (err as { code?: string })?.code === 'P2025';

/**
 * Takes a queued email for a send, counting the attempt before the SMTP conversation so that a
 * resend after a crash shows in the attempts; answers the row. `done` when it was sent or refused
 * for good already, `missing` when there is no such row.
 */
export async function startSending(db: Db, id: string) {
  try {
    return await db.outbox.update({ where: { id, status: { in: ['pending', 'sending'] } }, data: { status: 'sending', attempts: { increment: 1 } } });
  } catch (err) {
    if (!isNotFound(err)) throw err;
    return (await db.outbox.findUnique({ where: { id }, select: { id: true } })) ? ('done' as const) : ('missing' as const);
  }
}

export async function markFailed(db: Db, id: string, lastError: string): Promise<void> {
  await db.outbox.update({ where: { id }, data: { status: 'failed', lastError } });
}

export async function markPending(db: Db, id: string, lastError: string): Promise<void> {
  await db.outbox.update({ where: { id }, data: { status: 'pending', lastError } });
}

/**
 * Marks the email sent and appends `audit` to the chain in one transaction: the record and its
 * entry are written together or not at all. False, and no entry, if it was marked sent already.
 */
export async function markSentAudited(db: Db, id: string, at: Date, audit: AuditEvent): Promise<boolean> {
  return db.$transaction(
    async (tx) => {
      const marked = await tx.outbox.updateMany({ where: { id, status: { not: 'sent' } }, data: { status: 'sent', sentAt: at, lastError: null } });
      if (marked.count !== 1) return false;
      await appendAuditEntryIn(tx, onPostgres(db), audit);
      return true;
    },
    AUDITED_TRANSACTION,
  );
}

/** Account emails still waiting, queued before `before`: their delivery workflow may never have started. */
export async function undeliveredAccountEmails(db: Db, before: Date): Promise<string[]> {
  const rows = await db.outbox.findMany({ where: { caseId: { startsWith: 'account:' }, status: 'pending', attempts: 0, createdAt: { lt: before } }, select: { id: true }, take: 500 });
  return rows.map((r) => r.id);
}

/** Emails queued and not yet sent: waiting for their first try, for a retry, or being sent now. */
const WAITING = { status: { in: ['pending', 'sending'] } };
/** Of those, the ones whose last try failed (the mail server refused or could not be reached). */
const FAILING = { ...WAITING, lastError: { not: null } };

export interface OutboxBacklog {
  queued: number;
  failing: number;
  /** Refused for good (a 5xx reply): never retried. */
  failed: number;
  oldestQueuedAt: Date | null;
  /** The error of the most recently queued failing email: the rows keep no time of their errors. */
  lastError: string | null;
}

export async function outboxBacklog(db: Db): Promise<OutboxBacklog> {
  const [queued, failing, failed, oldest, newestFailing] = await Promise.all([
    db.outbox.count({ where: WAITING }),
    db.outbox.count({ where: FAILING }),
    db.outbox.count({ where: { status: 'failed' } }),
    db.outbox.findFirst({ where: WAITING, orderBy: { createdAt: 'asc' }, select: { createdAt: true } }),
    db.outbox.findFirst({ where: FAILING, orderBy: { createdAt: 'desc' }, select: { lastError: true } }),
  ]);
  return { queued, failing, failed, oldestQueuedAt: oldest?.createdAt ?? null, lastError: newestFailing?.lastError ?? null };
}
