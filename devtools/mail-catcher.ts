import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { CaughtMail } from '../mail/caught-mail';
import { storeCaughtMail } from '../mail/caught-mail';

export interface MailCatcher {
  port: number;
  close: () => Promise<void>;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

function senderOf(address: { name: string; address?: string } | undefined): string | undefined {
  if (!address?.address) return undefined;
  return address.name ? `${address.name} <${address.address}>` : address.address;
}

/** A local SMTP server (no auth, no TLS) that stores every message it receives as a JSON file in `dir`. */
export async function startMailCatcher(options: { port: number; dir: string; host?: string }): Promise<MailCatcher> {
  fs.mkdirSync(options.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if (stream.sizeExceeded) {
            callback(Object.assign(new Error('Message exceeds the 10 MB limit'), { responseCode: 552 }));
            return;
          }
          const mail: CaughtMail = {
            to: session.envelope.rcptTo.map((r) => r.address),
            from: senderOf(parsed.from?.value[0]) ?? (session.envelope.mailFrom || undefined)?.address ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            date: (parsed.date ?? new Date()).toISOString(),
            messageId: parsed.messageId ?? '',
          };
          storeCaughtMail(options.dir, mail);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  server.on('error', (err) => console.error('mail catcher:', err.message));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
