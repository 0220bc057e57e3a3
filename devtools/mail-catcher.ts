import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One email as the catcher stored it. */
export interface CaughtMail {
  /** The envelope recipients: who the message was really delivered to, Bcc included. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  /** ISO 8601: the message's Date header, or when it arrived if it has none. */
  date: string;
  messageId: string;
}

export interface MailCatcher {
  port: number;
  close: () => Promise<void>;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

let sequence = 0;

/** A file name that sorts in arrival order, even for messages caught in the same millisecond. */
function fileName(): string {
  sequence += 1;
  return `${String(Date.now()).padStart(15, '0')}-${String(sequence).padStart(9, '0')}-${process.pid}.json`;
}

function senderOf(address: { name: string; address?: string } | undefined): string | undefined {
  if (!address?.address) return undefined;
  return address.name ? `${address.name} <${address.address}>` : address.address;
}

function writeAtomically(file: string, content: string): void {
  // Readers list *.json only: they never see a half-written message.
  fs.writeFileSync(`${file}.partial`, content);
  fs.renameSync(`${file}.partial`, file);
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
          writeAtomically(path.join(options.dir, fileName()), JSON.stringify(mail, null, 2));
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

/** Every message caught in `dir`, newest first; messages with the same date in reverse arrival order. */
export async function readCaughtMail(dir: string): Promise<CaughtMail[]> {
  let files: string[];
  try {
    files = (await fs.promises.readdir(dir)).filter((f) => f.endsWith('.json'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const entries = await Promise.all(
    files.map(async (file) => ({ file, mail: JSON.parse(await fs.promises.readFile(path.join(dir, file), 'utf8')) as CaughtMail })),
  );
  entries.sort((a, b) => Date.parse(b.mail.date) - Date.parse(a.mail.date) || (a.file < b.file ? 1 : a.file > b.file ? -1 : 0));
  return entries.map((e) => e.mail);
}
