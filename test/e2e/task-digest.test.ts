import { randomUUID } from 'node:crypto';
import { createTaskDigestActivities } from '../../activities/task-digest';
import { ensureTaskDigestSchedule } from '../../gateway/task-digest';
import type { CaughtMail } from '../../mail/caught-mail';
import { TASK_DIGEST_SCHEDULE_ID } from '../../workflows/contract';
import { emailDeliveryWorkflow } from '../../workflows/email';
import { taskDigestWorkflow } from '../../workflows/task-digest';
import { ApiClient, eventually, nominationForm, openCampaign, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

// Reviewers hear of the tasks that arrived for them in one email an hour at most. The schedule's
// hourly run is started by hand here, and "the next hour" is the activity asked with a later time.

const HOUR = 3_600_000;
const ASSOC_1_UNIT = '示例市教育后勤协会';
const ASSOC_2_UNIT = '样本省高校后勤协会';

let system: System;
let api: ApiClient;
let secretariat: ApiClient;

beforeAll(async () => {
  system = await startSystem();
  await system.startWorker();
  api = new ApiClient(system.baseUrl);
  secretariat = await api.login('secretariat');
}, 300_000);
afterAll(async () => {
  await system?.stop();
});

/** Another secretariat account, signed in with the demo password; of `unit` when given. */
async function secretariatAccount(username: string, unit?: string): Promise<ApiClient> {
  const { passwordHash } = await system.db.user.findUniqueOrThrow({ where: { username: 'secretariat' } });
  const unitId = unit ? (await system.db.unit.findFirstOrThrow({ where: { name: unit } })).id : null;
  await system.db.user.create({ data: { id: randomUUID(), username, displayName: username, email: `${username}@laurel.local`, roles: '["secretariat"]', passwordHash, unitId } });
  return api.login(username);
}

async function nominate(unit: ApiClient, campaignId: string, overrides: Record<string, unknown> = {}) {
  const nomination = sampleNomination(overrides);
  const res = await unit.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(nomination));
  expect(res.status).toBe(201);
  return { caseId: res.body.caseId as string, nominee: nomination.nominee.name, phone: nomination.phone, applicantEmail: nomination.applicantEmail };
}

async function openTaskOf(caseId: string, kind: string) {
  return eventually(() => system.db.task.findFirst({ where: { caseId, kind, status: 'open' } }), (t) => t !== null).then((t) => t!);
}

/** One run of the hourly schedule's workflow, started by hand: answers how many digests it queued. */
async function runDigest(): Promise<number> {
  return system.env.client.workflow.execute(taskDigestWorkflow, { taskQueue: system.config.temporal.taskQueue, workflowId: `task-digest-test-${randomUUID()}` });
}

async function digestRows() {
  return system.db.outbox.findMany({ where: { template: 'task-digest' }, orderBy: { createdAt: 'asc' } });
}

const isDigest = (m: CaughtMail) => m.subject.includes('新的待办任务');
async function digestsTo(address: string): Promise<CaughtMail[]> {
  return (await system.mail()).filter((m) => isDigest(m) && m.to.includes(address));
}

/** The run within one hour must not straddle two: near the end of an hour, wait for the next. */
async function awayFromTheHoursEnd(marginMs = 3 * 60_000) {
  const left = HOUR - (Date.now() % HOUR);
  if (left < marginMs) await new Promise((r) => setTimeout(r, left + 1_000));
}

