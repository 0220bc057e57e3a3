import { ApiClient, eventually, nominationForm, openCampaign, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';
import { CASE_STATUSES } from '../../domain/statuses';

/*
 * The secretariat's campaign dashboard over HTTP: the summary, the committee round's preview (which
 * must choose exactly what closing the round then chooses) and the winners' CSV. One campaign is
 * driven through the real workflows; the tests run in order on it.
 */

let system: System;
let api: ApiClient;
let secretariat: ApiClient;
/** The secretariat's bearer token, for reading the CSV's raw bytes (a decoded text loses the byte-order mark). */
let secretariatToken: string;
let auditor: ApiClient;
let wg: ApiClient;
let campaignId: string;
const cases: Record<'low' | 'best' | 'awarded' | 'fresh', string> = { low: '', best: '', awarded: '', fresh: '' };
/** Made-up contact data, looked for in what must not carry it. */
const PHONE = '13912345678';
const AGE = 57;

beforeAll(async () => {
  system = await startSystem();
  await system.startWorker();
  api = new ApiClient(system.baseUrl);
  const login = await api.request('POST', '/api/auth/login', { username: 'secretariat', password: 'demo-password' });
  secretariatToken = login.body.token;
  secretariat = api.as(secretariatToken);
  auditor = await api.login('auditor');
  wg = await api.login('wg-catering');
  campaignId = await openCampaign(secretariat, 'overview-test', '总览测试', { winnerCap: 2, publicNoticePeriod: 'P7D' });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

async function taskOf(as: ApiClient, caseId: string, kind: string) {
  const inbox = await eventually(() => as.get(`/api/inbox?kind=${kind}`), (r) => r.body.tasks?.some((t: { caseId: string }) => t.caseId === caseId));
  return inbox.body.tasks.find((t: { caseId: string }) => t.caseId === caseId) as { id: string };
}

async function decide(as: ApiClient, caseId: string, kind: string, body: Record<string, unknown>) {
  const res = await as.post(`/api/tasks/${(await taskOf(as, caseId, kind)).id}/complete`, body);
  if (res.status !== 200) throw new Error(`${kind} of ${caseId}: ${res.status} ${JSON.stringify(res.body)}`);
}

async function submit(as: ApiClient, overrides: Record<string, unknown>) {
  const nomination = sampleNomination({ phone: PHONE, ...overrides });
  nomination.nominee = { ...nomination.nominee, age: AGE };
  const res = await as.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(nomination));
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.caseId as string;
}

const ids = (rows: { caseId: string }[]) => rows.map((r) => r.caseId);

test('the committee preview ranks the approved cases by score as the round will, and leaves the round open', async () => {
  const unit = await api.login('assoc-1');
  const branch = await api.login('branch-catering');
  const committee = await api.login('committee1');
  const award = { title: '最美食堂人物', issuer: '示例日报', year: 2024 };
  // Submitted first, so a ranking by submission time would put it ahead of the others.
  cases.low = await submit(unit, {});
  cases.best = await submit(unit, {});
  cases.awarded = await submit(unit, { mediaAwards: [award, { ...award, year: 2023 }] });
  const scores = { low: 75, best: 90, awarded: 80 };
  for (const key of ['low', 'best', 'awarded'] as const) {
    await decide(secretariat, cases[key], 'seal-check', { decision: 'approve' });
    await decide(wg, cases[key], 'field-review', { decision: 'pass' });
    await decide(branch, cases[key], 'branch-shortlist', { decision: 'shortlist' });
    await decide(committee, cases[key], 'committee-review', { decision: 'approve', score: scores[key] });
  }
  cases.fresh = await submit(await api.login('member-1'), { field: 'energy', recommendingUnit: '示例大学' });

  const preview = await secretariat.get(`/api/campaigns/${campaignId}/committee/preview`);
  expect(preview.status).toBe(200);
  expect(preview.body.roundClosed).toBe(false);
  expect(preview.body.tiedAtCutOff).toBeNull();
  expect(preview.body.winners.map((w: { rank: number; caseId: string; score: number }) => [w.rank, w.caseId, w.score])).toEqual([
    [1, cases.best, 90],
    [2, cases.awarded, 80],
  ]);
  expect(preview.body.winners[1]).toMatchObject({ unit: '示例市教育后勤协会', field: 'catering', category: 'individual', mediaAwardCount: 2 });
  expect(preview.body.winners[0].name).toMatch(/^测试候选人/);
  expect(preview.body.notSelected.map((w: { rank: number; caseId: string }) => [w.rank, w.caseId])).toEqual([[3, cases.low]]);
  expect(JSON.stringify(preview.body)).not.toContain(PHONE);

  expect((await secretariat.get(`/api/campaigns/${campaignId}`)).body.roundClosedAt).toBeNull();
  const stored = await system.db.case.findMany({ where: { campaignId }, select: { status: true, rank: true, selected: true } });
  expect(stored.every((c) => c.rank === null && c.selected === null)).toBe(true);
  expect(stored.filter((c) => c.status === 'awaiting-selection')).toHaveLength(3);
}, 180_000);

test('closing the round chooses exactly the winners and the order the preview showed, and the preview then shows the stored outcome', async () => {
  const before = await secretariat.get(`/api/campaigns/${campaignId}/committee/preview`);
  // `fresh` is still at the seal check: the close says so, and goes ahead only when forced.
  const refused = await secretariat.post(`/api/campaigns/${campaignId}/committee/close`);
  expect([refused.status, refused.body.error.code]).toEqual([409, 'review-open']);
  const closed = await secretariat.post(`/api/campaigns/${campaignId}/committee/close`, { force: true });
  expect(closed.status).toBe(200);
  expect(closed.body.winners).toEqual(ids(before.body.winners));
  expect(closed.body.notSelected).toEqual(ids(before.body.notSelected));

  const after = await secretariat.get(`/api/campaigns/${campaignId}/committee/preview`);
  expect(after.body.roundClosed).toBe(true);
  expect(ids(after.body.winners)).toEqual(closed.body.winners);
  expect(ids(after.body.notSelected)).toEqual(closed.body.notSelected);
  expect(after.body.winners.map((w: { rank: number }) => w.rank)).toEqual([1, 2]);
});

test('the summary counts cases by status and field, gives the deadlines and the closed round, and lists open objections and fraud investigations with their reasons', async () => {
  for (const id of [cases.best, cases.awarded]) await eventually(() => secretariat.get(`/api/nominations/${id}`), (r) => r.body.status === 'public-notice');
  await eventually(() => secretariat.get(`/api/nominations/${cases.low}`), (r) => r.body.status === 'not-selected');
  expect((await api.post(`/api/public/campaigns/${campaignId}/objections`, { caseId: cases.best, reason: '事迹与事实不符（测试）' })).status).toBe(202);
  expect((await secretariat.post(`/api/nominations/${cases.awarded}/fraud-reports`, { reason: '获奖材料存疑（测试）' })).status).toBe(202);
  const objectionTask = await taskOf(secretariat, cases.best, 'objection-review');
  const fraudTask = await taskOf(secretariat, cases.awarded, 'fraud-investigation');

  const res = await eventually(
    () => secretariat.get(`/api/campaigns/${campaignId}/summary`),
    (r) => r.body.openObjections?.[0]?.taskId === objectionTask.id && r.body.openIncidents?.length === 1,
  );
  expect(res.status).toBe(200);
  const s = res.body;
  expect(s.total).toBe(4);
  const nonZero = (rows: { count: number }[]) => rows.filter((r) => r.count > 0);
  expect(nonZero(s.byStatus)).toEqual([
    { status: 'seal-check', count: 1 },
    { status: 'public-notice', count: 2 },
    { status: 'not-selected', count: 1 },
  ]);
  expect(s.byStatus.map((r: { status: string }) => r.status)).toEqual([...CASE_STATUSES]);
  expect(nonZero(s.byField)).toEqual([
    { field: 'catering', name: '伙食管理', nameEn: 'Catering', count: 3 },
    { field: 'energy', name: '能源管理', nameEn: 'Energy management', count: 1 },
  ]);
  const campaign = (await secretariat.get(`/api/campaigns/${campaignId}`)).body;
  expect(s.deadlines).toEqual({ submission: campaign.submissionDeadline, review: campaign.reviewDeadline, noticeEnd: campaign.noticeEndsAt, announceAt: null, announcedAt: null });
  expect(s.deadlines.noticeEnd).not.toBeNull();
  expect(s.roundClosed).toBe(true);
  expect(s.openObjections).toEqual([expect.objectContaining({ caseId: cases.best, taskId: objectionTask.id, reason: '事迹与事实不符（测试）', unit: '示例市教育后勤协会' })]);
  expect(s.openIncidents).toEqual([expect.objectContaining({ caseId: cases.awarded, taskId: fraudTask.id, kind: 'fraud-investigation', reason: '获奖材料存疑（测试）' })]);
  expect(JSON.stringify(s)).not.toContain(PHONE);

  // Ruled, the objection is no longer open.
  await secretariat.post(`/api/tasks/${objectionTask.id}/complete`, { decision: 'dismiss', comment: '经核实无据' });
  await eventually(() => secretariat.get(`/api/campaigns/${campaignId}/summary`), (r) => r.body.openObjections?.length === 0);
}, 120_000);

test('the winners CSV lists the cases on the notice in rank order with a byte-order mark and Chinese headers, English on request, and no phone, age or email', async () => {
  const zh = await fetch(`${system.baseUrl}/api/campaigns/${campaignId}/winners.csv`, { headers: { authorization: `Bearer ${secretariatToken}` } });
  expect(zh.status).toBe(200);
  expect(zh.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
  expect(zh.headers.get('content-disposition')).toContain(`winners-${campaignId}.csv`);
  const bytes = Buffer.from(await zh.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  const lines = text.trimEnd().split('\r\n');
  expect(lines[0]).toBe('名次,姓名或团队名称,推荐单位,业务领域,类别,评分');
  const names = await system.db.case.findMany({ where: { id: { in: [cases.best, cases.awarded] } }, select: { id: true, nomineeName: true } });
  const nameOf = (id: string) => names.find((n) => n.id === id)!.nomineeName;
  expect(lines.slice(1)).toEqual([`1,${nameOf(cases.best)},示例市教育后勤协会,伙食管理,个人,90.00`, `2,${nameOf(cases.awarded)},示例市教育后勤协会,伙食管理,个人,80.00`]);
  for (const secret of [PHONE, String(AGE), '@example.test']) expect(text).not.toContain(secret);

  const en = await secretariat.request('GET', `/api/campaigns/${campaignId}/winners.csv`, undefined, { 'accept-language': 'en' });
  const enLines = String(en.body).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  expect(enLines[0]).toBe('rank,name,unit,field,category,score');
  expect(enLines[1]).toBe(`1,${nameOf(cases.best)},示例市教育后勤协会,Catering,Individual,90.00`);
});

test('auditors read the summary but neither preview nor export; other staff are refused, the anonymous must sign in, and an unknown campaign is not found', async () => {
  expect((await auditor.get(`/api/campaigns/${campaignId}/summary`)).status).toBe(200);
  expect((await auditor.get(`/api/campaigns/${campaignId}/committee/preview`)).status).toBe(403);
  expect((await auditor.get(`/api/campaigns/${campaignId}/winners.csv`)).status).toBe(403);
  for (const path of ['summary', 'committee/preview', 'winners.csv']) {
    expect((await wg.get(`/api/campaigns/${campaignId}/${path}`)).status).toBe(403);
    expect((await api.get(`/api/campaigns/${campaignId}/${path}`)).status).toBe(401);
    const missing = await secretariat.get(`/api/campaigns/no-such-campaign/${path}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('campaign-not-found');
  }
});
