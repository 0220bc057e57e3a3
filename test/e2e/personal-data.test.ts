import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { payloadKeyRing } from '../../config';
import { decryptPayloadsIn, encryptingDataConverter } from '../../config/payload-codec';
import { campaignWorkflowId, caseWorkflowId, committeeRoundWorkflowId } from '../../workflows/contract';
import { ApiClient, announceAfterNotice, eventually, nominationForm, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

// Made-up values, unusual enough that any hit is a leak and not a coincidence.
const SELF = { phone: '13907315526', age: 53, email: 'pd-self-7315@example.test' };
const TEAM = { phone: '13507319914', contactPhone: '18674402263', email: 'pd-team-4402@example.test' };
const REPORTED = { phone: '15873306617', age: 67, email: 'pd-reported-3306@example.test' };
const ETHNICITY = '鄂伦春族';
const POLITICAL = '九三学社社员';
const APPLICANTS = [SELF.email, TEAM.email, REPORTED.email];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const literal = (label: string, value: string) => ({ label, pattern: new RegExp(escape(value), 'g') });
/** An age counts as found when it stands as an age: `"age":53`, `age=53`, `53岁`. */
const age = (label: string, n: number) => ({ label, pattern: new RegExp(`["']?age["']?\\s*[:=]\\s*${n}\\b|\\b${n}\\s*(岁|周岁)`, 'gi') });

const NEEDLES = [
  literal('self-nomination phone', SELF.phone),
  literal('team nomination phone', TEAM.phone),
  literal('team contact phone', TEAM.contactPhone),
  literal('disqualified nominee phone', REPORTED.phone),
  age('self-nomination age', SELF.age),
  age('disqualified nominee age', REPORTED.age),
  ...APPLICANTS.map((email, i) => literal(`applicant email ${i + 1}`, email)),
  literal('ethnicity', ETHNICITY),
  literal('political affiliation', POLITICAL),
];

const root = path.resolve(__dirname, '..', '..');
let system: System;
let worker: ChildProcess | undefined;
const apiLog: string[] = [];
const workerOutput: string[] = [];

/** The worker as in production, a process of its own: its output is part of what is scanned. */
function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'worker', 'main.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => workerOutput.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      workerOutput.push(chunk.toString());
      if (chunk.toString().includes('polling task queue')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}: ${workerOutput.join('')}`)));
  });
}

/** A history as the Temporal Web UI presents it: every bytes field read as UTF-8 (proto messages' own toJSON would give base64). */
function readable(message: unknown): string {
  const plain = (node: unknown): unknown => {
    if (node instanceof Uint8Array) return Buffer.from(node).toString('utf8');
    if (Array.isArray(node)) return node.map(plain);
    if (typeof node === 'object' && node !== null) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, plain(v)]));
    return node;
  };
  return JSON.stringify(plain(message));
}

beforeAll(async () => {
  system = await startSystem({ log: (line) => apiLog.push(line) });
  worker = await startWorkerProcess(system.processEnv);
});
afterAll(async () => {
  if (worker && worker.exitCode === null) {
    const exited = new Promise((resolve) => worker!.once('exit', resolve));
    worker.kill('SIGKILL');
    await exited;
  }
  await system?.stop();
});

async function taskOf(as: ApiClient, caseId: string, kind: string) {
  const inbox = await eventually(() => as.get(`/api/inbox?kind=${kind}`), (r) => r.body.tasks?.some((t: { caseId: string }) => t.caseId === caseId));
  return inbox.body.tasks.find((t: { caseId: string }) => t.caseId === caseId) as { id: string };
}

async function decide(as: ApiClient, caseId: string, kind: string, body: Record<string, unknown>) {
  const done = await as.post(`/api/tasks/${(await taskOf(as, caseId, kind)).id}/complete`, body);
  expect(done.status).toBe(200);
  return done.body.caseStatus as string;
}

test('after a full run, no phone, age, applicant email, ethnicity or political affiliation is in the public notice, the logs, emails to others or the raw Temporal history — the codec is what hides them there', async () => {
  const api = new ApiClient(system.baseUrl);
  const secretariat = await api.login('secretariat');
  const unit = await api.login('assoc-1');
  const created = await secretariat.post('/api/campaigns', {
    committeeQuorum: 1,
    code: 'personal-data-scan',
    title: '个人信息扫描（测试）',
    submissionDeadline: new Date(Date.now() + 86_400_000).toISOString(),
    reviewDeadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    winnerCap: 2,
    publicNoticePeriod: 'PT3S',
  });
  expect(created.status).toBe(201);
  const campaignId = created.body.id as string;

  const person = { ethnicity: ETHNICITY, politicalAffiliation: POLITICAL };
  const self = await api.post(
    `/api/campaigns/${campaignId}/nominations`,
    nominationForm(sampleNomination({ channel: 'self', applicantEmail: SELF.email, phone: SELF.phone, nominee: { name: '扫描自荐人', gender: '男', age: SELF.age, ...person } })),
  );
  const team = await unit.post(
    `/api/campaigns/${campaignId}/nominations`,
    nominationForm(
      sampleNomination({
        category: 'team',
        applicantEmail: TEAM.email,
        phone: TEAM.phone,
        nominee: undefined,
        team: { name: '扫描测试膳食保障团队', foundedOn: '2015-09-01', contactName: '扫描联系人', contactPhone: TEAM.contactPhone, memberCount: 12 },
      }),
    ),
  );
  const reported = await unit.post(
    `/api/campaigns/${campaignId}/nominations`,
    nominationForm(sampleNomination({ applicantEmail: REPORTED.email, phone: REPORTED.phone, nominee: { name: '扫描被举报人', gender: '女', age: REPORTED.age, ...person } })),
  );
  for (const res of [self, team, reported]) expect(res.status).toBe(201);
  const [selfId, teamId, reportedId] = [self.body.caseId as string, team.body.caseId as string, reported.body.caseId as string];

  // Emails to others: a review reminder (the 1-day reminder, brought forward by moving the review deadline)…
  for (const id of [selfId, teamId, reportedId]) await taskOf(secretariat, id, 'seal-check');
  const moved = await secretariat.patch(`/api/campaigns/${campaignId}/deadlines`, { reviewDeadline: new Date(Date.now() + 86_400_000 + 8_000).toISOString() });
  expect(moved.status).toBe(200);
  await eventually(() => system.mail(), (m) => m.some((x) => x.to.includes('secretariat@laurel.local') && x.subject.includes('评审截止还有 1 天')));

  // A reviewer's free-text note is the one way personal data can enter a workflow: only the codec keeps it out of Temporal.
  expect(await decide(secretariat, selfId, 'seal-check', { decision: 'approve', comment: `已致电 ${SELF.phone} 核实本人意愿` })).toBe('field-review');
  expect(await decide(secretariat, teamId, 'seal-check', { decision: 'approve' })).toBe('field-review');
  expect(await decide(secretariat, reportedId, 'seal-check', { decision: 'approve' })).toBe('field-review');

  // …and the notice to the recommending unit when a case is disqualified.
  expect((await secretariat.post(`/api/nominations/${reportedId}/fraud-reports`, { reason: '获奖证书与发证单位记录不符', evidence: '发证单位回函' })).status).toBe(202);
  expect(await decide(secretariat, reportedId, 'fraud-investigation', { decision: 'uphold', comment: '获奖证书与发证单位记录不符' })).toBe('disqualified');

  const [wg, branch, committee] = [await api.login('wg-catering'), await api.login('branch-catering'), await api.login('committee2')];
  for (const id of [selfId, teamId]) {
    expect(await decide(wg, id, 'field-review', { decision: 'pass' })).toBe('branch-shortlist');
    expect(await decide(branch, id, 'branch-shortlist', { decision: 'shortlist' })).toBe('committee-review');
    expect(await decide(committee, id, 'committee-review', { decision: 'approve', score: 90 })).toBe('awaiting-selection');
  }
  const round = await secretariat.post(`/api/campaigns/${campaignId}/committee/close`);
  expect(round.status).toBe(200);
  expect([...round.body.winners].sort()).toEqual([selfId, teamId].sort());

  const duringNotice = await eventually(() => api.get(`/api/public/campaigns/${campaignId}/notice`), (r) => r.body.entries?.length === 2);
  await announceAfterNotice(secretariat, campaignId, [selfId, teamId]);
  const afterAnnouncement = await api.get(`/api/public/campaigns/${campaignId}/notice`);
  const mail = await eventually(
    () => system.mail(),
    (m) => m.some((x) => x.to.includes('assoc-1@laurel.local') && x.subject.includes('取消参评资格')) && m.some((x) => x.to.includes(SELF.email) && x.subject.includes('已通报')),
  );
  const toOthers = mail.filter((x) => !x.to.some((r) => APPLICANTS.includes(r)));
  expect(toOthers.length).toBeGreaterThanOrEqual(2);

  // The raw history, as the Temporal server stores it and its Web UI shows it: read by a client without the codec.
  const plain = new Client({ connection: system.env.connection, namespace: system.config.temporal.namespace });
  const workflowIds = [...[selfId, teamId, reportedId].map(caseWorkflowId), campaignWorkflowId(campaignId), committeeRoundWorkflowId(campaignId)];
  const raw = await Promise.all(
    workflowIds.map(async (id) => {
      const handle = plain.workflow.getHandle(id);
      const { raw: description } = await handle.describe();
      return { id, history: await handle.fetchHistory(), description };
    }),
  );

  const places: { place: string; texts: string[] }[] = [
    { place: 'public notice', texts: [JSON.stringify(duringNotice.body), JSON.stringify(afterAnnouncement.body)] },
    { place: 'API log', texts: apiLog },
    { place: 'worker output', texts: workerOutput },
    { place: 'emails to others', texts: toOthers.map((m) => JSON.stringify(m)) },
    { place: 'raw Temporal history, ids, memos, search attributes', texts: raw.flatMap((r) => [r.id, readable(r.history), readable(r.description)]) },
  ];
  const hits: string[] = [];
  for (const { place, texts } of places)
    for (const { label, pattern } of NEEDLES) {
      const n = texts.reduce((sum, t) => sum + (t.match(pattern)?.length ?? 0), 0);
      if (n > 0) hits.push(`${label} in ${place}: ${n}`);
    }
  console.log(
    `personal-data scan: ${NEEDLES.length} strings × ${places.length} places = ${NEEDLES.length * places.length} checks ` +
      `(${places.map((p) => `${p.place}: ${p.texts.length}`).join('; ')}), hits: ${hits.length}${hits.length ? `\n  ${hits.join('\n  ')}` : ''}`,
  );
  expect(hits).toEqual([]);

  // The same history decrypted with the key does hold the reviewer's note: the codec, not luck, hid it.
  const selfHistory = raw[0].history;
  expect(readable(selfHistory)).not.toContain(SELF.phone);
  await decryptPayloadsIn(selfHistory, payloadKeyRing(system.config));
  expect(readable(selfHistory)).toContain(SELF.phone);

  // Laurel's own replay reads the encrypted history through the codec.
  const encrypted = await plain.workflow.getHandle(caseWorkflowId(selfId)).fetchHistory();
  await Worker.runReplayHistory(
    { workflowsPath: require.resolve('../../workflows'), dataConverter: encryptingDataConverter(payloadKeyRing(system.config)) },
    encrypted,
    caseWorkflowId(selfId),
  );
}, 300_000);
