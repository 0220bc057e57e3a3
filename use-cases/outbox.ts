import { redactPersonalData } from '../domain/personal-data';
import { outboxBacklog } from '../db/outbox';
import type { UseCaseDeps } from './deps';

/**
 * The outbox backlog at a glance, for the secretariat to see a mail outage and its end: counts,
 * the oldest waiting email's time and the last error. No recipient, subject or body; a server's
 * error can quote an address, so the error is redacted too.
 */
export async function outboxSummary({ db }: UseCaseDeps) {
  const backlog = await outboxBacklog(db);
  return { ...backlog, lastError: backlog.lastError === null ? null : redactPersonalData(backlog.lastError) };
}