test('tasks that arrive for reviewers are told in one digest each, soonest due first, never to a recused reviewer, a reviewer who turned it off, or a unit; within the hour nothing more, the next hour the new ones', async () => {
  await awayFromTheHoursEnd();
  const recused = await secretariatAccount('sec-recused', ASSOC_1_UNIT);
  const quiet = await secretariatAccount('sec-quiet');
  expect((await quiet.get('/api/auth/me')).body.user).toMatchObject({ username: 'sec-quiet', notifyByEmail: true });
  const off = await quiet.patch('/api/auth/me', { notifyByEmail: false });
  expect(off.status).toBe(200);
  expect(off.body.user).toMatchObject({ username: 'sec-quiet', roles: ['secretariat'], notifyByEmail: false });
  expect((await quiet.get('/api/auth/me')).body.user.notifyByEmail).toBe(false);
  expect(await system.db.auditEntry.count({ where: { action: 'notifications-changed', actorId: off.body.user.id } })).toBe(1);
  expect((await recused.get('/api/auth/me')).body.user).toMatchObject({ unit: ASSOC_1_UNIT, notifyByEmail: true });

  // Case A is due sooner (its campaign's review ends in two days, the demo campaign's in ninety).
  const soonTitle = '摘要测试活动';
  const soon = await openCampaign(secretariat, 'digest-e2e', soonTitle);
  const [assoc1, assoc2] = [await api.login('assoc-1'), await api.login('assoc-2')];
  const b = await nominate(assoc2, 'demo', { recommendingUnit: ASSOC_2_UNIT });
  const a = await nominate(assoc1, soon);
  await openTaskOf(a.caseId, 'seal-check');
  const sealB = await openTaskOf(b.caseId, 'seal-check');

  expect(await runDigest()).toBe(2);
  expect((await digestRows()).map((r) => r.recipient).sort()).toEqual(['sec-recused@laurel.local', 'secretariat@laurel.local']);
  const [toSecretariat] = await eventually(() => digestsTo('secretariat@laurel.local'), (m) => m.length === 1);
  expect(toSecretariat.subject).toBe('【最美后勤人评选平台】您有 2 项新的待办任务 / 2 new tasks in your inbox');
  const lines = toSecretariat.text.split('\n');
  const lineOf = (nominee: string) => lines.findIndex((l) => l.includes(nominee));
  expect(lineOf(a.nominee)).toBeGreaterThan(-1);
  expect(lineOf(a.nominee)).toBeLessThan(lineOf(b.nominee));
  expect(lines[lineOf(a.nominee)]).toMatch(/^1\. 公章审核 \/ Seal check｜摘要测试活动｜.+｜截止 Due \d{4}-\d\d-\d\d \d\d:\d\d$/);
  expect(lines[lineOf(b.nominee)]).toContain(`演示：年度最美后勤人推荐活动｜${sealB.summary}｜`);
  expect(toSecretariat.text).toContain(`${system.baseUrl}/inbox`);
  expect(toSecretariat.text.indexOf('您好')).toBeLessThan(toSecretariat.text.indexOf('Hello'));
  for (const personal of [a.phone, a.applicantEmail, b.applicantEmail]) expect(toSecretariat.text).not.toContain(personal);

  const [toRecused] = await eventually(() => digestsTo('sec-recused@laurel.local'), (m) => m.length === 1);
  expect(toRecused.subject).toContain('1 项');
  expect(toRecused.text).toContain(b.nominee);
  expect(toRecused.text).not.toContain(a.nominee);

  // Within the hour: new tasks wait for the next digest, and a reviewer hearing for the first time is told.
  const c = await nominate(assoc2, 'demo', { recommendingUnit: ASSOC_2_UNIT });
  expect((await secretariat.post(`/api/tasks/${sealB.id}/complete`, { decision: 'approve' })).status).toBe(200);
  await openTaskOf(c.caseId, 'seal-check');
  await openTaskOf(b.caseId, 'field-review');
  expect(await runDigest()).toBe(1);
  const [toWorkingGroup] = await eventually(() => digestsTo('wg-catering@laurel.local'), (m) => m.length === 1);
  expect(toWorkingGroup.text).toContain('业务领域审核 / Field review');
  expect(toWorkingGroup.text).toContain(b.nominee);
  expect(await digestsTo('secretariat@laurel.local')).toHaveLength(1);

  // The next hour, the tasks that arrived since are told (the activity asked with that hour's time).
  const { lastDigestAt } = await system.db.user.findUniqueOrThrow({ where: { username: 'secretariat' } });
  const nextHour = Math.max(Math.floor(lastDigestAt!.getTime() / HOUR) * HOUR + HOUR, Date.now());
  const digests = createTaskDigestActivities({ db: system.db, publicUrl: system.baseUrl });
  const queued = await digests.queueTaskDigests({ at: new Date(nextHour).toISOString() });
  expect(queued).toHaveLength(2);
  // A retried activity queues nothing twice: it answers the same emails while they wait to be sent.
  expect((await digests.queueTaskDigests({ at: new Date(nextHour).toISOString() })).sort()).toEqual([...queued].sort());
  for (const outboxId of queued)
    await system.env.client.workflow.execute(emailDeliveryWorkflow, { taskQueue: system.config.temporal.taskQueue, workflowId: `email-${outboxId}`, args: [{ outboxId }] });
  // The mailbox reads newest first.
  const [next] = await eventually(() => digestsTo('secretariat@laurel.local'), (m) => m.length === 2);
  expect(next.subject).toContain('1 项');
  expect(next.text).toContain(c.nominee);
  expect(next.text).not.toContain(a.nominee);
  expect(await eventually(() => digestsTo('sec-recused@laurel.local'), (m) => m.length === 2)).toHaveLength(2);
  expect(await digestsTo('wg-catering@laurel.local')).toHaveLength(1);

  // Nobody else was ever told: not the reviewer who turned it off, not the units, not the auditor.
  expect(new Set((await digestRows()).map((r) => r.recipient))).toEqual(new Set(['secretariat@laurel.local', 'sec-recused@laurel.local', 'wg-catering@laurel.local']));
  expect((await system.mail()).filter(isDigest).flatMap((m) => m.to).filter((to) => /sec-quiet|assoc-|member-|auditor/.test(to))).toEqual([]);
}, 300_000);

test('the schedule exists after ensureTaskDigestSchedule, hourly with overlaps skipped; a second call finds it', async () => {
  const { client } = system.env;
  const taskQueue = system.config.temporal.taskQueue;
  expect(await ensureTaskDigestSchedule(client, taskQueue)).toBe('created');
  expect(await ensureTaskDigestSchedule(client, taskQueue)).toBe('exists');
  const schedule = client.schedule.getHandle(TASK_DIGEST_SCHEDULE_ID);
  const described = await schedule.describe();
  expect(described.spec.intervals).toEqual([expect.objectContaining({ every: HOUR })]);
  expect(described.policies.overlap).toBe('SKIP');
  expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'taskDigestWorkflow', taskQueue });
  await schedule.delete();
});
