import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { projectRoot } from '../../config';
import { launchBrowser, newVisitor, samplePdf, screenshot, signIn, visible } from '../support/browser';
import { eventually } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

// A provincial association runs its own campaign on a fresh install with no demo data, each step on
// the pages in Debian's Chromium: the first secretariat account from the command line, its password
// set through the link; committee accounts, the campaign with its own fields, unit kinds, quotas,
// criteria and committee; units and their accounts; a unit that sets its password from its
// invitation email, sees its quota and nominates. The tests run in order and build on each other.

jest.setTimeout(240_000);

const CAMPAIGN = 'zj-2026';
const TITLE = '浙江省教育后勤“最美后勤人”推选活动';
// Synthetic people, units and addresses only.
const SECRETARIAT = { username: 'zj-secretariat', email: 'secretariat@example.test', password: 'Qiantang-tide-1847' };
const COMMITTEE = [
  { username: 'zj-committee-1', name: '周评委', email: 'committee1@example.test' },
  { username: 'zj-committee-2', name: '吴评委', email: 'committee2@example.test' },
  { username: 'zj-committee-3', name: '郑评委', email: 'committee3@example.test' },
];
const CITY_ASSOCIATION = '杭州市教育后勤协会';
const COLLEGE_COMMITTEE = '浙江省高校后勤伙食专业委员会';
const UNIT_ACCOUNT = { username: 'hz-association', name: '陈联络员', email: 'hz-association@example.test', password: 'West-lake-lotus-2231' };
const NOMINEE = '林绿化';

/** What the public campaign endpoint answers, as far as these checks read it. */
interface PublicCampaign {
  fields: { code: string; name: string; nameEn?: string }[];
  unitKinds: { code: string; name: string; channel: string; quota: number }[];
  criteria: string[];
}

let system: System;
let browser: Browser;
const contexts: BrowserContext[] = [];

/** Script errors of any page opened: a page that throws is a failure even if the step's check passed. */
const pageErrors: string[] = [];

async function visitor(): Promise<Page> {
  const v = await newVisitor(browser, system.baseUrl);
  contexts.push(v.context);
  v.page.on('pageerror', (error) => pageErrors.push(`${v.page.url()}: ${error.message}`));
  return v.page;
}

async function secretariat(): Promise<Page> {
  const page = await visitor();
  await signIn(page, SECRETARIAT.username, SECRETARIAT.password);
  return page;
}

/** A day `days` from now on Beijing's calendar, as a date input takes it. */
function beijingDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}
const SUBMISSION = { date: beijingDate(10), time: '17:30' };
const REVIEW = { date: beijingDate(20), time: '12:00' };

/** Sets the password on the page a one-time link opens, and lands on the sign-in page. */
async function setPasswordThrough(page: Page, link: string, password: string): Promise<void> {
  await page.goto(link);
  await visible(page.getByRole('heading', { name: '设置密码', level: 1 }));
  await page.getByLabel('新密码', { exact: true }).fill(password);
  await page.getByLabel('再次输入新密码').fill(password);
  await page.getByRole('button', { name: '设置密码' }).click();
  await page.waitForURL((url) => url.pathname === '/signin');
  await visible(page.getByRole('status').filter({ hasText: '密码已设置' }));
}

beforeAll(async () => {
  browser = await launchBrowser();
  system = await startSystem({ demo: false });
  await system.startWorker();
}, 180_000);

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await system?.stop();
});

