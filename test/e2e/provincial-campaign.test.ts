import { spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../config';
import { ApiClient, eventually, nominationForm, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

/*
 * A provincial secretariat runs its own campaign on an install with no demo data, as the Sichuan
 * notice's would: the first account made from the command line, its own unit kinds, fields,
 * criteria and committee, units and accounts invited by email, nominations within quota, routing
 * to the campaign's own reviewers, and a committee member recused on the way to the notice.
 */

let system: System;
let api: ApiClient;
let secretariat: ApiClient;
const ids: Record<string, string> = {};

beforeAll(async () => {
  system = await startSystem({ demo: false });
  await system.startWorker();
  api = new ApiClient(system.baseUrl);
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

/** Runs `npm run users:create`'s script against this system and answers what it printed. */
function usersCreate(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), [path.join(projectRoot, 'scripts', 'create-user.ts'), ...args], { env: { ...process.env, ...system.processEnv }, cwd: projectRoot });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

const tokenOf = (text: string) => /set-password#token=(\S+)/.exec(text)?.[1];

/** The one-time link in the newest invitation to this address, once the email has arrived. */
async function invitationTo(email: string): Promise<string> {
  const mail = await eventually(() => system.mail(), (m) => m.some((x) => x.to.includes(email)));
  const text = mail.find((x) => x.to.includes(email))!.text;
  return tokenOf(text)!;
}

/** The holder of an invited account sets a password from its email and signs in. */
async function acceptInvitation(username: string, email: string): Promise<ApiClient> {
  const token = await invitationTo(email);
  expect((await api.post('/api/auth/set-password', { token, password: `${username}-Xk9#mQ2vLp` })).status).toBe(204);
  return api.login(username, `${username}-Xk9#mQ2vLp`);
}

async function decide(as: ApiClient, caseId: string, kind: string, body: Record<string, unknown>) {
  const inbox = await eventually(() => as.get(`/api/inbox?kind=${kind}`), (r) => r.body.tasks?.some((t: { caseId: string }) => t.caseId === caseId));
  const task = inbox.body.tasks.find((t: { caseId: string }) => t.caseId === caseId);
  return as.post(`/api/tasks/${task.id}/complete`, body);
}

test('the first secretariat of a production install is made by the command and sets a password through its one-time link', async () => {
  expect((await api.request('POST', '/api/auth/login', { username: 'secretariat', password: 'demo-password' })).status).toBe(401);
  const created = await usersCreate(['--username', 'sc-secretariat', '--email', 'secretariat@province.test', '--roles', 'secretariat', '--display-name', '省秘书处']);
  expect(created.code).toBe(0);
  const token = tokenOf(created.out)!;
  expect(token).toMatch(/^lp_/);

  const weak = await api.post('/api/auth/set-password', { token, password: 'password123' });
  expect(weak.status).toBe(422);
  expect(weak.body.error.code).toBe('weak-password');
  expect(weak.body.error.details[0].path).toBe('password');
  expect((await api.post('/api/auth/set-password', { token, password: 'Sichuan-Houqin-26!' })).status).toBe(204);
  expect((await api.post('/api/auth/set-password', { token, password: 'Another-Strong-26!' })).body.error.code).toBe('invalid-link');
  secretariat = await api.login('sc-secretariat', 'Sichuan-Houqin-26!');
});

test('the secretariat sets up a campaign of its own: two unit kinds (quotas 5 and 2), a field not among the 13, its own criteria', async () => {
  const res = await secretariat.post('/api/campaigns', {
    code: 'sc-2026',
    title: '四川省“寻找最美后勤人”推荐活动',
    submissionDeadline: new Date(Date.now() + 86_400_000).toISOString(),
    reviewDeadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    winnerCap: 10,
    publicNoticePeriod: 'P7D',
    selfNomination: false,
    fields: [
      { code: 'greening', name: '绿化', nameEn: 'Greening' },
      { code: 'catering', name: '伙食管理', nameEn: 'Catering' },
    ],
    unitKinds: [
      { code: 'city-bureau', name: '市（州）教育行政部门', channel: 'organisation', quota: 5 },
      { code: 'university', name: '高等学校', channel: 'organisation', quota: 2 },
    ],
    criteria: ['扎根学校后勤一线五年以上', '在绿化、能源、物业等岗位技能突出'],
  });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ committee: [], committeeQuorum: 1, selfNomination: false });
  expect(res.body.fields.map((f: { code: string }) => f.code)).toEqual(['greening', 'catering']);
  expect((await api.get('/api/public/campaigns')).body.campaigns.map((c: { id: string }) => c.id)).toEqual(['sc-2026']);

  // Its words are checked, in the reader's language.
  const bad = await secretariat.request('POST', '/api/campaigns', { code: 'sc-bad', title: 't', submissionDeadline: new Date().toISOString(), reviewDeadline: new Date(Date.now() + 1000).toISOString(), unitKinds: [{ code: 'X', name: '', channel: 'organisation', quota: 0 }] });
  expect(bad.status).toBe(400);
  expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['unitKinds.0.code', 'unitKinds.0.name', 'unitKinds.0.quota']));
  expect(bad.body.error.details[0].message).toMatch(/[\u4e00-\u9fff]/);
});

