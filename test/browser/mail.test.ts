import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, PHONE, horizontalOverflow, launchBrowser, newVisitor, screenshot, visible } from '../support/browser';
import { ApiClient, eventually, nominationForm, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

// The development mailbox as a developer reads it at /dev/mail: the confirmation email a real
// self-nomination sent through the worker and the mail catcher, listed, opened, and its private
// link followed to the applicant's status page. Chromium from Debian, as in the other browser tests.

jest.setTimeout(180_000);

const APPLICANT = 'mail-page-applicant@example.test';
const NOMINEE = '邮示例';

let system: System;
let browser: Browser;
const contexts: BrowserContext[] = [];
let caseId: string;

async function visitor(viewport = DESKTOP): Promise<Page> {
  const v = await newVisitor(browser, system.baseUrl, viewport);
  contexts.push(v.context);
  return v.page;
}

beforeAll(async () => {
  browser = await launchBrowser();
  system = await startSystem();
  await system.startWorker();
  const res = await new ApiClient(system.baseUrl).post(
    '/api/campaigns/demo/nominations',
    nominationForm(sampleNomination({ channel: 'self', applicantEmail: APPLICANT, nominee: { name: NOMINEE, gender: '女', age: 39, ethnicity: '汉族', politicalAffiliation: '群众', post: '宿管员', title: '无' } })),
  );
  expect(res.status).toBe(201);
  caseId = res.body.caseId;
  await eventually(() => system.mail(), (all) => all.some((m) => m.to.includes(APPLICANT)));
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await system?.stop();
});

test('the mailbox lists the caught confirmation with its time, recipient and subject, and its private link opens the status page', async () => {
  const page = await visitor();
  const scriptErrors: string[] = [];
  page.on('pageerror', (err) => scriptErrors.push(err.message));
  await page.goto('/dev/mail');
  await visible(page.getByRole('heading', { name: '开发邮箱', level: 1 }));

  const list = page.getByRole('table', { name: /截获的邮件/ });
  const row = list.getByRole('row').filter({ hasText: APPLICANT });
  await visible(row);
  const subject = `【演示：年度最美后勤人推荐活动】${NOMINEE}：公章审核`;
  const open = row.getByRole('link', { name: `阅读邮件：${subject}` });
  await visible(open);
  // Beijing time, as every page shows it.
  await visible(row.getByText(/\d{4}\/\d\d\/\d\d \d\d:\d\d/));

  await open.click();
  const email = page.getByRole('article');
  await visible(email.getByRole('heading', { name: subject }));
  await visible(email.getByText('最美后勤人评选 <no-reply@laurel.local>'));
  await visible(email.getByText('您可以随时打开下面的专属链接查看申报进度，无需注册或登录：', { exact: false }));
  const link = email.getByRole('link', { name: /\/status\?case=.*#token=la_/ });
  await visible(link);
  expect(await link.getAttribute('href')).toMatch(new RegExp(`^${system.baseUrl}/status\\?case=${caseId}#token=la_[\\w-]+$`));
  await screenshot(page, 'dev-mail', { around: email });

  await link.click();
  await page.waitForURL((url) => url.pathname === '/status');
  await visible(page.getByRole('heading', { name: '申报概况' }));
  await visible(page.getByText(NOMINEE).first());
  expect(scriptErrors).toEqual([]);
});

test('the mailbox reads on a phone without scrolling sideways, and in English', async () => {
  const page = await visitor(PHONE);
  await page.goto('/dev/mail');
  await visible(page.getByRole('article').getByRole('link', { name: /#token=/ }));
  expect(await horizontalOverflow(page)).toBe(0);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await visible(page.getByRole('heading', { name: 'Caught mail', level: 1 }));
  await visible(page.getByRole('table', { name: /Caught emails \(\d+, newest first\)/ }));
});

test('any other caller of /dev/mail still gets the JSON, and /mail is not a page', async () => {
  const api = new ApiClient(system.baseUrl);
  const json = await api.get('/dev/mail');
  expect(json.headers.get('content-type')).toMatch(/application\/json/);
  expect(json.body.messages.find((m: { to: string[] }) => m.to.includes(APPLICANT))).toMatchObject({ from: '最美后勤人评选 <no-reply@laurel.local>', messageId: expect.any(String) });
  const page = await api.request('GET', '/dev/mail', undefined, { accept: 'text/html' });
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
  expect((await api.request('GET', '/mail', undefined, { accept: 'text/html' })).status).toBe(404);
});
