import { ApiClient, eventually, nominationForm, openCampaign, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

/*
 * The reviews as the national notice has them, over HTTP: the nominee known by their own unit on
 * every channel, a registry import that re-checks running cases, the branch's own nominations going
 * straight to the committee, media awards with a level and priority at the shortlist, the applicant's
 * comment and the internal note kept apart, objections read in full, and search and export.
 */

let system: System;
let api: ApiClient;
let secretariat: ApiClient;
let campaignId: string;
const as: Record<string, ApiClient> = {};

beforeAll(async () => {
  system = await startSystem();
  await system.startWorker();
  api = new ApiClient(system.baseUrl);
  secretariat = await api.login('secretariat');
  for (const name of ['auditor', 'wg-catering', 'branch-catering', 'committee2', 'member-1', 'assoc-2', 'branchoffice-1']) as[name] = await api.login(name);
  campaignId = await openCampaign(secretariat, 'review-rules', '审核规则测试', { criteria: ['热爱教育后勤事业', '近三年无违纪记录'] });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

async function taskFor(who: ApiClient, caseId: string, kind: string, query = '') {
  const inbox = await eventually(() => who.get(`/api/inbox?kind=${kind}${query}`), (r) => r.body.tasks?.some((t: { caseId: string }) => t.caseId === caseId));
  return inbox.body.tasks.find((t: { caseId: string }) => t.caseId === caseId);
}

async function decide(who: ApiClient, caseId: string, kind: string, body: Record<string, unknown>) {
  const res = await who.post(`/api/tasks/${(await taskFor(who, caseId, kind)).id}/complete`, body);
  expect(res.status).toBe(200);
  return res.body.caseStatus as string;
}

const nominee = (name: string) => ({ ...sampleNomination().nominee, name });

async function submit(who: ApiClient, overrides: Record<string, unknown>) {
  const res = await who.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination(overrides)));
  expect(res.status).toBe(201);
  return res.body.caseId as string;
}

test('the same nominee put forward by another unit, their own unit written with other punctuation, is a duplicate', async () => {
  await submit(as['member-1'], { recommendingUnit: '示例大学', nomineeUnit: '示例大学（后勤处）', nominee: nominee('规则测试重复') });
  const again = await as['assoc-2'].post(
    `/api/campaigns/${campaignId}/nominations`,
    nominationForm(sampleNomination({ recommendingUnit: '样本省高校后勤协会', nomineeUnit: '示例大学 后勤处', nominee: nominee('规则测试重复') })),
  );
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('duplicate-nomination');
});

test('a branch’s own nomination goes from the seal check straight to the committee, never to the working group', async () => {
  const caseId = await submit(as['branchoffice-1'], { channel: 'branch', recommendingUnit: '示例伙食管理专业委员会', nomineeUnit: '示例职业学院', nominee: nominee('规则测试推举') });
  expect(await decide(secretariat, caseId, 'seal-check', { decision: 'approve' })).toBe('committee-review');
  const wgInbox = await as['wg-catering'].get('/api/inbox');
  expect(wgInbox.body.tasks.some((t: { caseId: string }) => t.caseId === caseId)).toBe(false);
});

test('media awards carry a level; the working group checks them; at the branch shortlist award holders come first, marked 优先入围, unless found unproven', async () => {
  const national = await submit(as['assoc-2'], { recommendingUnit: '样本省高校后勤协会', nominee: nominee('规则测试国家级'), mediaAwards: [{ title: '全国后勤先进个人', issuer: '某全国媒体', year: 2024, level: 'national' }] });
  const unproven = await submit(as['assoc-2'], { recommendingUnit: '样本省高校后勤协会', nominee: nominee('规则测试未核实'), mediaAwards: [{ title: '省级表彰', issuer: '某省媒体', year: 2023, level: 'provincial' }] });
  const plain = await submit(as['assoc-2'], { recommendingUnit: '样本省高校后勤协会', nominee: nominee('规则测试无奖项') });

  const misplaced = await secretariat.post(`/api/tasks/${(await taskFor(secretariat, plain, 'seal-check')).id}/complete`, { decision: 'approve', awardsVerified: true });
  expect(misplaced.status).toBe(422);
  expect(misplaced.body.error.code).toBe('awards-check-not-allowed');

  for (const id of [plain, unproven, national]) await decide(secretariat, id, 'seal-check', { decision: 'approve' });
  const reviewing = await as['wg-catering'].get(`/api/nominations/${national}`);
  expect(reviewing.body.criteria).toEqual(['热爱教育后勤事业', '近三年无违纪记录']);
  expect(reviewing.body.nomination.mediaAwards[0].level).toBe('national');
  await decide(as['wg-catering'], plain, 'field-review', { decision: 'pass' });
  await decide(as['wg-catering'], unproven, 'field-review', { decision: 'pass', awardsVerified: false });
  await decide(as['wg-catering'], national, 'field-review', { decision: 'pass', awardsVerified: true });

  const shortlist = await eventually(() => as['branch-catering'].get(`/api/inbox?kind=branch-shortlist&campaignId=${campaignId}`), (r) => r.body.tasks?.length >= 3);
  const mine = shortlist.body.tasks.filter((t: { caseId: string }) => [national, unproven, plain].includes(t.caseId));
  expect(mine[0]).toMatchObject({ caseId: national, priority: 4, shortlistPriority: true });
  expect(mine.find((t: { caseId: string }) => t.caseId === unproven)).toMatchObject({ priority: 0, shortlistPriority: false });
  expect((await secretariat.get(`/api/nominations/${unproven}`)).body.awardsVerified).toBe(false);
}, 120_000);

test('a comment reaches the applicant; the internal note only staff and auditors', async () => {
  const submitted = await api.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination({ channel: 'self', applicantEmail: 'rules-applicant@example.test', nominee: nominee('规则测试自荐') })));
  const { caseId, accessToken } = submitted.body as { caseId: string; accessToken: string };
  await decide(secretariat, caseId, 'seal-check', { decision: 'approve', comment: '公章清晰，材料齐全', note: '已电话联系推荐单位核实' });

  const applicantView = await api.as(accessToken).get(`/api/nominations/${caseId}`);
  expect(JSON.stringify(applicantView.body)).toContain('公章清晰，材料齐全');
  expect(JSON.stringify(applicantView.body)).not.toContain('已电话联系推荐单位核实');
  for (const reader of [secretariat, as.auditor]) {
    const view = await reader.get(`/api/nominations/${caseId}`);
    expect(view.body.decisions).toEqual([expect.objectContaining({ kind: 'seal-check', decision: 'approve', comment: '公章清晰，材料齐全', note: '已电话联系推荐单位核实' })]);
  }
  const mail = await eventually(() => system.mail(), (m) => m.some((x) => x.to.includes('rules-applicant@example.test') && x.subject.includes('业务领域审核')));
  const told = mail.find((x) => x.to.includes('rules-applicant@example.test') && x.subject.includes('业务领域审核'))!;
  expect(told.text).toContain('公章清晰，材料齐全');
  expect(told.text).not.toContain('已电话联系推荐单位核实');
}, 60_000);

