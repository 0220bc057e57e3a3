import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DESKTOP, PHONE, horizontalOverflow, launchBrowser, newVisitor, samplePdf, screenshot, signIn, visible } from '../support/browser';
import { ApiClient, eventually, openCampaign } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

// One nomination's whole life, each step taken on a real page in Debian's Chromium, against the
// whole system (Temporal dev server, worker, database, mail catcher, the API serving the pages).
// The tests of this file run in order and share the case: each step starts where the last ended.

// Each step waits on the workflow and a page load on two busy cores.
jest.setTimeout(240_000);

const CAMPAIGN = 'pages';
const CAMPAIGN_TITLE = '浏览器测试活动';
// Synthetic people and units only.
const NOMINEE = '陈示例';
// committee1 belongs to this unit: they must recuse themselves, and committee2 decides.
const UNIT = '示例大学';

let system: System;
let browser: Browser;
const contexts: BrowserContext[] = [];
let caseId: string | undefined;

async function visitor(viewport = DESKTOP): Promise<Page> {
  const v = await newVisitor(browser, system.baseUrl, viewport);
  contexts.push(v.context);
  return v.page;
}

/** A staff member's tab, signed in at /signin. */
async function staff(username: string, viewport = DESKTOP): Promise<Page> {
  const page = await visitor(viewport);
  await signIn(page, username);
  return page;
}

function theCase(): string {
  if (!caseId) throw new Error('no case: the nomination step did not pass');
  return caseId;
}

/**
 * Opens the inbox and reloads it until the task of `kind` for the nominee is listed: the workflow
 * opens it shortly after the previous decision, in another process. Answers the task's row.
 */
async function inboxRow(page: Page, kind: string): Promise<Locator> {
  const row = page.getByRole('row').filter({ hasText: NOMINEE }).filter({ hasText: kind });
  await page.goto('/inbox');
  await eventually(
    async () => {
      const panel = page.getByRole('tabpanel');
      await visible(panel.getByRole('table').or(panel.getByText('没有符合条件的任务。')));
      if (await row.count()) return true;
      await page.reload();
      return false;
    },
    Boolean,
    90_000,
  );
  return row;
}

/** From the inbox to the task's decision form on the case page. */
async function openTask(page: Page, kind: string): Promise<Locator> {
  const row = await inboxRow(page, kind);
  await row.getByRole('link', { name: '打开' }).click();
  return visible(page.getByRole('region', { name: `作出决定：${kind}` }));
}

/** Chooses a decision in the case page's decision form (`region`) and submits it. */
async function decide(region: Locator, decision: string, { score, comment }: { score?: number; comment?: string } = {}) {
  await region.getByRole('radio', { name: decision, exact: true }).check();
  if (score !== undefined) await region.getByLabel('评分（0–100）').fill(String(score));
  if (comment) await region.getByLabel('意见（选填）').fill(comment);
  await region.getByRole('button', { name: '提交决定' }).click();
}

/** The page's confirmation after a decision, naming the decision taken. */
async function decided(page: Page, decision: string): Promise<void> {
  await visible(page.getByRole('status').filter({ hasText: `决定已提交：${decision}。` }));
}