test('units and their accounts, the reviewers and a committee of three are created and invited; the committee joins the campaign', async () => {
  for (const [key, name, kind] of [['cityA', '示例市教育局', 'city-bureau'], ['univB', '样本理工大学', 'university']] as const) {
    const unit = await secretariat.post('/api/units', { name, kind });
    expect(unit.status).toBe(201);
    ids[key] = unit.body.id;
  }
  expect((await secretariat.post('/api/units', { name: '示例市教育局', kind: 'city-bureau' })).body.error.code).toBe('unit-exists');

  const accounts = [
    { username: 'city-a', displayName: '示例市教育局后勤科', email: 'city-a@province.test', roles: ['unit'], unitId: ids.cityA },
    { username: 'univ-b', displayName: '样本理工大学后勤处', email: 'univ-b@province.test', roles: ['unit'], unitId: ids.univB },
    { username: 'wg-green', displayName: '绿化评审组', email: 'wg-green@province.test', roles: ['working-group'], fields: ['greening'], campaigns: ['sc-2026'] },
    { username: 'br-green', displayName: '绿化分支机构', email: 'br-green@province.test', roles: ['branch'], fields: ['greening'], campaigns: ['sc-2026'] },
    { username: 'wg-food', displayName: '伙食评审组', email: 'wg-food@province.test', roles: ['working-group'], fields: ['catering'], campaigns: ['sc-2026'] },
    { username: 'cm-1', displayName: '委员甲', email: 'cm-1@province.test', roles: ['committee'], unitId: ids.cityA },
    { username: 'cm-2', displayName: '委员乙', email: 'cm-2@province.test', roles: ['committee'], unitId: ids.univB },
    { username: 'cm-3', displayName: '委员丙', email: 'cm-3@province.test', roles: ['committee'] },
  ];
  for (const a of accounts) {
    const res = await secretariat.post('/api/users', a);
    expect(res.status).toBe(201);
    expect(res.body.invitation).toBe('pending');
    ids[a.username] = res.body.id;
  }
  const inconsistent = await secretariat.post('/api/users', { username: 'no-unit', displayName: 'x', email: 'x@province.test', roles: ['unit'] });
  expect(inconsistent.body.error.details).toEqual([{ path: 'unitId', message: '推荐单位账号须选择所属单位' }]);
  const unknownField = await secretariat.post('/api/users', { username: 'wg-stars', displayName: 'x', email: 'x@province.test', roles: ['working-group'], fields: ['greening', 'astronomy'], campaigns: ['sc-2026'] });
  expect(unknownField.body.error.details).toEqual([{ path: 'fields.1', message: '所服务的评选活动中没有这个业务领域' }]);

  const committee = await secretariat.patch('/api/campaigns/sc-2026', { committee: [ids['cm-1'], ids['cm-2'], ids['cm-3']], committeeQuorum: 3 });
  expect(committee.status).toBe(200);
  expect(committee.body).toMatchObject({ committeeQuorum: 3 });
  const tooMany = await secretariat.patch('/api/campaigns/sc-2026', { committeeQuorum: 4 });
  expect(tooMany.status).toBe(400);
  expect(tooMany.body.error.details).toEqual([{ path: 'committeeQuorum', message: '法定票数不能超过评审委员会人数' }]);
});