describe('a provincial secretariat sets up its own campaign on a fresh install', () => {
  test('the first secretariat, created as `npm run users:create` does, sets its password through the printed link; a common password is refused in words', async () => {
    const { stdout } = await promisify(execFile)(
      path.join(projectRoot, 'node_modules', '.bin', 'tsx'),
      ['scripts/create-user.ts', '--username', SECRETARIAT.username, '--email', SECRETARIAT.email, '--roles', 'secretariat', '--display-name', '省协会秘书处'],
      { cwd: projectRoot, env: { ...process.env, ...system.processEnv }, timeout: 120_000 },
    );
    const link = /https?:\/\/\S+\/set-password#token=\S+/.exec(stdout)?.[0];
    expect(link).toBeTruthy();

    const page = await visitor();
    await page.goto(link!);
    await visible(page.getByText('至少 10 个字符，且不能是常见密码'));
    // The token left the address bar once read: a copied address or the history does not carry it.
    expect(page.url()).not.toContain('token=');

    const password = page.getByLabel('新密码', { exact: true });
    await password.fill('password123');
    await page.getByLabel('再次输入新密码').fill('password123');
    await page.getByRole('button', { name: '设置密码' }).click();
    await visible(page.getByRole('status').filter({ hasText: '密码不符合要求' }));
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    await visible(page.getByText('密码过于常见或容易猜到', { exact: false }));
    await screenshot(page, 'set-password-refused');

    await password.fill(SECRETARIAT.password);
    await page.getByLabel('再次输入新密码').fill(SECRETARIAT.password);
    await page.getByRole('button', { name: '设置密码' }).click();
    await page.waitForURL((url) => url.pathname === '/signin');
    await visible(page.getByRole('status').filter({ hasText: '密码已设置' }));

    // The link works once: opened again, it says so in words and offers a new one — as the page
    // opens where the API checks links, else when the password is sent.
    await page.goto(link!);
    const spent = page.getByRole('status').filter({ hasText: '链接无效或已过期' });
    await visible(spent.or(page.getByLabel('新密码', { exact: true })));
    if (!(await spent.isVisible())) {
      await page.getByLabel('新密码', { exact: true }).fill('another-Strong-pass-93');
      await page.getByLabel('再次输入新密码').fill('another-Strong-pass-93');
      await page.getByRole('button', { name: '设置密码' }).click();
    }
    await visible(spent);
    await visible(page.getByRole('link', { name: '重新获取设置密码的链接' }));

    await signIn(page, SECRETARIAT.username, SECRETARIAT.password);
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await visible(page.getByText('还没有评选活动。'));
  });

  test('someone who forgot a password asks for a link from the sign-in page, and the answer does not say whether the account exists', async () => {
    const page = await visitor();
    await page.goto('/signin');
    await page.getByRole('link', { name: '忘记密码？' }).click();
    await page.waitForURL((url) => url.pathname === '/forgot-password');
    await page.getByLabel('用户名').fill('nobody-by-this-name');
    await page.getByRole('button', { name: '发送重设链接' }).click();
    await visible(page.getByRole('status').filter({ hasText: '如果该账号存在，重设密码的链接已发送' }));
  });

  test('the secretariat creates the three committee members on the people page; a username already taken is refused beside its field', async () => {
    const page = await secretariat();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '人员与单位' }).click();
    const form = await visible(page.getByRole('form', { name: '新建账号' }));
    for (const member of COMMITTEE) {
      await form.getByLabel('用户名').fill(member.username);
      await form.getByLabel('姓名').fill(member.name);
      await form.getByLabel('电子邮箱').fill(member.email);
      await form.getByRole('checkbox', { name: '评审委员会委员' }).check();
      await form.getByRole('button', { name: '新建账号并发送邀请' }).click();
      await visible(form.getByRole('status').filter({ hasText: `已创建账号 ${member.username}` }));
    }
    const accounts = page.getByRole('table', { name: /账号（/ });
    await visible(accounts.getByRole('row').filter({ hasText: COMMITTEE[2].username }).filter({ hasText: '待设置密码（已发邀请）' }));

    await form.getByLabel('用户名').fill(COMMITTEE[0].username);
    await form.getByLabel('姓名').fill('重名者');
    await form.getByLabel('电子邮箱').fill('same@example.test');
    await form.getByRole('checkbox', { name: '审计员' }).check();
    await form.getByRole('button', { name: '新建账号并发送邀请' }).click();
    await visible(form.getByText('该用户名已被使用。'));
    expect(await form.getByLabel('用户名').getAttribute('aria-invalid')).toBe('true');
    expect(await system.db.user.count({ where: { username: COMMITTEE[0].username } })).toBe(1);
  });

  test('the secretariat creates the campaign on the campaign page: its own dates, fields, unit kinds and quotas, criteria, committee and quorum', async () => {
    const page = await secretariat();
    await page.goto('/campaign');
    const form = await visible(page.getByRole('form', { name: '新建评选活动' }));
    await form.getByLabel('活动代码').fill(CAMPAIGN);
    await form.getByLabel('活动名称').fill(TITLE);
    await form.getByLabel('申报截止日期').fill(SUBMISSION.date);
    await form.getByLabel('申报截止时间').fill(SUBMISSION.time);
    await form.getByLabel('评审截止日期').fill(REVIEW.date);
    await form.getByLabel('评审截止时间').fill(REVIEW.time);
    await form.getByLabel('当选名额（约）').fill('20');
    await form.getByLabel('公示期（天）').fill('5');
    await form.getByLabel('接受个人自荐').uncheck();

    const fields = [['greening', '绿化', 'Greening'], ['catering', '伙食管理', 'Catering']];
    for (const [i, [code, name, nameEn]] of fields.entries()) {
      await form.getByRole('button', { name: '添加业务领域' }).click();
      const row = form.getByRole('group', { name: `业务领域 ${i + 1}` });
      await row.getByLabel('代码').fill(code);
      await row.getByLabel('名称', { exact: true }).fill(name);
      await row.getByLabel('英文名称（选填）').fill(nameEn);
    }
    const kinds = [['city-association', '市级教育后勤协会', '单位推荐', '5'], ['college-committee', '高校后勤专业委员会', '分支机构推荐', '2']];
    for (const [i, [code, name, channel, quota]] of kinds.entries()) {
      await form.getByRole('button', { name: '添加单位类型' }).click();
      const row = form.getByRole('group', { name: `单位类型 ${i + 1}` });
      await row.getByLabel('代码').fill(code);
      await row.getByLabel('名称', { exact: true }).fill(name);
      await row.getByLabel('推荐渠道').selectOption({ label: channel });
      await row.getByLabel('每个单位的推荐名额').fill(quota);
    }
    const criteria = ['长期扎根浙江省学校后勤一线，爱岗敬业。', '在校园绿化、节能或伙食保障中成效突出，师生认可。'];
    for (const [i, text] of criteria.entries()) {
      await form.getByRole('button', { name: '添加推荐条件' }).click();
      await form.getByLabel(`推荐条件 ${i + 1}`, { exact: true }).fill(text);
    }
    const committee = form.getByRole('group', { name: '委员' });
    for (const member of COMMITTEE) await committee.getByRole('checkbox', { name: new RegExp(member.username) }).check();
    // A quorum above the committee is refused before anything is sent.
    await form.getByLabel('法定票数').fill('4');
    await form.getByRole('button', { name: '创建评选活动' }).click();
    await visible(form.getByText('法定票数不能超过评审委员会人数（3 人）。'));
    expect(await system.db.campaign.count()).toBe(0);
    await form.getByLabel('法定票数').fill('2');
    await form.getByRole('button', { name: '创建评选活动' }).click();

    await page.waitForURL((url) => url.pathname === '/campaign' && url.searchParams.get('id') === CAMPAIGN);
    await visible(page.getByRole('status').filter({ hasText: `评选活动“${TITLE}”已创建。` }));
    const stored = await system.db.campaign.findUniqueOrThrow({ where: { id: CAMPAIGN } });
    expect(stored.submissionDeadline.getTime()).toBe(Date.parse(`${SUBMISSION.date}T${SUBMISSION.time}:00+08:00`));
    expect(stored.reviewDeadline.getTime()).toBe(Date.parse(`${REVIEW.date}T${REVIEW.time}:00+08:00`));
    expect(stored).toMatchObject({ winnerCap: 20, publicNoticePeriod: 'P5D', committeeQuorum: 2, selfNomination: false });
    const campaign = (await (await fetch(`${system.baseUrl}/api/public/campaigns/${CAMPAIGN}`)).json()) as PublicCampaign;
    expect(campaign.fields).toEqual(fields.map(([code, name, nameEn]) => ({ code, name, nameEn })));
    expect(campaign.unitKinds).toEqual([
      { code: 'city-association', name: '市级教育后勤协会', channel: 'organisation', quota: 5 },
      { code: 'college-committee', name: '高校后勤专业委员会', channel: 'branch', quota: 2 },
    ]);
    expect(campaign.criteria).toEqual(criteria);
    expect(await system.db.committeeMember.count({ where: { campaignId: CAMPAIGN } })).toBe(3);

    // The page now edits what was saved, in words and dates: no ISO string anywhere.
    const edit = await visible(page.getByRole('form', { name: '活动设置' }));
    expect(await edit.getByLabel('申报截止日期').inputValue()).toBe(SUBMISSION.date);
    expect(await edit.getByLabel('公示期（天）').inputValue()).toBe('5');
    expect(await page.locator('main').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}T|P5D/);
    await screenshot(page, 'campaign', { around: edit.getByRole('group', { name: '业务领域', exact: true }) });
  });

  test('the secretariat registers two units of the campaign’s kinds and an account for each', async () => {
    const page = await secretariat();
    await page.goto('/people');
    const unitForm = await visible(page.getByRole('form', { name: '登记单位' }));
    for (const [name, kind] of [[CITY_ASSOCIATION, '市级教育后勤协会（单位推荐）'], [COLLEGE_COMMITTEE, '高校后勤专业委员会（分支机构推荐）']]) {
      await unitForm.getByLabel('单位名称').fill(name);
      await unitForm.getByLabel('单位类型').selectOption({ label: kind });
      await unitForm.getByRole('button', { name: '登记单位' }).click();
      await visible(unitForm.getByRole('status').filter({ hasText: `已登记单位“${name}”。` }));
    }
    await visible(page.getByRole('table', { name: '已登记的单位（2 个）' }).getByRole('row').filter({ hasText: COLLEGE_COMMITTEE }).filter({ hasText: '高校后勤专业委员会' }));

    const form = page.getByRole('form', { name: '新建账号' });
    const accounts = [
      { ...UNIT_ACCOUNT, unit: CITY_ASSOCIATION },
      { username: 'college-catering', name: '何联络员', email: 'college-catering@example.test', unit: COLLEGE_COMMITTEE },
    ];
    for (const account of accounts) {
      await form.getByLabel('用户名').fill(account.username);
      await form.getByLabel('姓名').fill(account.name);
      await form.getByLabel('电子邮箱').fill(account.email);
      await form.getByRole('checkbox', { name: '推荐单位' }).check();
      await form.getByLabel('所在单位').selectOption({ label: account.unit === CITY_ASSOCIATION ? `${CITY_ASSOCIATION}（市级教育后勤协会）` : `${COLLEGE_COMMITTEE}（高校后勤专业委员会）` });
      await form.getByRole('button', { name: '新建账号并发送邀请' }).click();
      await visible(form.getByRole('status').filter({ hasText: `已创建账号 ${account.username}` }));
    }
    await visible(page.getByRole('table', { name: /账号（/ }).getByRole('row').filter({ hasText: UNIT_ACCOUNT.username }).filter({ hasText: CITY_ASSOCIATION }));
    await screenshot(page, 'people', { around: page.getByRole('banner') });
  });

  test('reviewers are imported from a CSV file on the people page: a bad line is named and nothing imported until it is right; an account is disabled and enabled again', async () => {
    const page = await secretariat();
    await page.goto('/people');
    const importForm = await visible(page.getByRole('form', { name: '从 CSV 文件导入账号' }));
    const sheet = (branchFields: string) =>
      Buffer.from(`用户名,姓名,邮箱,角色,业务领域,单位\nzj-wg-greening,钱组员,wg-greening@example.test,评审工作组,greening,\nzj-branch-greening,孙委员,branch-greening@example.test,分支机构,${branchFields},\n`);
    await importForm.getByLabel('CSV 文件').setInputFiles({ name: 'reviewers.csv', mimeType: 'text/csv', buffer: sheet('') });
    await importForm.getByRole('button', { name: '导入' }).click();
    await visible(importForm.getByText(/^第 3 行：.*业务领域/));
    expect(await system.db.user.count({ where: { username: { in: ['zj-wg-greening', 'zj-branch-greening'] } } })).toBe(0);

    await importForm.getByLabel('CSV 文件').setInputFiles({ name: 'reviewers.csv', mimeType: 'text/csv', buffer: sheet('greening') });
    await importForm.getByRole('button', { name: '导入' }).click();
    await visible(importForm.getByRole('status').filter({ hasText: '已导入 2 个账号' }));
    const accounts = page.getByRole('table', { name: /账号（/ });
    // The field is named as the campaign names it.
    await visible(accounts.getByRole('row').filter({ hasText: 'zj-branch-greening' }).filter({ hasText: '绿化' }));

    await page.getByRole('button', { name: '停用 zj-branch-greening' }).click();
    await visible(page.getByRole('status').filter({ hasText: '已停用 zj-branch-greening' }));
    await visible(accounts.getByRole('row').filter({ hasText: 'zj-branch-greening' }).filter({ hasText: '已停用' }));
    await page.getByRole('button', { name: '启用 zj-branch-greening' }).click();
    await visible(page.getByRole('status').filter({ hasText: '已启用 zj-branch-greening' }));
    await visible(accounts.getByRole('row').filter({ hasText: 'zj-branch-greening' }).filter({ hasText: '待设置密码（已发邀请）' }));
  });

  test('the home page lists the campaign for anyone, and the header’s links follow the campaign the reader chose', async () => {
    const page = await visitor();
    await page.goto('/');
    const card = await visible(page.getByRole('article', { name: TITLE }));
    await visible(card.getByText('正在接受申报'));
    await visible(card.getByText(`${SUBMISSION.date.replace(/-/g, '/')} ${SUBMISSION.time}`, { exact: false }));
    // No self-nominations in this campaign: the public is led to the units' sign-in instead.
    await visible(card.getByText('本活动只接受推荐单位申报，不接受个人自荐。'));
    await visible(card.getByRole('link', { name: '推荐单位登录后申报' }));
    const nav = page.getByRole('navigation', { name: '主导航' });
    // No campaign chosen yet: the header's links lead to the list, not to a page without a campaign.
    expect(await nav.getByRole('link', { name: '我要申报' }).getAttribute('href')).toBe('/#campaigns');
    await screenshot(page, 'home');

    await page.goto(`/notice?campaign=${CAMPAIGN}`);
    await visible(page.getByText(`评选活动：${TITLE}`));
    expect(await nav.getByRole('link', { name: '我要申报' }).getAttribute('href')).toBe(`/nominate?campaign=${CAMPAIGN}`);
    await page.goto('/');
    await visible(page.getByRole('article', { name: TITLE }));
    expect(await nav.getByRole('link', { name: '公示名单' }).getAttribute('href')).toBe(`/notice?campaign=${CAMPAIGN}`);

    await page.goto(`/nominate?campaign=${CAMPAIGN}`);
    await visible(page.getByText('本活动不接受个人自荐，只接受推荐单位申报。'));
    expect(await page.getByRole('button', { name: '提交申报' }).count()).toBe(0);
  });

  test('a unit sets its password from the link in its invitation email, sees its quota on the form and nominates in the campaign’s own field', async () => {
    const mail = await eventually(
      () => system.mail(),
      (all) => all.some((m) => m.to.includes(UNIT_ACCOUNT.email) && m.text.includes('/set-password#token=')),
    );
    const invitation = mail.find((m) => m.to.includes(UNIT_ACCOUNT.email))!;
    expect(invitation.text).toContain(UNIT_ACCOUNT.username);
    const link = /https?:\/\/\S+\/set-password#token=\S+/.exec(invitation.text)![0];

    const page = await visitor();
    await setPasswordThrough(page, link, UNIT_ACCOUNT.password);
    await signIn(page, UNIT_ACCOUNT.username, UNIT_ACCOUNT.password);
    // From the home page's list to the campaign's form.
    await page.goto('/');
    await page.getByRole('article', { name: TITLE }).getByRole('link', { name: '我要申报' }).click();
    await page.waitForURL((url) => url.pathname === '/nominate');
    await visible(page.getByText(`本单位（${CITY_ASSOCIATION}，市级教育后勤协会）在本活动中的推荐名额：共 5 个，已使用 0 个，剩余 5 个。`));
    await visible(page.getByText('单位推荐', { exact: true }));
    const field = page.getByLabel('所属业务领域');
    expect(await field.locator('option').allTextContents()).toEqual(['请选择业务领域', '绿化', '伙食管理']);
    await screenshot(page, 'nominate-unit');

    await field.selectOption({ label: '绿化' });
    expect(await page.getByLabel('推荐单位', { exact: true }).inputValue()).toBe(CITY_ASSOCIATION);
    await page.getByLabel('所在单位').fill('杭州市示例中学');
    await page.getByLabel('姓名', { exact: true }).fill(NOMINEE);
    await page.getByLabel('性别').selectOption('男');
    await page.getByLabel('年龄', { exact: true }).fill('51');
    await page.getByLabel('联系电话', { exact: true }).fill('13900000000');
    await page.getByLabel('接收通知的电子邮箱').fill(UNIT_ACCOUNT.email);
    await page.getByLabel('工作职责').fill('负责校园绿化养护与苗圃管理。');
    await page.getByLabel('最美事迹材料').fill('二十年守护校园草木，带领团队建成节水灌溉系统。');
    await page.getByLabel('盖章报名表扫描件').setInputFiles({ name: 'sealed-form.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.waitForURL((url) => url.pathname === '/case');
    await visible(page.getByRole('status').filter({ hasText: '申报已提交' }));
    await visible(page.getByText('绿化', { exact: true }));
    const kase = await system.db.case.findFirstOrThrow({ where: { campaignId: CAMPAIGN } });
    expect(kase).toMatchObject({ field: 'greening', channel: 'organisation', recommendingUnit: CITY_ASSOCIATION, nomineeUnit: '杭州市示例中学', nomineeName: NOMINEE });

    await page.goto(`/nominate?campaign=${CAMPAIGN}`);
    await visible(page.getByText('共 5 个，已使用 1 个，剩余 4 个。', { exact: false }));
  });

  test('the dashboard shows the case in its field’s bar, the campaign’s rules in words, the quota used and the committee', async () => {
    const page = await secretariat();
    await page.goto(`/dashboard?campaign=${CAMPAIGN}`);
    const byField = await visible(page.getByRole('figure', { name: '按业务领域统计' }));
    await visible(byField.getByRole('img', { name: /绿化 1 件/ }));
    await visible(page.getByText('2 票（评审委员会共 3 人，其中在任 3 人）'));
    await visible(page.getByText('5 天', { exact: true }));
    await visible(page.getByText('不接受（只接受推荐单位申报）'));
    // Every unit of the campaign's kinds with its quota, the one that has nominated first.
    const quotas = page.getByRole('table', { name: '各推荐单位的名额（2 个单位）' });
    expect(await quotas.getByRole('row').filter({ hasText: CITY_ASSOCIATION }).getByRole('cell').allTextContents()).toEqual(['市级教育后勤协会', '1', '5', '4']);
    expect(await quotas.getByRole('row').filter({ hasText: COLLEGE_COMMITTEE }).getByRole('cell').allTextContents()).toEqual(['高校后勤专业委员会', '0', '2', '2']);
    const committee = page.getByRole('table', { name: '委员（3 人）' });
    for (const member of COMMITTEE) await visible(committee.getByRole('row').filter({ hasText: member.name }).filter({ hasText: '在任' }));
    await screenshot(page, 'dashboard-provincial', { around: page.getByRole('heading', { name: '申报数量' }) });
    await page.getByRole('link', { name: '活动设置' }).first().click();
    await page.waitForURL((url) => url.pathname === '/campaign');
  });

  test('removing a field that has a case is refused on the campaign page, saying which', async () => {
    const page = await secretariat();
    await page.goto(`/campaign?id=${CAMPAIGN}`);
    const form = await visible(page.getByRole('form', { name: '活动设置' }));
    await form.getByRole('button', { name: '删除业务领域 1' }).click();
    await form.getByRole('button', { name: '保存设置' }).click();
    await visible(form.getByRole('status').filter({ hasText: '该修改与活动中已有的申报相抵触' }));
    await visible(form.getByRole('group', { name: '业务领域', exact: true }).getByText('业务领域「绿化」已有 1 个申报，不能删除'));
    const campaign = (await (await fetch(`${system.baseUrl}/api/public/campaigns/${CAMPAIGN}`)).json()) as PublicCampaign;
    expect(campaign.fields.map((f: { code: string }) => f.code)).toEqual(['greening', 'catering']);
  });
});
