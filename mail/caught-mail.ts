import fs from 'node:fs';
import path from 'node:path';

// The development mailbox: the local mail catcher stores each message it receives as a JSON file
// in one folder, and the mail viewer reads them back. This module is that folder's format.

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

let sequence = 0;

/** A file name that sorts in arrival order, even for messages caught in the same millisecond. */
function fileName(): string {
  sequence += 1;
  return `${String(Date.now()).padStart(15, '0')}-${String(sequence).padStart(9, '0')}-${process.pid}.json`;
}

function writeAtomically(file: string, content: string): void {
  // Readers list *.json only: they never see a half-written message.
  fs.writeFileSync(`${file}.partial`, content);
  fs.renameSync(`${file}.partial`, file);
}

/** Stores one caught message, under a name that sorts in arrival order. */
export function storeCaughtMail(dir: string, mail: CaughtMail): void {
  writeAtomically(path.join(dir, fileName()), JSON.stringify(mail, null, 2));
}

const READ_AT_ONCE = 64;

/** Every message caught in `dir`, newest first; messages with the same date in reverse arrival order. */
export async function readCaughtMail(dir: string): Promise<CaughtMail[]> {
  let files: string[];
  try {
    files = (await fs.promises.readdir(dir)).filter((f) => f.endsWith('.json'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  // A few files at a time: tens of thousands at once (a 10,000-case campaign) run out of file handles.
  const entries: { file: string; mail: CaughtMail }[] = [];
  for (let i = 0; i < files.length; i += READ_AT_ONCE) {
    const batch = files.slice(i, i + READ_AT_ONCE);
    entries.push(...(await Promise.all(batch.map(async (file) => ({ file, mail: JSON.parse(await fs.promises.readFile(path.join(dir, file), 'utf8')) as CaughtMail })))));
  }
  entries.sort((a, b) => Date.parse(b.mail.date) - Date.parse(a.mail.date) || (a.file < b.file ? 1 : a.file > b.file ? -1 : 0));
  return entries.map((e) => e.mail);
}