test('the units set their passwords from the emailed links and nominate; the sixth nomination of a unit with a quota of 5 is refused', async () => {
  const cityA = await acceptInvitation('city-a', 'city-a@province.test');
  const univB = await acceptInvitation('univ-b', 'univ-b@province.test');
  expect((await cityA.get('/api/campaigns/sc-2026/quota')).body).toMatchObject({ unitKindName: '市（州）教育行政部门', limit: 5, used: 0, remaining: 5 });

  const nominate = (as: ApiClient, unit: string, field: string) => as.post('/api/campaigns/sc-2026/nominations', nominationForm(sampleNomination({ recommendingUnit: unit, field })));
  const cityCases: string[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await nominate(cityA, '示例市教育局', i === 0 ? 'greening' : 'catering');
    expect(res.status).toBe(201);
    cityCases.push(res.body.caseId);
  }
  const sixth = await nominate(cityA, '示例市教育局', 'greening');
  expect(sixth.status).toBe(409);
  expect(sixth.body.error.code).toBe('quota-exhausted');
  expect((await cityA.get('/api/campaigns/sc-2026/quota')).body).toMatchObject({ used: 5, remaining: 0 });
  ids.greenCase = cityCases[0];
  expect((await nominate(univB, '样本理工大学', 'greening')).status).toBe(201);

  // Fields and channels are the campaign's own: none of the 13, no self-nomination.
  expect((await nominate(univB, '样本理工大学', 'energy')).body.error.details).toEqual([{ path: 'nomination.field', message: '不是本次评选活动的业务领域' }]);
  const self = await api.post('/api/campaigns/sc-2026/nominations', nominationForm(sampleNomination({ channel: 'self', recommendingUnit: '某中学', field: 'greening' })));
  expect(self.body.error.code).toBe('self-nomination-closed');
});

test('the cases route to the campaign’s own reviewers, and one reaches the notice with the committee member of its unit recused', async () => {
  const caseId = ids.greenCase;
  const wgGreen = await acceptInvitation('wg-green', 'wg-green@province.test');
  const wgFood = await acceptInvitation('wg-food', 'wg-food@province.test');
  const brGreen = await acceptInvitation('br-green', 'br-green@province.test');
  const [cm1, cm2, cm3] = await Promise.all(['cm-1', 'cm-2', 'cm-3'].map((u) => acceptInvitation(u, `${u}@province.test`)));

  expect((await decide(secretariat, caseId, 'seal-check', { decision: 'approve' })).status).toBe(200);
  expect((await decide(wgGreen, caseId, 'field-review', { decision: 'pass' })).status).toBe(200);
  expect((await wgFood.get('/api/inbox')).body.tasks.map((t: { caseId: string }) => t.caseId)).not.toContain(caseId);
  expect((await wgFood.get(`/api/nominations/${caseId}`)).status).toBe(404);
  expect((await decide(brGreen, caseId, 'branch-shortlist', { decision: 'shortlist' })).status).toBe(200);

  // cm-1 belongs to the recommending unit: the committee task is not in its inbox, and deciding it is refused.
  const inbox = await eventually(() => cm2.get('/api/inbox?kind=committee-review'), (r) => r.body.tasks?.some((t: { caseId: string }) => t.caseId === caseId));
  const task = inbox.body.tasks.find((t: { caseId: string }) => t.caseId === caseId);
  expect((await cm1.get('/api/inbox?kind=committee-review')).body.tasks).toEqual([]);
  expect((await cm1.post(`/api/tasks/${task.id}/complete`, { decision: 'approve', score: 95 })).body.error.code).toBe('conflict-of-interest');
  // The quorum is 3, but only two members may vote on this case: two votes decide it.
  expect((await cm2.post(`/api/tasks/${task.id}/complete`, { decision: 'approve', score: 90 })).status).toBe(200);
  expect((await cm3.post(`/api/tasks/${task.id}/complete`, { decision: 'approve', score: 88 })).status).toBe(200);
  await eventually(() => secretariat.get(`/api/nominations/${caseId}`), (r) => r.body.status === 'awaiting-selection');

  // The other nominations are still at the seal check: the close says so and goes ahead only when forced.
  const refused = await secretariat.post('/api/campaigns/sc-2026/committee/close', {});
  expect([refused.status, refused.body.error.code]).toEqual([409, 'review-open']);
  const closed = await secretariat.post('/api/campaigns/sc-2026/committee/close', { force: true });
  expect([closed.status, closed.body]).toMatchObject([200, { winners: [caseId] }]);
  const notice = await eventually(() => api.get('/api/public/campaigns/sc-2026/notice'), (r) => r.body.entries?.length === 1);
  // The notice names the nominee's own employer, not the bureau that recommended them.
  expect(notice.body.entries[0]).toMatchObject({ caseId, unit: '示例市第一中学', field: 'greening' });
});

