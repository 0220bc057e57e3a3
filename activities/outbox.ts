import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/client';

export interface QueuedEmail {
  /** Business data naming the email (case, transition, template, recipient): queued once, ever. */
  key: string;
  caseId: string;
  template: string;
  recipient: string;
  subject: string;
  text: string;
}

/** Queues an email unless its key is queued already; returns the outbox row's id either way. */
export async function queueEmail(db: Db | Tx, email: QueuedEmail): Promise<string> {
  const existing = await db.outbox.findUnique({ where: { key: email.key }, select: { id: true } });
  if (existing) return existing.id;
  const row = await db.outbox.create({ data: { id: randomUUID(), ...email } });
  return row.id;
}
