import { ApiClient, eventually, nominationForm, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

let system: System;
let api: ApiClient;
const campaignId = 'rules-test';

beforeAll(async () => {
  system = await startSystem();
  await system.startWorker();
  api = new ApiClient(system.baseUrl);
  const secretariat = await api.login('secretariat');
  const created = await secretariat.post('/api/campaigns', {
    committeeQuorum: 1,
    code: campaignId,
    title: '规则测试',
    submissionDeadline: new Date(Date.now() + 86_400_000).toISOString(),
    reviewDeadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    quotas: { association: 3, memberUnit: 1, branch: 10 },
  });
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await system?.stop();
});

const database = process.env.DATABASE_URL?.startsWith('postgres') ? 'PostgreSQL' : 'SQLite';

async function race(username: string, unit: string, attempts: number) {
  const as = await api.login(username);
  const channel = username.startsWith('branchoffice') ? 'branch' : 'organisation';
  const results = await Promise.all(
    Array.from({ length: attempts }, () =>
      as.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination({ channel, recommendingUnit: unit }))),
    ),
  );
  const accepted = results.filter((r) => r.status === 201);
  const refused = results.filter((r) => r.status === 409 && r.body.error.code === 'quota-exhausted');
  console.log(`quota race on ${database}: ${username} sent ${attempts} at once, accepted ${accepted.length}, refused ${refused.length}`);
  return { as, accepted, refused, others: results.filter((r) => r.status !== 201 && r.status !== 409) };
}

test.each([
  ['assoc-1', '示例市教育后勤协会', 10, 3],
  ['member-1', '示例大学', 6, 1],
  ['branchoffice-1', '示例伙食管理专业委员会', 14, 10],
])(`simultaneous submissions from %s never exceed its quota (${database})`, async (username, unit, attempts, quota) => {
  const { accepted, refused, others } = await race(username, unit, attempts);
  expect(others).toEqual([]);
  expect(accepted).toHaveLength(quota);
  expect(refused).toHaveLength(attempts - quota);
});

test('withdrawal gives the unit its slot back', async () => {
  const member = await api.login('member-2');
  const first = await member.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination({ recommendingUnit: '样本师范学院' })));
  expect(first.status).toBe(201);
  const second = await member.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination({ recommendingUnit: '样本师范学院' })));
  expect(second.body.error.code).toBe('quota-exhausted');
  await eventually(() => member.get(`/api/nominations/${first.body.caseId}`), (r) => r.body.timeline.length > 0);
  expect((await member.post(`/api/nominations/${first.body.caseId}/withdraw`)).body.status).toBe('withdrawn');
  const third = await member.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination({ recommendingUnit: '样本师范学院' })));
  expect(third.status).toBe(201);
});

test('the same nominee twice in one campaign is refused; after withdrawal they may be put forward again', async () => {
  const nominee = sampleNomination({ channel: 'self' });
  const first = await api.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(nominee));
  expect(first.status).toBe(201);
  const again = await api.post(`/api/campaigns/${campaignId}/nominations`, nominationForm({ ...nominee, applicantEmail: 'other@example.test' }));
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('duplicate-nomination');
  await eventually(() => api.as(first.body.accessToken).get(`/api/nominations/${first.body.caseId}`), (r) => r.body.timeline.length > 0);
  await api.as(first.body.accessToken).post(`/api/nominations/${first.body.caseId}/withdraw`);
  expect((await api.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(nominee))).status).toBe(201);
});

test('a nominee honoured in an earlier edition is refused with previously-honoured', async () => {
  const { honoureeKey } = await import('../../domain/honourees');
  await system.db.honouree.create({
    data: { id: 'h-1', lookupKey: honoureeKey('individual', '往届 获奖人', '示例大学'), year: 2022, title: '2022年度最美后勤人', category: 'individual', name: '往届获奖人', unit: '示例大学' },
  });
  const res = await api.post(
    `/api/campaigns/${campaignId}/nominations`,
    nominationForm(sampleNomination({ channel: 'self', recommendingUnit: '示例大学', nomineeUnit: '示例大学', nominee: { name: '往届获奖人', gender: '男', age: 50 } })),
  );
  expect(res.status).toBe(409);
  expect(res.body.error.code).toBe('previously-honoured');
});
