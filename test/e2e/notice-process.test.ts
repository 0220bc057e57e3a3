import { ApiClient, eventually, nominationForm, openCampaign, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';
import { committeeRoundWorkflowId } from '../../workflows/contract';

/*
 * The end of the process as the national notice runs it, over HTTP: the committee's cut-off with
 * its ties (100 名左右), the close refused while cases are still in review, the notice that stops
 * inviting objections once it ends, the announcement on a date the secretariat chooses (择期通报),
 * and the honourees entering the registry that next year's nominations are checked against.
 */

let system: System;
let api: ApiClient;
let secretariat: ApiClient;
const staff: Record<string, ApiClient> = {};

beforeAll(async () => {
  system = await startSystem();
  await system.startWorker();
  api = new ApiClient(system.baseUrl);
  secretariat = await api.login('secretariat');
  for (const name of ['wg-catering', 'branch-catering', 'committee2']) staff[name] = await api.login(name);
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

async function decide(as: ApiClient, caseId: string, kind: string, body: Record<string, unknown>) {
  const inbox = await eventually(() => as.get(`/api/inbox?kind=${kind}`), (r) => r.body.tasks?.some((t: { caseId: string }) => t.caseId === caseId));
  const task = inbox.body.tasks.find((t: { caseId: string }) => t.caseId === caseId);
  const res = await as.post(`/api/tasks/${task.id}/complete`, body);
  expect(res.status).toBe(200);
  return res.body.caseStatus as string;
}

/** A self-nomination taken through every review to the committee's score. */
async function scored(campaignId: string, name: string, score: number) {
  const submitted = await api.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination({ channel: 'self', nominee: { ...sampleNomination().nominee, name } })));
  expect(submitted.status).toBe(201);
  const caseId = submitted.body.caseId as string;
  await decide(secretariat, caseId, 'seal-check', { decision: 'approve' });
  await decide(staff['wg-catering'], caseId, 'field-review', { decision: 'pass' });
  await decide(staff['branch-catering'], caseId, 'branch-shortlist', { decision: 'shortlist' });
  expect(await decide(staff.committee2, caseId, 'committee-review', { decision: 'approve', score })).toBe('awaiting-selection');
  return caseId;
}

const statusOf = async (caseId: string) => (await secretariat.get(`/api/nominations/${caseId}`)).body.status as string;

let campaignId: string;
const winners: Record<string, string> = {};

test('every case tied with the last winner is a winner, with shared ranks in the preview; the close is refused while a case is still in review, unless forced', async () => {
  campaignId = await openCampaign(secretariat, 'notice-process', '2031年度通报测试', { winnerCap: 2, publicNoticePeriod: 'PT12S' });
  winners.first = await scored(campaignId, '通报测试甲', 90);
  winners.tiedA = await scored(campaignId, '通报测试乙', 85);
  winners.tiedB = await scored(campaignId, '通报测试丙', 85);
  const stillInReview = (await api.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination({ channel: 'self' })))).body.caseId as string;
  await eventually(() => secretariat.get(`/api/nominations/${stillInReview}`), (r) => r.body.openTasks?.length === 1);

  const preview = await secretariat.get(`/api/campaigns/${campaignId}/committee/preview`);
  expect(preview.body.tiedAtCutOff).toBe(85);
  expect(preview.body.winners.map((w: { caseId: string; rank: number }) => [w.caseId, w.rank]).sort()).toEqual(
    [[winners.first, 1], [winners.tiedA, 2], [winners.tiedB, 2]].sort(),
  );

  const early = await secretariat.post(`/api/campaigns/${campaignId}/announcement`, {});
  expect(early.status).toBe(409);
  expect(early.body.error.code).toBe('notice-not-started');

  const refused = await secretariat.post(`/api/campaigns/${campaignId}/committee/close`, {});
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('review-open');
  expect(refused.body.error.details).toEqual([{ path: 'seal-check', message: '公章审核：1 件' }]);

  const closed = await secretariat.post(`/api/campaigns/${campaignId}/committee/close`, { force: true });
  expect(closed.status).toBe(200);
  expect([...closed.body.winners].sort()).toEqual(Object.values(winners).sort());
  const ranks = await Promise.all(Object.values(winners).map(async (id) => (await secretariat.get(`/api/nominations/${id}`)).body.rank));
  expect(ranks.sort()).toEqual([1, 2, 2]);
  const forced = await system.db.auditEntry.findFirst({ where: { action: 'committee-round-closed' }, orderBy: { id: 'desc' } });
  expect(JSON.parse(forced!.details)).toMatchObject({ forcedWithCasesInReview: 1 });
  // The secretariat waits on the close: it goes ahead of the queue's emails.
  const round = await system.env.client.workflow.getHandle(committeeRoundWorkflowId(campaignId)).describe();
  expect(round.raw.workflowExecutionInfo?.priority?.priorityKey).toBe(1);
}, 180_000);

