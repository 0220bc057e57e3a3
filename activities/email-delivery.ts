import { ApplicationFailure, Context, log } from '@temporalio/activity';
import { appendAuditEntry } from '../db/audit-log';
import type { Db } from '../db/client';
import { emailToSend, markFailed, markPending, markSentAudited } from '../db/outbox';
import type { Mailer } from '../mail/mailer';

function isPermanentSmtpRefusal(err: unknown): boolean {
  const code = (err as { responseCode?: unknown })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function createEmailDelivery({ db, mailer, mailFrom }: { db: Db; mailer: Mailer; mailFrom: string }) {
  return {
    /**
     * Sends one queued email; a message recorded as sent is never sent again. Each try is recorded
     * with its outcome, in one write; a try a crash cut short is counted by the activity's attempt
     * number, so a resend after a crash is visible: if a worker dies between the server's acceptance
     * and our record of it, the retry sends the message again under the same Message-ID (SMTP offers
     * nothing better than at-least-once at that boundary) and the row shows two tries.
     */
    async deliverEmail(outboxId: string): Promise<void> {
      const { attempt } = Context.current().info;
      const row = await emailToSend(db, outboxId);
      if (row === 'missing') throw ApplicationFailure.create({ type: 'outbox-missing', message: `no outbox row ${outboxId}`, nonRetryable: true });
      if (row === 'done') return;
      const about = { key: row.key, recipient: row.recipient, template: row.template };
      try {
        await mailer.send({ from: mailFrom, to: row.recipient, subject: row.subject, text: row.text, messageId: `<${row.id}@laurel>` });
      } catch (err) {
        const lastError = String((err as Error).message).slice(0, 500);
        // A 5xx reply is the server's final word (e.g. the address does not exist): retrying would
        // only hold the case back, so the email is marked failed for the secretariat to see.
        if (isPermanentSmtpRefusal(err)) {
          await markFailed(db, row.id, lastError, attempt);
          await appendAuditEntry(db, { action: 'email-failed', caseId: row.caseId, details: { ...about, error: lastError } });
          log.warn('email refused for good by the mail server', { outboxId: row.id, template: row.template, smtpCode: (err as { responseCode?: number }).responseCode });
          return;
        }
        await markPending(db, row.id, lastError, attempt);
        throw err;
      }
      await markSentAudited(db, row.id, new Date(), attempt, { action: 'email-sent', caseId: row.caseId, details: about });
      // The line names the email by its outbox row and template; the case comes from the activity's workflow.
      log.info('email sent', { outboxId: row.id, template: row.template });
    },
  };
}
