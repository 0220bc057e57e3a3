import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../db/client';
import { readCaughtMail } from '../../mail/caught-mail';

/**
 * The status emails of a self-nominated case that is announced: seal-check (the confirmation),
 * field-review, branch-shortlist, committee-review, awaiting-selection, public-notice,
 * notice-ended and announced. A self-nomination has no unit whose accounts are told too.
 */
export const EMAILS_PER_ANNOUNCED_CASE = 8;

export interface EmailFigures {
  expected: number;
  /** Distinct Message-IDs of the cases' outbox rows that reached the mail server. */
  delivered: number;
  /** Message-IDs the mail server received more than once. */
  duplicated: number;
  /** Each duplicate, as evidence: outbox id, how often it arrived, and the attempts the outbox counted. */
  duplicates: string[];
  /** Outbox rows of the cases not recorded as sent, by status. */
  unsent: Record<string, number>;
}

const SETTLE_POLL_MS = 500;

async function outboxOf(db: Db, caseIds: string[]) {
  return db.outbox.findMany({ where: { caseId: { in: caseIds } }, select: { id: true, status: true, attempts: true } });
}

/** Waits (until `until`) for every queued email of the cases to be sent and to have reached the mail server. */
export async function emailsSettled(db: Db, mailDir: string, caseIds: string[], until: number): Promise<void> {
  for (;;) {
    const rows = await outboxOf(db, caseIds);
    const caught = new Set((await readCaughtMail(mailDir)).map((m) => m.messageId));
    if (rows.every((r) => r.status === 'sent' && caught.has(messageId(r.id)))) return;
    if (Date.now() + SETTLE_POLL_MS > until) return;
    await sleep(SETTLE_POLL_MS);
  }
}

function messageId(outboxId: string): string {
  return `<${outboxId}@laurel>`;
}

/**
 * Emails counted the way test/e2e/crash.test.ts counts them: by Message-ID (each outbox row sends
 * under its own), against the outbox's tries, each recorded with its outcome or, when a crash cut
 * it short, counted by the delivery activity's next attempt (more than one try on a duplicate: a
 * delivery cut between the server's acceptance and its record).
 */
export async function countEmails(db: Db, mailDir: string, caseIds: string[], expected: number): Promise<EmailFigures> {
  const rows = await outboxOf(db, caseIds);
  const received = new Map<string, number>();
  for (const mail of await readCaughtMail(mailDir)) received.set(mail.messageId, (received.get(mail.messageId) ?? 0) + 1);
  const figures: EmailFigures = { expected, delivered: 0, duplicated: 0, duplicates: [], unsent: {} };
  for (const row of rows) {
    const times = received.get(messageId(row.id)) ?? 0;
    if (times > 0) figures.delivered++;
    if (row.status !== 'sent') figures.unsent[row.status] = (figures.unsent[row.status] ?? 0) + 1;
    if (times < 2) continue;
    figures.duplicated++;
    figures.duplicates.push(`${row.id} received ${times} times (${row.attempts} attempts)`);
  }
  return figures;
}
