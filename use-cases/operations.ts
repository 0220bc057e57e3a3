import { databaseReachable } from '../db/health';
import { temporalReachable } from '../gateway/health';
import { readCaughtMail } from '../mail/caught-mail';
import type { UseCaseDeps } from './deps';

/** Whether Laurel's parts answer: each named, so an operator sees which one is down. */
export async function health({ db, temporal }: UseCaseDeps) {
  const [database, temporalServer] = await Promise.all([databaseReachable(db, 3_000), temporalReachable(temporal, 3_000)]);
  return { ok: database && temporalServer, database: database ? 'ok' : 'unreachable', temporal: temporalServer ? 'ok' : 'unreachable' };
}

/** Development only: what the local mail catcher received, newest first. */
export async function caughtMail({ config }: UseCaseDeps) {
  const messages = await readCaughtMail(config.mail.catcherDir);
  return messages.map(({ to, from, subject, text, date, messageId }) => ({ to, from, subject, text, date, messageId }));
}