test('an import naming a running case puts it to the secretariat as an eligibility review; ruled ineligible, the case is disqualified', async () => {
  const caseId = await submit(api, { channel: 'self', recommendingUnit: '样本第二中学', nomineeUnit: '样本第二中学', nominee: nominee('规则测试往届') });
  await decide(secretariat, caseId, 'seal-check', { decision: 'approve' });

  const csv = '年度,荣誉,类别,姓名或团队名称,单位\n2022,2022年度最美后勤人,个人,规则测试往届,样本第二中学\n';
  const imported = await secretariat.postText('/api/honourees/import', csv, 'text/csv; charset=utf-8');
  expect(imported.status).toBe(200);
  const outcome = imported.body as { imported: number; eligibilityReviews: { caseId: string; taskId: string | null }[] };
  expect(outcome.imported).toBe(1);
  expect(outcome.eligibilityReviews).toEqual([{ caseId, taskId: expect.any(String) }]);

  const review = await taskFor(secretariat, caseId, 'eligibility-review');
  expect(review.id).toBe(outcome.eligibilityReviews[0].taskId);
  const view = await secretariat.get(`/api/nominations/${caseId}`);
  expect(view.body.eligibilityReviews).toEqual([expect.objectContaining({ taskId: review.id, honouree: expect.objectContaining({ year: 2022, name: '规则测试往届', unit: '样本第二中学' }) })]);

  expect((await secretariat.post(`/api/tasks/${review.id}/complete`, { decision: 'ineligible' })).body.caseStatus).toBe('disqualified');
  const ruled = await secretariat.get(`/api/nominations/${caseId}`);
  expect(ruled.body.eligibilityReviews[0]).toMatchObject({ ruling: 'ineligible' });
  // The same sheet again finds no running case to review.
  expect((await secretariat.postText('/api/honourees/import', csv, 'text/csv; charset=utf-8')).body.eligibilityReviews).toEqual([]);
}, 60_000);

test('staff find cases by part of a name or of the case number, in the list and the inbox, and export the list as CSV without phone, age or email', async () => {
  const caseId = await submit(api, { channel: 'self', recommendingUnit: '样本省高校后勤协会', nominee: nominee('检索测试王小明'), applicantEmail: 'search@example.test' });
  const byName = await secretariat.get(`/api/nominations?q=${encodeURIComponent('王小明')}`);
  expect(byName.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual([caseId]);
  const byNumber = await secretariat.get(`/api/nominations?q=${caseId.slice(0, 8).toUpperCase()}`);
  expect(byNumber.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual([caseId]);
  await taskFor(secretariat, caseId, 'seal-check');
  const inbox = await secretariat.get(`/api/inbox?q=${encodeURIComponent('王小明')}`);
  expect(inbox.body.tasks.map((t: { caseId: string }) => t.caseId)).toEqual([caseId]);
  expect((await secretariat.get(`/api/inbox?q=${encodeURIComponent('没有这个人')}`)).body.tasks).toEqual([]);

  const csv = await secretariat.get(`/api/nominations.csv?campaignId=${campaignId}&q=${encodeURIComponent('王小明')}`);
  expect(csv.status).toBe(200);
  expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
  const lines = (csv.body as string).replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toBe('申报编号,评选活动,状态,业务领域,申报渠道,类别,候选人或团队,所在单位,推荐单位,提交时间（北京时间，UTC+8）');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`${caseId},审核规则测试,`);
  expect(lines[1]).toContain('检索测试王小明,示例市第一中学,样本省高校后勤协会');
  expect(csv.body).not.toMatch(/13800000000|search@example\.test|,41,|,女,/);
  const submittedAt = (await secretariat.get(`/api/nominations/${caseId}`)).body.submittedAt as string;
  const beijing = new Date(Date.parse(submittedAt) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
  expect(lines[1].endsWith(beijing)).toBe(true);
}, 60_000);