test('an announcement before the notice ends is refused; once it has ended the notice no longer takes objections', async () => {
  const tooEarly = await secretariat.post(`/api/campaigns/${campaignId}/announcement`, {});
  expect(tooEarly.status).toBe(422);
  expect(tooEarly.body.error.code).toBe('announcement-before-notice-ends');
  expect(tooEarly.body.error.details[0].path).toBe('at');
  expect((await api.get(`/api/public/campaigns/${campaignId}/notice`)).body.objectionsOpen).toBe(true);

  for (const id of Object.values(winners)) await eventually(() => statusOf(id), (s) => s === 'notice-ended', 60_000);
  const notice = await api.get(`/api/public/campaigns/${campaignId}/notice`);
  expect(notice.body.objectionsOpen).toBe(false);
  expect(notice.body.entries).toHaveLength(3);
  const late = await api.post(`/api/public/campaigns/${campaignId}/objections`, { caseId: winners.first, reason: '公示期后的异议' });
  expect(late.status).toBe(409);
  expect(late.body.error.code).toBe('not-in-notice-period');
  expect((await api.get('/api/public/campaigns')).body.campaigns.find((c: { id: string }) => c.id === campaignId).phase).toBe('notice-ended');
}, 90_000);

test('the secretariat schedules the announcement, cancels it, schedules it again; the honourees are published at that time and not before', async () => {
  const first = await secretariat.post(`/api/campaigns/${campaignId}/announcement`, { at: new Date(Date.now() + 3_600_000).toISOString() });
  expect(first.status).toBe(202);
  expect(first.body.cases).toBe(3);
  expect((await secretariat.get(`/api/campaigns/${campaignId}`)).body.announceAt).toBe(first.body.at);
  const twice = await secretariat.post(`/api/campaigns/${campaignId}/announcement`, {});
  expect(twice.status).toBe(409);
  expect(twice.body.error.code).toBe('announcement-scheduled');

  const cancelled = await secretariat.request('DELETE', `/api/campaigns/${campaignId}/announcement`);
  expect(cancelled).toMatchObject({ status: 200, body: { cancelled: true } });
  // A retried cancel answers the same.
  expect((await secretariat.request('DELETE', `/api/campaigns/${campaignId}/announcement`)).status).toBe(200);
  expect((await secretariat.get(`/api/campaigns/${campaignId}`)).body.announceAt).toBeNull();

  const at = Date.now() + 4_000;
  expect((await secretariat.post(`/api/campaigns/${campaignId}/announcement`, { at: new Date(at).toISOString() })).status).toBe(202);
  const before = await api.get(`/api/public/campaigns/${campaignId}/announcement`);
  expect(before.body).toMatchObject({ announcedAt: null, honourees: [] });
  for (const id of Object.values(winners)) expect(await statusOf(id)).toBe('notice-ended');

  const published = await eventually(() => api.get(`/api/public/campaigns/${campaignId}/announcement`), (r) => r.body.honourees?.length === 3, 60_000);
  expect(Date.parse(published.body.announcedAt)).toBeGreaterThanOrEqual(at);
  expect(published.body.title).toBe('2031年度通报测试');
  expect(JSON.stringify(published.body)).not.toMatch(/13800000000|@example\.test/);
  for (const id of Object.values(winners)) expect(await statusOf(id)).toBe('announced');

  const tooLate = await secretariat.request('DELETE', `/api/campaigns/${campaignId}/announcement`);
  expect(tooLate.status).toBe(409);
  expect(tooLate.body.error.code).toBe('already-announced');
  expect((await api.get('/api/public/campaigns')).body.campaigns.find((c: { id: string }) => c.id === campaignId).phase).toBe('announced');
}, 90_000);

test('announced honourees enter the registry under the campaign’s title and year, and are refused in a later campaign', async () => {
  const found = await secretariat.get(`/api/honourees?q=${encodeURIComponent('通报测试乙')}`);
  expect(found.body.honourees).toEqual([expect.objectContaining({ year: 2031, title: '2031年度通报测试', category: 'individual', name: '通报测试乙', unit: '示例市第一中学' })]);

  const next = await openCampaign(secretariat, 'notice-process-next', '2032年度通报测试');
  const again = await api.post(`/api/campaigns/${next}/nominations`, nominationForm(sampleNomination({ channel: 'self', nominee: { ...sampleNomination().nominee, name: '通报测试乙' } })));
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('previously-honoured');
}, 60_000);
