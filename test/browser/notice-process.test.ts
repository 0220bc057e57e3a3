import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser, newVisitor, screenshot, signIn, visible } from '../support/browser';
import { ApiClient, eventually, nominationForm, openCampaign, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

// Issue 12, "the process as the notice prescribes", walked on the pages in Debian's Chromium against
// the whole system: the working group reads the campaign's criteria and the award's level on the
// decision form, confirms the awards and decides with a comment for the applicant and an internal
// note; the branch sees the case marked 优先入围; the committee scores; the secretariat closes the
// round although a case is still in review; the public objects during the notice; the secretariat
// reads the objection in full and dismisses it; after the notice the secretariat schedules the
// announcement for a chosen minute, and the public announcement page lists the honourees from that
// minute on, not before. The steps the issue does not name (submissions, the seal check) go through
// the API. The tests run in order and share the case.

jest.setTimeout(300_000);

const CAMPAIGN = 'notice-process';
// The year in the title is the edition the honourees enter the registry under.
const TITLE = '2031年度“最美后勤人”推选活动（浏览器测试）';
const CRITERIA = ['热爱教育后勤事业，连续从事后勤工作五年以上。', '事迹突出，在师生中有良好口碑，近三年无违纪记录。'];
// The notice lasts long enough to object on the page, short enough to wait for its end.
const NOTICE_PERIOD = 'PT90S';
// Synthetic people, units and addresses only.
const NOMINEE = '周示例';
const NOMINEE_UNIT = '示例市第三中学';
const AWARD = '全省教育后勤服务标兵';
const STILL_IN_REVIEW = '吴示例';
const COMMENT = '事迹真实，获奖情况已向颁发单位核实。';
const NOTE = '内部：已电话联系示例省教育报编辑部确认获奖名单。';
const OBJECTION = '该候选人所获表彰的年份与公开报道不一致。';
const OBJECTOR = 'objector@example.test';

let system: System;
let browser: Browser;
let secretariatApi: ApiClient;
const contexts: BrowserContext[] = [];
/** Script errors of any page opened: a page that throws fails the step even if its checks passed. */
const pageErrors: string[] = [];
let caseId: string | undefined;
let accessToken: string | undefined;

async function visitor(): Promise<Page> {
  const v = await newVisitor(browser, system.baseUrl);
  contexts.push(v.context);
  v.page.on('pageerror', (error) => pageErrors.push(`${v.page.url()}: ${error.message}`));
  return v.page;
}

async function staff(username: string): Promise<Page> {
  const page = await visitor();
  await signIn(page, username);
  return page;
}

function theCase(): string {
  if (!caseId) throw new Error('no case: the set-up did not pass');
  return caseId;
}

/** Waits until the case's task of `kind` is in `username`'s inbox (the workflow opens it in another process); answers its id. */
async function taskOf(username: string, kind: string): Promise<string> {
  const reviewer = await new ApiClient(system.baseUrl).login(username);
  const { body } = await eventually(
    () => reviewer.get(`/api/inbox?campaignId=${CAMPAIGN}&kind=${kind}`),
    (res) => res.status === 200 && res.body.tasks.some((task: { caseId: string }) => task.caseId === theCase()),
    90_000,
  );
  return body.tasks.find((task: { caseId: string }) => task.caseId === theCase()).id as string;
}

/** The case's status, as the secretariat reads it. */
async function statusOf(id: string): Promise<string> {
  return (await secretariatApi.get(`/api/nominations/${id}`)).body.status as string;
}

/** Finds the nominee's task of `kind` with the inbox's search box and opens its decision form. */
async function openFromInbox(page: Page, kind: string): Promise<{ row: Locator; form: Locator }> {
  await page.goto('/inbox');
  await page.getByLabel('查找申报').fill(NOMINEE);
  await page.getByLabel('查找申报').press('Enter');
  const row = page.getByRole('row').filter({ hasText: NOMINEE }).filter({ hasText: kind });
  await visible(row);
  await row.getByRole('link', { name: '打开' }).click();
  return { row, form: await visible(page.getByRole('region', { name: `作出决定：${kind}` })) };
}

/** Reloads the page until `locator` shows: what it waits for is written by the workflow, in another process. */
async function reloadUntil(page: Page, locator: Locator, timeoutMs = 60_000): Promise<void> {
  await eventually(
    async () => {
      try {
        await locator.first().waitFor({ state: 'visible', timeout: 5_000 });
        return true;
      } catch {
        await page.reload();
        return false;
      }
    },
    Boolean,
    timeoutMs,
  );
}

/** The page's confirmation after a decision, naming the decision taken. */
async function decided(page: Page, decision: string): Promise<void> {
  await visible(page.getByRole('status').filter({ hasText: `决定已提交：${decision}。` }));
}

/** An instant as a date input and a time input take it on Beijing's clock. */
function beijing(ms: number): { date: string; time: string } {
  const shifted = new Date(ms + 8 * 3_600_000).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

beforeAll(async () => {
  browser = await launchBrowser();
  system = await startSystem();
  await system.startWorker();
  secretariatApi = await new ApiClient(system.baseUrl).login('secretariat');
  await openCampaign(secretariatApi, CAMPAIGN, TITLE, { committeeQuorum: 1, publicNoticePeriod: NOTICE_PERIOD, criteria: CRITERIA });

  // Two self-nominations: the one the test follows, with a provincial media award, and one left at the seal check.
  const anonymous = new ApiClient(system.baseUrl);
  const followed = await anonymous.post(
    `/api/campaigns/${CAMPAIGN}/nominations`,
    nominationForm(
      sampleNomination({
        channel: 'self',
        recommendingUnit: NOMINEE_UNIT,
        nomineeUnit: NOMINEE_UNIT,
        applicantEmail: 'zhou@example.test',
        nominee: { name: NOMINEE, gender: '男', age: 45, ethnicity: '汉族', politicalAffiliation: '群众', post: '后勤处副处长', title: '高级工程师' },
        mediaAwards: [{ title: AWARD, issuer: '示例省教育报', year: 2025, level: 'provincial' }],
      }),
    ),
  );
  expect(followed.status).toBe(201);
  caseId = followed.body.caseId;
  accessToken = followed.body.accessToken;
  const other = await anonymous.post(
    `/api/campaigns/${CAMPAIGN}/nominations`,
    nominationForm(sampleNomination({ channel: 'self', recommendingUnit: '示例市第五中学', nomineeUnit: '示例市第五中学', nominee: { name: STILL_IN_REVIEW, gender: '女', age: 39, ethnicity: '汉族', politicalAffiliation: '群众', post: '宿管员', title: '无' } })),
  );
  expect(other.status).toBe(201);

  const sealCheck = await taskOf('secretariat', 'seal-check');
  const approved = await secretariatApi.post(`/api/tasks/${sealCheck}/complete`, { decision: 'approve' });
  expect(approved.status).toBe(200);
}, 240_000);

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await system?.stop();
});