test('no case waits on a quorum it cannot reach: the dashboard shows it, and a member added to the committee decides it', async () => {
  const sc = await secretariat.get('/api/campaigns/sc-2026');
  const cityA = await api.login('city-a', 'city-a-Xk9#mQ2vLp');
  // A second campaign whose whole committee is from the nominating unit.
  const res = await secretariat.post('/api/campaigns', {
    code: 'sc-2026-b',
    title: '四川省推荐活动（补充）',
    submissionDeadline: new Date(Date.now() + 86_400_000).toISOString(),
    reviewDeadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    copyFrom: 'sc-2026',
    committee: [ids['cm-1']],
    committeeQuorum: 1,
  });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ fields: sc.body.fields, unitKinds: sc.body.unitKinds, criteria: sc.body.criteria, copiedFrom: 'sc-2026' });
  const submitted = await cityA.post('/api/campaigns/sc-2026-b/nominations', nominationForm(sampleNomination({ recommendingUnit: '示例市教育局', field: 'greening' })));
  const caseId = submitted.body.caseId as string;
  const wgGreen = await api.login('wg-green', 'wg-green-Xk9#mQ2vLp');
  const brGreen = await api.login('br-green', 'br-green-Xk9#mQ2vLp');
  await decide(secretariat, caseId, 'seal-check', { decision: 'approve' });
  // wg-green serves sc-2026 only: this campaign's field review is not in its inbox.
  await eventually(() => secretariat.get(`/api/nominations/${caseId}`), (r) => r.body.status === 'field-review');
  expect((await wgGreen.get('/api/inbox')).body.tasks.map((t: { caseId: string }) => t.caseId)).not.toContain(caseId);
  await secretariat.patch(`/api/users/${ids['wg-green']}`, { campaigns: ['sc-2026', 'sc-2026-b'] });
  await secretariat.patch(`/api/users/${ids['br-green']}`, { campaigns: ['sc-2026', 'sc-2026-b'] });
  await decide(wgGreen, caseId, 'field-review', { decision: 'pass' });
  await decide(brGreen, caseId, 'branch-shortlist', { decision: 'shortlist' });
  await eventually(() => secretariat.get(`/api/nominations/${caseId}`), (r) => r.body.status === 'committee-review');

  const summary = await secretariat.get('/api/campaigns/sc-2026-b/summary');
  expect(summary.body.undecidable).toEqual([{ caseId, nominee: expect.any(String), unit: '示例市教育局' }]);

  await secretariat.patch('/api/campaigns/sc-2026-b', { committee: [ids['cm-1'], ids['cm-2']] });
  expect((await secretariat.get('/api/campaigns/sc-2026-b/summary')).body.undecidable).toEqual([]);
  const cm2 = await api.login('cm-2', 'cm-2-Xk9#mQ2vLp');
  expect((await decide(cm2, caseId, 'committee-review', { decision: 'approve', score: 80 })).status).toBe(200);
  await eventually(() => secretariat.get(`/api/nominations/${caseId}`), (r) => r.body.status === 'awaiting-selection');
});
