import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import type { MailCatcher } from '../../devtools/mail-catcher';
import { readCaughtMail } from '../../mail/caught-mail';
import { startMailCatcher } from '../../devtools/mail-catcher';

let dir: string;
let catcher: MailCatcher;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-mail-'));
  catcher = await startMailCatcher({ port: 0, dir });
});
afterEach(async () => {
  await catcher.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function send(mail: SendMailOptions) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: catcher.port, secure: false });
  return transport.sendMail({ from: 'Laurel <no-reply@laurel.local>', ...mail }).finally(() => transport.close());
}

test('a message sent over SMTP is read back with its recipients, Chinese subject and text', async () => {
  expect(catcher.port).toBeGreaterThan(0);
  const info = await send({ to: 'applicant@example.test', bcc: 'archive@example.test', subject: '您的推荐材料已受理', text: '案件编号：C-1\n请妥善保存。' });

  const [mail] = await readCaughtMail(dir);
  expect(mail).toEqual({
    to: ['applicant@example.test', 'archive@example.test'],
    from: 'Laurel <no-reply@laurel.local>',
    subject: '您的推荐材料已受理',
    text: '案件编号：C-1\n请妥善保存。',
    date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    messageId: info.messageId,
  });
});

test('messages are listed newest first, and in reverse arrival order when their dates are equal', async () => {
  const date = new Date('2025-03-01T08:00:00Z');
  await send({ to: 'a@example.test', subject: 'first', text: '1', date });
  await send({ to: 'a@example.test', subject: 'second', text: '2', date });
  await send({ to: 'a@example.test', subject: 'older', text: '0', date: new Date('2025-02-01T08:00:00Z') });
  await send({ to: 'a@example.test', subject: 'newest', text: '3' });

  expect((await readCaughtMail(dir)).map((m) => m.subject)).toEqual(['newest', 'second', 'first', 'older']);
});

test('a message over 10 MB is refused and not stored', async () => {
  await expect(send({ to: 'a@example.test', subject: 'big', text: 'x'.repeat(11 * 1024 * 1024) })).rejects.toThrow(/552|size/i);
  expect(await readCaughtMail(dir)).toEqual([]);
});

test('an empty or missing folder reads as no mail', async () => {
  expect(await readCaughtMail(path.join(dir, 'nothing-here'))).toEqual([]);
});
