import { randomUUID } from 'node:crypto';
import type { EmailIdentity } from '../mail/outbox-key';
import { outboxKey } from '../mail/outbox-key';
import type { AuditEvent } from './audit-log';
import { appendAuditEntrySql } from './audit-log';
import type { Db, Tx } from './client';
import { directSql } from './client';
import type { SqlTx } from './direct-sql';

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

const stepKeyPrefix = (caseId: string, seq: number) => `${caseId}:${seq}:`;

/** queueEmail in a transaction of direct SQL (a case's step). */
export async function queueEmailSql(tx: SqlTx, { about, occasion, template, recipient, caseId, subject, text }: QueuedEmail): Promise<string> {
  const key = outboxKey({ about, occasion, template, recipient });
  const [existing] = await tx.rows<{ id: string }>('SELECT "id" FROM "Outbox" WHERE "key" = ?', [key]);
  if (existing) return existing.id;
  const id = randomUUID();
  await tx.run(
    `INSERT INTO "Outbox" ("id", "key", "caseId", "template", "recipient", "subject", "text", "status", "attempts", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)`,
    [id, key, caseId, template, recipient, subject, text, new Date()],
  );
  return id;
}

/** The emails a case's step queued, found by the step's part of their keys (a retried step reports them again). */
export async function emailsOfStep(tx: SqlTx, caseId: string, seq: number): Promise<string[]> {
  const prefix = stepKeyPrefix(caseId, seq);
  const rows = await tx.rows<{ id: string }>('SELECT "id" FROM "Outbox" WHERE "caseId" = ? AND substr("key", 1, ?) = ?', [caseId, prefix.length, prefix]);
  return rows.map((r) => r.id);
}

export interface SendingEmail {
  id: string;
  key: string;
  caseId: string;
  template: string;
  recipient: string;
  subject: string;
  text: string;
}

/**
 * A queued email as its delivery reads it, or `done` when it was sent or refused for good already,
 * `missing` when there is no such row. A read, no write: the try is recorded with its outcome.
 * Direct SQL: every email of every case. (`sending` is the state earlier versions gave a row
 * during its SMTP conversation; such a row is still waiting.)
 */
export async function emailToSend(db: Db, id: string): Promise<SendingEmail | 'done' | 'missing'> {
  const [row] = await directSql(db).rows<SendingEmail & { status: string }>(
    'SELECT "id", "key", "caseId", "template", "recipient", "subject", "text", "status" FROM "Outbox" WHERE "id" = ?',
    [id],
  );
  if (!row) return 'missing';
  if (row.status !== 'pending' && row.status !== 'sending') return 'done';
  const { status: _status, ...email } = row;
  return email;
}

/**
 * The tries an email has had once this one is recorded: one more than recorded, or `attempt` (the
 * delivery activity's, counting from 1) when that is more, since a try a crash cut short recorded
 * nothing. Two parameters: `attempt`, twice.
 */
const TRIES = 'CASE WHEN "attempts" + 1 > ? THEN "attempts" + 1 ELSE ? END';

async function recordFailedTry(db: Db, id: string, status: 'pending' | 'failed', lastError: string, attempt: number): Promise<void> {
  await directSql(db).transaction((tx) => tx.run(`UPDATE "Outbox" SET "status" = ?, "lastError" = ?, "attempts" = ${TRIES} WHERE "id" = ?`, [status, lastError, attempt, attempt, id]));
}

/** Refused for good (a 5xx reply): never tried again. */
export function markFailed(db: Db, id: string, lastError: string, attempt: number): Promise<void> {
  return recordFailedTry(db, id, 'failed', lastError, attempt);
}

/** Not sent this time: waiting for the next try. */
export function markPending(db: Db, id: string, lastError: string, attempt: number): Promise<void> {
  return recordFailedTry(db, id, 'pending', lastError, attempt);
}

/**
 * Marks the email sent, counting the try, and appends `audit` to the chain in one transaction: the
 * record and its entry are written together or not at all; no entry if it was marked sent already.
 */
export async function markSentAudited(db: Db, id: string, at: Date, attempt: number, audit: AuditEvent): Promise<void> {
  await directSql(db).transaction(async (tx) => {
    const marked = await tx.run(`UPDATE "Outbox" SET "status" = 'sent', "sentAt" = ?, "lastError" = NULL, "attempts" = ${TRIES} WHERE "id" = ? AND "status" <> 'sent'`, [
      at,
      attempt,
      attempt,
      id,
    ]);
    if (marked === 1) await appendAuditEntrySql(tx, audit);
  });
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