/** Fills every field of the paper form for a self-nomination, the sealed form included. */
async function fillNomination(page: Page, { skip = [] as string[] } = {}) {
  const fill = async (labelText: string, value: string) => {
    if (!skip.includes(labelText)) await page.getByLabel(labelText, { exact: true }).fill(value);
  };
  await page.getByLabel('所属业务领域').selectOption({ label: '伙食管理' });
  await fill('推荐单位', UNIT);
  await fill('所在单位', UNIT);
  await fill('姓名', NOMINEE);
  await page.getByLabel('性别').selectOption('女');
  await fill('年龄', '42');
  await fill('民族', '汉族');
  await fill('政治面貌', '群众');
  await fill('职务', '食堂主管');
  await fill('职称', '高级厨师');
  await fill('联系电话', '13800000000');
  await fill('接收通知的电子邮箱', 'applicant@example.test');
  await fill('工作职责', '负责学生食堂的日常管理与食品安全。');
  await fill('最美事迹材料', '十余年如一日保障师生用餐安全，带领团队推行明厨亮灶。');
  await page.getByRole('button', { name: '添加一项表彰' }).click();
  await fill('奖项名称', '校园后勤服务标兵');
  await fill('颁发单位或媒体平台', '示例日报');
  await fill('获奖年份', '2024');
  await fill('单位意见', '同意推荐。');
  await fill('盖章日期', '2025-02-20');
  await page.getByLabel('盖章报名表扫描件').setInputFiles({ name: 'sealed-form.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
}

beforeAll(async () => {
  browser = await launchBrowser();
  system = await startSystem();
  await system.startWorker();
  const secretariat = await new ApiClient(system.baseUrl).login('secretariat');
  // A single committee vote decides; the notice lasts long enough for an objection during the test.
  await openCampaign(secretariat, CAMPAIGN, CAMPAIGN_TITLE, { committeeQuorum: 1, publicNoticePeriod: 'PT30M' });
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await system?.stop();
});

describe('the pages, in Chinese by default', () => {
  test('a wrong password is refused in words on the sign-in page', async () => {
    const page = await visitor();
    await page.goto('/signin');
    await visible(page.getByLabel('用户名'));
    await screenshot(page, 'signin');
    await page.getByLabel('用户名').fill('secretariat');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await visible(page.getByRole('status').filter({ hasText: '用户名或密码错误。' }));
    expect(new URL(page.url()).pathname).toBe('/signin');
  });

  test('the English switch turns the nomination form into English, and back', async () => {
    const page = await visitor();
    await page.goto(`/nominate?campaign=${CAMPAIGN}`);
    await visible(page.getByRole('heading', { name: '推荐申报', level: 1 }));
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.getByRole('button', { name: 'English' }).click();
    await visible(page.getByRole('heading', { name: 'Nomination', level: 1 }));
    await visible(page.getByLabel('Name', { exact: true }));
    await visible(page.getByRole('button', { name: 'Submit the nomination' }));
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await screenshot(page, 'nominate-english');
    await page.getByRole('button', { name: '中文' }).click();
    await visible(page.getByRole('heading', { name: '推荐申报', level: 1 }));
  });

  test('a nomination with a missing field is not sent: the field says what is missing', async () => {
    const page = await visitor();
    await page.goto(`/nominate?campaign=${CAMPAIGN}`);
    await fillNomination(page, { skip: ['年龄'] });
    await page.getByRole('button', { name: '提交申报' }).click();
    await visible(page.getByRole('status').filter({ hasText: '还有 1 项需要修改，请查看标出的项目。' }));
    const age = page.getByLabel('年龄', { exact: true });
    expect(await age.getAttribute('aria-invalid')).toBe('true');
    const message = page.getByText('此项为必填项。', { exact: true });
    await visible(message);
    expect(await message.count()).toBe(1);
    expect(((await age.getAttribute('aria-describedby')) ?? '').split(' ')).toContain(await message.getAttribute('id'));
    expect(new URL(page.url()).pathname).toBe('/nominate');
    expect(await system.db.case.count()).toBe(0);
    await screenshot(page, 'nominate-missing-field');
  });

  test('at phone width the nomination form needs no sideways scrolling', async () => {
    const page = await visitor(PHONE);
    await page.goto(`/nominate?campaign=${CAMPAIGN}`);
    await visible(page.getByRole('button', { name: '提交申报' }));
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'nominate-phone', { around: page.getByRole('banner') });
  });
});

describe('a self-nomination from the form to the auditor’s replay', () => {
  test('an applicant fills the whole form, uploads the sealed form and lands on the status page', async () => {
    const page = await visitor();
    await page.goto(`/nominate?campaign=${CAMPAIGN}`);
    await fillNomination(page);
    await screenshot(page, 'nominate');
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.waitForURL((url) => url.pathname === '/status');
    caseId = new URL(page.url()).searchParams.get('case') ?? undefined;
    expect(caseId).toBeTruthy();
    await visible(page.getByRole('status').filter({ hasText: `申报已提交，申报编号：${caseId}` }));
    await visible(page.getByRole('heading', { name: '接下来会怎样' }));
    await visible(page.getByText(NOMINEE));
    // The access token left the address bar: a copied link does not carry it.
    expect(page.url()).not.toContain('token=');
    await screenshot(page, 'status');
    const stored = await system.db.case.findUniqueOrThrow({ where: { id: theCase() } });
    expect(stored).toMatchObject({ campaignId: CAMPAIGN, channel: 'self', nomineeName: NOMINEE, recommendingUnit: UNIT });
  });

  test('the secretariat claims the seal check in the inbox and approves it on the case page', async () => {
    const page = await staff('secretariat');
    const row = await inboxRow(page, '公章审核');
    await row.getByRole('button', { name: '认领' }).click();
    await visible(page.getByRole('status').filter({ hasText: '已认领：' }));
    await screenshot(page, 'inbox');
    await row.getByRole('link', { name: '打开' }).click();
    const form = await visible(page.getByRole('region', { name: '作出决定：公章审核' }));
    const sealed = page.getByRole('region', { name: '盖章报名表' });
    await visible(sealed.getByRole('button', { name: '下载盖章报名表' }));
    // A PDF is previewed when asked for: the browser's viewer takes the focus once loaded.
    expect(await sealed.getByTitle('盖章报名表预览（PDF）').count()).toBe(0);
    await sealed.getByRole('button', { name: '在本页预览' }).click();
    await visible(sealed.getByTitle('盖章报名表预览（PDF）'));
    await sealed.getByRole('button', { name: '收起预览' }).click();
    expect(await sealed.getByTitle('盖章报名表预览（PDF）').count()).toBe(0);
    await decide(form, '通过', { comment: '公章清晰，材料齐全。' });
    await decided(page, '通过');
    await screenshot(page, 'case-decided');
  });

  test('the working group passes the field review from their inbox', async () => {
    const wg = await staff('wg-catering');
    const review = await openTask(wg, '业务领域审核');
    await screenshot(wg, 'case-decision', { around: review });
    await decide(review, '审核通过', { comment: '事迹真实，材料完整。' });
    await decided(wg, '审核通过');
  });

  test('the branch shortlists on a phone: the inbox and the case page need no sideways scrolling', async () => {
    const branch = await staff('branch-catering', PHONE);
    await inboxRow(branch, '分支机构遴选');
    expect(await horizontalOverflow(branch)).toBeLessThanOrEqual(0);
    await screenshot(branch, 'inbox-phone');
    const form = await openTask(branch, '分支机构遴选');
    expect(await horizontalOverflow(branch)).toBeLessThanOrEqual(0);
    await decide(form, '入围');
    await decided(branch, '入围');
  });

  test('the committee member of the recommending unit is told to recuse; another member approves with a score, and a second decision is refused in words', async () => {
    const member = await staff('committee2');
    const row = await inboxRow(member, '评审委员会评审');
    const taskLink = await row.getByRole('link', { name: '打开' }).getAttribute('href');

    const recused = await staff('committee1');
    await recused.goto(taskLink!);
    const recusedForm = await visible(recused.getByRole('region', { name: '作出决定：评审委员会评审' }));
    await visible(recusedForm.getByText('评审人员须回避本单位推荐的申报，您不能办理此任务。'));
    expect(await recusedForm.getByRole('button', { name: '提交决定' }).count()).toBe(0);

    // The same task open in a second tab, as when a page is left open: deciding there later is refused.
    const stale = await staff('committee2');
    await stale.goto(taskLink!);
    const staleForm = await visible(stale.getByRole('region', { name: '作出决定：评审委员会评审' }));

    await row.getByRole('link', { name: '打开' }).click();
    const form = await visible(member.getByRole('region', { name: '作出决定：评审委员会评审' }));
    await decide(form, '通过', { score: 92 });
    await visible(member.getByRole('status').filter({ hasText: '决定已提交：通过。申报当前状态：等待评选结果。' }));

    await decide(staleForm, '通过', { score: 60 });
    await visible(staleForm.getByRole('status').filter({ hasText: '该任务已不再处于待办状态。' }));
    await screenshot(stale, 'case-refused');
    expect((await system.db.case.findUniqueOrThrow({ where: { id: theCase() } })).score).toBe(92);
  });

  test('the secretariat previews the committee round on the dashboard, then confirms it', async () => {
    const page = await staff('secretariat');
    await page.goto(`/dashboard?campaign=${CAMPAIGN}`);
    await page.getByRole('button', { name: '结束评选' }).click();
    const preview = await visible(page.getByRole('group', { name: '预览：现在结束评选的结果' }));
    await visible(preview.getByRole('table', { name: '将当选（1 件）' }).getByRole('row').filter({ hasText: NOMINEE }).filter({ hasText: '92' }));
    await screenshot(page, 'dashboard-preview', { around: page.getByRole('heading', { name: '评审委员会评选' }) });
    expect((await system.db.campaign.findUniqueOrThrow({ where: { id: CAMPAIGN } })).roundClosedAt).toBeNull();
    await preview.getByRole('button', { name: '确认结束评选' }).click();
    await visible(page.getByRole('status').filter({ hasText: '评选已结束：1 件当选' }));
    await visible(page.getByRole('table', { name: '当选名单（1 件）' }).getByRole('row').filter({ hasText: NOMINEE }));
  });

  test('the public notice names the winner, and an objection lodged there reaches the secretariat’s dashboard', async () => {
    const page = await visitor();
    await page.goto(`/notice?campaign=${CAMPAIGN}`);
    // The notice entry is written by the workflow after the round closes.
    const entry = page.getByRole('row').filter({ hasText: NOMINEE });
    await eventually(
      async () => {
        await visible(page.getByRole('heading', { name: '提出异议' }));
        if (await entry.count()) return true;
        await page.reload();
        return false;
      },
      Boolean,
      90_000,
    );
    await visible(entry.getByText(UNIT));
    await screenshot(page, 'notice');

    await entry.getByRole('button', { name: `对“${NOMINEE}”提出异议` }).click();
    await page.getByLabel('异议理由').fill('事迹中的获奖年份与公开报道不符。');
    await page.getByLabel('联系方式（选填）').fill('objector@example.test');
    await page.getByRole('button', { name: '提交异议' }).click();
    await visible(page.getByRole('status').filter({ hasText: '异议已受理，秘书处将进行核查。' }));
    await screenshot(page, 'notice-objection');

    const secretariat = await staff('secretariat');
    await secretariat.goto(`/dashboard?campaign=${CAMPAIGN}`);
    await visible(secretariat.getByRole('table', { name: /尚未处理的异议/ }).getByRole('row').filter({ hasText: NOMINEE }).filter({ hasText: '获奖年份与公开报道不符' }));
    await screenshot(secretariat, 'dashboard');
  });

  test('the secretariat finds the case in the case list filtered by status, and dismisses the objection on its page', async () => {
    const page = await staff('secretariat');
    await page.goto('/cases');
    await page.getByLabel('评选活动').selectOption({ label: CAMPAIGN_TITLE });
    await page.getByLabel('状态').selectOption({ label: '公示中' });
    const list = page.getByRole('table', { name: '申报（1 件，最新提交的在前）' });
    await visible(list.getByRole('row').filter({ hasText: NOMINEE }).filter({ hasText: '公示中' }));
    await screenshot(page, 'cases');
    await list.getByRole('link', { name: NOMINEE }).click();
    const form = await visible(page.getByRole('region', { name: '作出决定：异议处理' }));
    await decide(form, '不成立', { comment: '经核实，获奖年份无误。' });
    await decided(page, '不成立');
    await visible(page.getByRole('status').filter({ hasText: '申报当前状态：公示中。' }));
    // The words and the rules come from /api/labels: the objection in the staff's words, and fraud still reportable on notice.
    await visible(page.getByRole('region', { name: '办理进度' }).getByText('收到公示异议', { exact: true }));
    await visible(page.getByRole('region', { name: '举报弄虚作假' }));
  });

  test('an auditor finds the case, reads its history and replays it: the verdict says it agrees', async () => {
    const page = await staff('auditor');
    await page.goto('/audit');
    await page.getByLabel('评选活动').selectOption({ label: `${CAMPAIGN_TITLE}（${CAMPAIGN}）` });
    await page.getByRole('button', { name: '列出申报' }).click();
    await page.getByRole('button', { name: `查看${NOMINEE}的历史` }).click();
    await visible(page.getByRole('heading', { name: `申报 ${theCase()}` }));
    const history = page.getByRole('table', { name: /历史记录/ });
    await visible(history.getByRole('row').filter({ hasText: 'wg-catering' }).filter({ hasText: '事迹真实，材料完整。' }));
    await visible(history.getByRole('row').filter({ hasText: 'committee2' }));
    await page.getByRole('button', { name: '重放验证' }).click();
    await visible(page.getByRole('status').filter({ hasText: '重放一致' }), 90_000);
    await visible(page.getByRole('status').filter({ hasText: '结果确定' }));
    await screenshot(page, 'audit-replay', { around: page.getByRole('heading', { name: `申报 ${theCase()}` }) });
  });

  test('the private link in the applicant’s confirmation email opens the status page: selected, on public notice', async () => {
    const mail = await eventually(
      () => system.mail(),
      (all) => all.some((m) => m.to.includes('applicant@example.test') && m.text.includes('#token=')),
    );
    const confirmation = mail.find((m) => m.to.includes('applicant@example.test') && m.text.includes('#token='))!;
    const link = /https?:\/\/\S+\/status\?case=\S+#token=\S+/.exec(confirmation.text)?.[0];
    expect(link).toContain(`case=${theCase()}`);
    const page = await visitor();
    await page.goto(link!);
    await visible(page.getByRole('heading', { name: '申报概况' }));
    await visible(page.getByText('公示中', { exact: true }));
    await visible(page.getByText('恭喜，已当选！'));
    await visible(page.getByRole('heading', { name: '进度记录' }));
    // The objection in the words meant for the applicant, and withdrawal still open until the announcement.
    await visible(page.getByText('收到一项异议，秘书处正在核查。', { exact: true }));
    await visible(page.getByRole('heading', { name: '撤回申报' }));
    await screenshot(page, 'status-notice');
  });
});
