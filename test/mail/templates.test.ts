import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config';
import { startMailCatcher } from '../../devtools/mail-catcher';
import { DEFAULT_LANGUAGE } from '../../domain/channels';
import { CASE_STATUSES } from '../../domain/statuses';
import { readCaughtMail } from '../../mail/caught-mail';
import { createSmtpMailer } from '../../mail/mailer';
import type { StatusEmailContext } from '../../mail/templates';
import { renderStatusEmail } from '../../mail/templates';

const TOKEN = 'la_Q2FudGVlbk1hbmFnZXJLZXk';
const STATUS_URL = 'https://laurel.example.test/status?case=c-0001';

function email(overrides: Partial<StatusEmailContext> = {}) {
  return renderStatusEmail({
    status: 'seal-check',
    language: DEFAULT_LANGUAGE,
    caseId: 'c-0001',
    nomineeName: '周示例',
    campaignTitle: '2026年度最美后勤人评选',
    statusUrl: STATUS_URL,
    ...overrides,
  });
}

/** Words that belong to programmers, not to a canteen manager reading their confirmation. */
const PROGRAMMERS_WORDS = /Authorization|Bearer|\bAPI\b|接口|令牌|token[^=]|curl|HTTP header/i;

test('the confirmation of a self-nomination gives the applicant their personal link in words, on a line of its own, and no API instructions', () => {
  const { subject, text } = email({ accessToken: TOKEN });
  expect(subject).toBe('【2026年度最美后勤人评选】周示例：公章审核');
  const lines = text.split('\n');
  expect(lines).toContain(`${STATUS_URL}#token=${TOKEN}`);
  expect(text).toContain('您可以随时打开下面的专属链接查看申报进度，无需注册或登录：');
  expect(text).toContain('不要转发给他人');
  expect(text.replace(`${STATUS_URL}#token=${TOKEN}`, '')).not.toMatch(PROGRAMMERS_WORDS);
  // The token appears once: inside the link, not to be copied into a program.
  expect(text.split(TOKEN)).toHaveLength(2);
});

test('the English confirmation says the same in English', () => {
  const { subject, text } = email({ accessToken: TOKEN, language: 'en' });
  expect(subject).toBe('[2026年度最美后勤人评选] 周示例: Seal check');
  expect(text.split('\n')).toContain(`${STATUS_URL}#token=${TOKEN}`);
  expect(text).toContain('Follow your nomination at any time with your personal link below; no account or sign-in is needed:');
  expect(text.replace(`${STATUS_URL}#token=${TOKEN}`, '')).not.toMatch(PROGRAMMERS_WORDS);
  // Chinese only where the campaign and the nominee are named so.
  expect(text.replaceAll('2026年度最美后勤人评选', '').replaceAll('周示例', '')).not.toMatch(/[\u4e00-\u9fff]/u);
});

test('every later status email is in Chinese unless English was asked for, with the status page on a line of its own and no API instructions', () => {
  for (const status of CASE_STATUSES) {
    const zh = email({ status });
    expect(zh.text).toContain('当前状态：');
    expect(zh.text.split('\n')).toContain(STATUS_URL);
    expect(zh.text).not.toMatch(PROGRAMMERS_WORDS);
    const en = email({ status, language: 'en' });
    expect(en.text).toContain('Status: ');
    expect(en.text.split('\n')).toContain(STATUS_URL);
    expect(en.text).not.toMatch(PROGRAMMERS_WORDS);
  }
});

test('emails come from a sender named in Chinese by default, configurable, and arrive under that name', async () => {
  const from = loadConfig({}).mail.from;
  expect(from).toBe('最美后勤人评选 <no-reply@laurel.local>');
  expect(loadConfig({ MAIL_FROM: '省后勤协会评选 <awards@example.test>' }).mail.from).toBe('省后勤协会评选 <awards@example.test>');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-mail-from-'));
  const catcher = await startMailCatcher({ port: 0, dir });
  const mailer = createSmtpMailer(`smtp://127.0.0.1:${catcher.port}`);
  try {
    const { subject, text } = email({ accessToken: TOKEN });
    await mailer.send({ from, to: 'applicant@example.test', subject, text, messageId: '<c-0001-confirmation@laurel>' });
    const [caught] = await readCaughtMail(dir);
    expect(caught).toMatchObject({ from: '最美后勤人评选 <no-reply@laurel.local>', subject, text });
  } finally {
    mailer.close();
    await catcher.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the end of a public notice is written in Beijing time, in the reader's language and form", () => {
  // 01:02:03 UTC is 09:02:03 in Beijing; a time after 16:00 UTC is the next day there.
  expect(email({ status: 'public-notice', noticeEndsAt: new Date('2030-04-01T01:02:03Z') }).text).toContain('公示截止 2030/4/1 09:02:03（北京时间）');
  expect(email({ status: 'public-notice', noticeEndsAt: new Date('2030-04-01T16:00:00Z'), language: 'en' }).text).toContain('until 02/04/2030, 00:00:00 (Beijing time)');
});
