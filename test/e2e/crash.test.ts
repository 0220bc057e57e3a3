import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ApiClient, announceAfterNotice, eventually, nominationForm, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

const CASES = 24;
const STATUSES_PER_CASE = 8;
const root = path.resolve(__dirname, '..', '..');

let system: System;
const workers = new Set<ChildProcess>();

function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  // Node itself with tsx as a loader: the tsx CLI would run the worker in a grandchild that SIGKILL misses.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'worker', 'main.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.add(child);
  child.once('exit', () => workers.delete(child));
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('polling task queue')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => {
  await Promise.all([...workers].map(killed));
  await system?.stop();
});

test(`when the worker is SIGKILLed with ${CASES} cases in flight, a new worker completes every case and every email goes out, a second time only if a kill cut its delivery`, async () => {
  let worker = await startWorkerProcess(system.processEnv);
  const api = new ApiClient(system.baseUrl);
  const secretariat = await api.login('secretariat');
  const campaignId = (
    await secretariat.post('/api/campaigns', {
      committeeQuorum: 1,
      code: 'crash-test',
      title: '崩溃恢复测试',
      submissionDeadline: new Date(Date.now() + 86_400_000).toISOString(),
      reviewDeadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      winnerCap: CASES,
      publicNoticePeriod: 'PT5S',
    })
  ).body.id as string;

  const caseIds: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const res = await api.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination({ channel: 'self', field: 'catering' })));
    expect(res.status).toBe(201);
    caseIds.push(res.body.caseId);
  }

  const staff = {
    'seal-check': [secretariat, 'approve'],
    'field-review': [await api.login('wg-catering'), 'pass'],
    'branch-shortlist': [await api.login('branch-catering'), 'shortlist'],
    'committee-review': [await api.login('committee1'), 'approve'],
  } as const;

  async function decideStage(kind: keyof typeof staff) {
    const [as, decision] = staff[kind];
    const inbox = await eventually(() => as.get(`/api/inbox?kind=${kind}&campaignId=${campaignId}`), (r) => r.body.tasks.length === CASES);
    return inbox.body.tasks.map((t: { id: string }) =>
      as.post(`/api/tasks/${t.id}/complete`, { decision, ...(kind === 'committee-review' && { score: 80 }) }),
    ) as Promise<{ status: number }>[];
  }

  await Promise.all(await decideStage('seal-check'));
  // Field-review decisions go out, and the worker dies while they are being applied.
  const inFlight = await decideStage('field-review');
  await killed(worker);
  worker = await startWorkerProcess(system.processEnv);
  expect((await Promise.all(inFlight)).map((r) => r.status)).toEqual(Array(CASES).fill(200));
  for (const kind of ['branch-shortlist', 'committee-review'] as const) await Promise.all(await decideStage(kind));

  const round = await secretariat.post(`/api/campaigns/${campaignId}/committee/close`);
  expect(round.body.winners).toHaveLength(CASES);
  // And once more, while the winners sit in their public notice.
  await killed(worker);
  worker = await startWorkerProcess(system.processEnv);

  const finals = await announceAfterNotice(secretariat, campaignId, caseIds, 120_000);
  expect(finals).toHaveLength(CASES);

  const expected = CASES * STATUSES_PER_CASE;
  const outbox = await eventually(
    () => system.db.outbox.findMany({ where: { caseId: { in: caseIds } } }),
    (rows) => rows.length === expected && rows.every((r) => r.status === 'sent'),
  );
  const mail = await eventually(() => system.mail(), (m) => new Set(m.map((x) => x.messageId)).size >= expected);
  const transmissions = new Map<string, number>();
  for (const m of mail) transmissions.set(m.messageId, (transmissions.get(m.messageId) ?? 0) + 1);
  const cutAttempts = new Set(outbox.filter((r) => r.attempts > 1).map((r) => `<${r.id}@laurel>`));
  const duplicated = [...transmissions].filter(([, n]) => n > 1).map(([id]) => id);
  console.log(
    `crash test: ${CASES} cases in flight, ${finals.length} announced; emails expected ${expected}, distinct delivered ${transmissions.size}, ` +
      `SMTP transmissions ${mail.length}, deliveries cut by a kill ${cutAttempts.size}`,
  );
  expect(transmissions.size).toBe(expected);
  expect(outbox.map((r) => `<${r.id}@laurel>`).sort()).toEqual([...transmissions.keys()].sort());
  // A message goes out twice only when a kill cut its delivery after the server accepted it.
  for (const id of duplicated) expect(cutAttempts).toContain(id);
  await killed(worker);
}, 300_000);