describe('the process as the notice prescribes, on the pages', () => {
  test('a working-group reviewer reads the criteria and the award’s level beside the decision, confirms the awards and decides with a comment and an internal note', async () => {
    await taskOf('wg-catering', 'field-review');
    const page = await staff('wg-catering');
    const { form } = await openFromInbox(page, '业务领域审核');

    // The campaign's own criteria and the award with its level, beside the form.
    for (const criterion of CRITERIA) await visible(form.getByText(criterion));
    const award = form.getByRole('table', { name: '曾获各级各类媒体平台表彰与奖励' }).getByRole('row').filter({ hasText: AWARD });
    await visible(award.getByText('省级', { exact: true }));
    await visible(form.getByText('评审工作组尚未核实'));

    // Each text field says who reads it.
    const comment = form.getByLabel('告知申报人的意见（选填）');
    const note = form.getByLabel('内部备注（选填）');
    expect(await comment.getAttribute('aria-describedby')).toBe('comment-hint');
    await visible(form.locator('#comment-hint').filter({ hasText: '申报人会收到这段文字的邮件' }));
    await visible(form.locator('#note-hint').filter({ hasText: '内部备注，仅工作人员和审计员可见' }));

    await form.getByRole('radio', { name: '审核通过', exact: true }).check();
    await form.getByRole('group', { name: '媒体表彰核实' }).getByRole('radio', { name: '属实', exact: true }).check();
    await comment.fill(COMMENT);
    await note.fill(NOTE);
    await screenshot(page, 'decision-form', { around: form });
    await form.getByRole('button', { name: '提交决定' }).click();
    await decided(page, '审核通过');

    // Staff read both on the case afterwards; the working group's check is recorded on the case.
    const record = page.getByRole('region', { name: '审核记录' });
    await reloadUntil(page, record.getByText(NOTE));
    await visible(record.getByText(COMMENT));
    const kase = await secretariatApi.get(`/api/nominations/${theCase()}`);
    expect(kase.body.awardsVerified).toBe(true);
    expect(kase.body.decisions).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'field-review', decision: 'pass', comment: COMMENT, note: NOTE })]));
  });

  test('the applicant’s status page shows the comment, never the internal note', async () => {
    const page = await visitor();
    await page.goto(`/status?case=${theCase()}#token=${encodeURIComponent(accessToken!)}`);
    await reloadUntil(page, page.getByRole('region', { name: '进度记录' }).getByText(COMMENT));
    expect(await page.locator('body').innerText()).not.toContain(NOTE);
  });

  test('at the branch shortlist the case is marked 优先入围 in the inbox and on its decision form', async () => {
    await taskOf('branch-catering', 'branch-shortlist');
    const page = await staff('branch-catering');
    await page.goto('/inbox');
    const row = page.getByRole('row').filter({ hasText: NOMINEE }).filter({ hasText: '分支机构遴选' });
    await visible(row.getByText('优先入围', { exact: true }));
    await screenshot(page, 'inbox-priority', { around: page.getByRole('tabpanel') });
    await row.getByRole('link', { name: '打开' }).click();
    const form = await visible(page.getByRole('region', { name: '作出决定：分支机构遴选' }));
    await visible(form.getByText('优先入围', { exact: true }));
    await visible(form.getByText('评审工作组已核实：属实'));
    await form.getByRole('radio', { name: '入围', exact: true }).check();
    await form.getByRole('button', { name: '提交决定' }).click();
    await decided(page, '入围');
  });

  test('the committee scores the case; the form says how many votes it needs', async () => {
    await taskOf('committee2', 'committee-review');
    const page = await staff('committee2');
    const { form } = await openFromInbox(page, '评审委员会评审');
    await visible(form.getByText('1 票（已计入须回避的委员）'));
    await form.getByRole('radio', { name: '通过', exact: true }).check();
    await form.getByLabel('评分（0–100）').fill('88');
    await form.getByRole('button', { name: '提交决定' }).click();
    await visible(page.getByRole('status').filter({ hasText: '决定已提交：通过。申报当前状态：等待评选结果。' }));
  });

  test('the secretariat closes the round with a case still in review: the counts by stage, then “close anyway”; an announcement before the notice ends is refused beside its field', async () => {
    await eventually(() => statusOf(theCase()), (s) => s === 'awaiting-selection');
    const page = await staff('secretariat');
    await page.goto(`/dashboard?campaign=${CAMPAIGN}`);
    // Before the close is tried, the round's section counts the cases it would pass over, by stage.
    await visible(page.getByRole('list', { name: '尚未完成评审的申报（按环节）' }).getByRole('listitem').filter({ hasText: '公章审核：1 件' }));
    await page.getByRole('button', { name: '结束评选' }).click();
    const preview = await visible(page.getByRole('group', { name: '预览：现在结束评选的结果' }));
    await visible(preview.getByRole('table', { name: '将当选（1 件）' }).getByRole('row').filter({ hasText: NOMINEE }));
    await preview.getByRole('button', { name: '确认结束评选' }).click();

    const reviewOpen = await visible(page.getByRole('group', { name: '仍有申报在评审中' }));
    await visible(reviewOpen.getByRole('listitem').filter({ hasText: '公章审核：1 件' }));
    await reviewOpen.getByRole('button', { name: '仍然结束评选' }).click();
    await visible(reviewOpen.getByText('请先勾选确认。'));
    expect((await system.db.campaign.findUniqueOrThrow({ where: { id: CAMPAIGN } })).roundClosedAt).toBeNull();
    await screenshot(page, 'close-review-open', { around: reviewOpen });
    await reviewOpen.getByRole('checkbox', { name: '我已知晓：以上申报将不能入选本轮评选。' }).check();
    await reviewOpen.getByRole('button', { name: '仍然结束评选' }).click();
    await visible(page.getByRole('status').filter({ hasText: '评选已结束：1 件当选' }));

    // The announcement can be scheduled ahead, never before the notice ends: the refusal stands beside the time.
    const { noticeEndsAt } = await system.db.campaign.findUniqueOrThrow({ where: { id: CAMPAIGN } });
    const tooEarly = beijing(Math.floor(noticeEndsAt!.getTime() / 60_000) * 60_000 - (noticeEndsAt!.getTime() % 60_000 === 0 ? 60_000 : 0));
    const announcement = page.getByRole('region', { name: '通报', exact: true });
    await announcement.getByLabel('日期', { exact: true }).fill(tooEarly.date);
    await announcement.getByLabel('时刻（时:分）').fill(tooEarly.time);
    await announcement.getByRole('button', { name: '安排通报' }).click();
    const when = announcement.getByRole('group', { name: '通报时间（北京时间）' });
    await visible(when.getByText(/公示期至 .+（北京时间）结束，通报时间不得早于此时。/));
    expect(await when.getAttribute('aria-describedby')).toContain('announce-at-group-error');
    expect((await system.db.campaign.findUniqueOrThrow({ where: { id: CAMPAIGN } })).announceAt).toBeNull();
  });

  test('during the notice the public lodges an objection on the notice page', async () => {
    const page = await visitor();
    await page.goto(`/notice?campaign=${CAMPAIGN}`);
    const entry = page.getByRole('row').filter({ hasText: NOMINEE });
    await eventually(
      async () => {
        await visible(page.getByRole('heading', { name: '提出异议' }));
        if (await entry.count()) return true;
        await page.reload();
        return false;
      },
      Boolean,
      60_000,
    );
    await visible(entry.getByText(NOMINEE_UNIT));
    await entry.getByRole('button', { name: `对“${NOMINEE}”提出异议` }).click();
    await page.getByLabel('异议理由').fill(OBJECTION);
    await page.getByLabel('联系方式（选填）').fill(OBJECTOR);
    await page.getByRole('button', { name: '提交异议' }).click();
    await visible(page.getByRole('status').filter({ hasText: '异议已受理，秘书处将进行核查。' }));
  });

  test('the secretariat opens the objection-review task, reads the grounds and the contact, and dismisses it', async () => {
    await taskOf('secretariat', 'objection-review');
    const page = await staff('secretariat');
    const { form } = await openFromInbox(page, '异议处理');
    const objection = form.getByRole('group', { name: '异议内容' });
    await visible(objection.getByText(OBJECTION));
    await visible(objection.getByText(OBJECTOR));
    // Upheld, the comment would be published on the correction: the form says so.
    await visible(form.locator('#comment-hint').filter({ hasText: '更正公告' }));
    await form.getByRole('radio', { name: '不成立', exact: true }).check();
    await form.getByLabel('告知申报人的意见（选填）').fill('经核实，表彰年份无误。');
    await form.getByLabel('内部备注（选填）').fill('已向颁发单位核对原始文件。');
    await screenshot(page, 'objection-review', { around: form });
    await form.getByRole('button', { name: '提交决定' }).click();
    await decided(page, '不成立');

    // Every objection stays on the case with its ruling.
    const objections = page.getByRole('table', { name: '收到的异议（1 项）' });
    await reloadUntil(page, objections.getByRole('row').filter({ hasText: OBJECTION }).filter({ hasText: OBJECTOR }).filter({ hasText: '不成立' }));
  });

  test('the secretariat finds the case in the case list by part of its name and exports the list as CSV', async () => {
    const page = await staff('secretariat');
    await page.goto(`/cases?campaign=${CAMPAIGN}`);
    await page.getByLabel('查找申报').fill(NOMINEE.slice(0, 1) + NOMINEE.slice(1, 2));
    await page.getByLabel('查找申报').press('Enter');
    const list = page.getByRole('table', { name: '申报（1 件，最新提交的在前）' });
    await visible(list.getByRole('row').filter({ hasText: NOMINEE }));
    expect(await list.getByRole('row').filter({ hasText: STILL_IN_REVIEW }).count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('cases.csv');
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks).toString('utf8');
    expect(csv).toContain(NOMINEE);
    expect(csv).not.toContain(STILL_IN_REVIEW);
    expect(csv).not.toContain('13800000000');
    await visible(page.getByRole('status').filter({ hasText: '已导出申报列表。' }));
  });

  test('once the notice has ended the notice page says so and leads to the announcement page, which says the result is not announced yet; the home page leads there too', async () => {
    await eventually(() => statusOf(theCase()), (s) => s === 'notice-ended', 180_000);
    const page = await visitor();
    await page.goto(`/notice?campaign=${CAMPAIGN}`);
    await visible(page.getByText(/公示期已于 .+（北京时间）结束。/));
    await visible(page.getByText('公示期已结束，不再受理异议。'));
    expect(await page.getByRole('button', { name: '提交异议' }).count()).toBe(0);
    await page.getByRole('link', { name: '查看评选结果通报' }).first().click();
    await page.waitForURL((url) => url.pathname === '/announcement');
    await visible(page.getByText('评选结果尚未通报。'));
    await visible(page.getByText(/公示期已于 .+（北京时间）结束，评选结果将由主办方择期通报/));
    expect(await page.getByRole('table').count()).toBe(0);

    await page.goto('/');
    const card = page.getByRole('article', { name: TITLE });
    await card.getByRole('link', { name: '评选结果通报' }).click();
    await page.waitForURL((url) => url.pathname === '/announcement' && url.searchParams.get('campaign') === CAMPAIGN);
    await visible(page.getByText('评选结果尚未通报。'));
  });

  test('the secretariat schedules the announcement for a chosen minute; the announcement page lists the honourees from that minute, not before', async () => {
    const page = await staff('secretariat');
    await page.goto(`/dashboard?campaign=${CAMPAIGN}`);
    const announcement = await visible(page.getByRole('region', { name: '通报', exact: true }));
    await visible(announcement.getByText('1 件', { exact: true }));

    // Scheduled for tomorrow, then cancelled before its time: nothing is announced, and another time can be chosen.
    const tomorrow = beijing(Math.ceil((Date.now() + 86_400_000) / 60_000) * 60_000);
    await announcement.getByLabel('日期', { exact: true }).fill(tomorrow.date);
    await announcement.getByLabel('时刻（时:分）').fill(tomorrow.time);
    await announcement.getByRole('button', { name: '安排通报' }).click();
    await visible(announcement.getByText(`已安排于 ${tomorrow.date.split('-').join('/')} ${tomorrow.time}（北京时间）通报。`));
    expect((await system.db.campaign.findUniqueOrThrow({ where: { id: CAMPAIGN } })).announceAt).not.toBeNull();
    await announcement.getByRole('button', { name: '取消这次通报' }).click();
    await visible(announcement.getByRole('status').filter({ hasText: '已取消安排的通报，可以重新选择时间。' }));
    expect((await system.db.campaign.findUniqueOrThrow({ where: { id: CAMPAIGN } })).announceAt).toBeNull();
    expect(await statusOf(theCase())).toBe('notice-ended');

    // The next whole minute at least a minute ahead (time to open the public page before it), entered
    // as a date and a time on Beijing's clock.
    const at = Math.ceil((Date.now() + 60_000) / 60_000) * 60_000;
    const { date, time } = beijing(at);
    await announcement.getByLabel('日期', { exact: true }).fill(date);
    await announcement.getByLabel('时刻（时:分）').fill(time);
    await announcement.getByRole('button', { name: '安排通报' }).click();
    await visible(announcement.getByRole('status').filter({ hasText: `已安排于 ${date.split('-').join('/')} ${time}（北京时间）通报；目前有 1 件申报等待通报。` }));
    await visible(announcement.getByRole('button', { name: '取消这次通报' }));
    expect((await system.db.campaign.findUniqueOrThrow({ where: { id: CAMPAIGN } })).announceAt?.getTime()).toBe(at);
    await screenshot(page, 'dashboard-announcement', { around: announcement });

    // The public page, opened before the minute: it says the result is not announced yet, and shows
    // the honourees by itself once the announcement is made — never before the minute chosen.
    const reader = await visitor();
    await reader.goto(`/announcement?campaign=${CAMPAIGN}`);
    await visible(reader.getByText('评选结果尚未通报。'));
    expect(Date.now()).toBeLessThan(at);
    const honourees = reader.getByRole('table', { name: '通报名单（共 1 项）' });
    await visible(honourees, at - Date.now() + 120_000);
    expect(Date.now()).toBeGreaterThanOrEqual(at);
    await visible(reader.getByRole('status').filter({ hasText: '评选结果已通报，名单如下。' }));
    const published = await fetch(`${system.baseUrl}/api/public/campaigns/${CAMPAIGN}/announcement`);
    const { announcedAt } = (await published.json()) as { announcedAt: string | null };
    expect(Date.parse(announcedAt!)).toBeGreaterThanOrEqual(at);
    const row = honourees.getByRole('row').filter({ hasText: NOMINEE });
    await visible(row.getByText(NOMINEE_UNIT));
    await visible(row.getByText('伙食管理'));
    await visible(row.getByText('个人', { exact: true }));
    await visible(reader.getByText(/经评审委员会评选并向社会公示，现将评选结果通报如下。通报时间：.+（北京时间）。/));
    expect(await reader.locator('body').innerText()).not.toContain('13800000000');
    await screenshot(reader, 'announcement');
    expect(await statusOf(theCase())).toBe('announced');
    // The case left in review was never selected.
    expect(await reader.getByText(STILL_IN_REVIEW).count()).toBe(0);
  });

  test('a reviewer turns the hourly task email off on the account page reached from their name', async () => {
    const page = await staff('wg-catering');
    await page.getByRole('link', { name: /当前用户：wg-catering/ }).click();
    await page.waitForURL((url) => url.pathname === '/account');
    const toggle = page.getByRole('checkbox', { name: '有新任务时发邮件提醒我' });
    await visible(toggle);
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await visible(page.getByRole('status').filter({ hasText: '邮件提醒已关闭' }));
    const me = await (await new ApiClient(system.baseUrl).login('wg-catering')).get('/api/auth/me');
    expect(me.body.user.notifyByEmail).toBe(false);
  });
});
