import { MockActivityEnvironment } from '@temporalio/testing';
import { createCaseActivities } from '../../activities/case-activities';
import type { CaseStep } from '../../workflows/contract';
import type { Mailer, OutgoingMail } from '../../mail/mailer';
import { createCommitteeActivities } from '../../activities/committee-activities';
import type { Db } from '../../db/client';
import { createTestDatabase } from '../support/database';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
const sent: OutgoingMail[] = [];
let failNextSend = false;
let refuseNextSend = false;
const mailer: Mailer = {
  async send(mail) {
    if (refuseNextSend) {
      refuseNextSend = false;
      throw Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 });
    }
    if (failNextSend) {
      failNextSend = false;
      throw new Error('SMTP 451 try again later');
    }
    await onSend?.(mail);
    sent.push(mail);
  },
  close() {},
};
/** Called as the fake mail server accepts a message, before the delivery records it. */
let onSend: ((mail: OutgoingMail) => Promise<void>) | undefined;
const mockEnv = new MockActivityEnvironment();
/** Runs an activity in a mock activity context, keeping its result type. */
const env = { run: <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A) => mockEnv.run(fn, ...args) as Promise<R> };
let activities: ReturnType<typeof createCaseActivities>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  activities = createCaseActivities({ db, mailer, mailFrom: 'Laurel <noreply@example.test>', publicUrl: 'http://laurel.test' });
  await db.campaign.create({
    data: { id: 'c1', code: 'c1', title: '测试活动', submissionDeadline: new Date('2030-02-28T16:00:00Z'), reviewDeadline: new Date('2030-03-31T16:00:00Z'), publicNoticePeriod: 'P7D' },
  });
});
afterAll(async () => {
  await database?.drop();
});

let n = 0;
async function newCase(overrides: Partial<{ score: number; mediaAwardCount: number; status: string; language: string }> = {}) {
  n += 1;
  const id = `case-${n}`;
  await db.case.create({
    data: {
      id, campaignId: 'c1', workflowId: `nomination-${id}`, channel: 'organisation', category: 'individual', field: 'catering',
      recommendingUnit: '示例市教育后勤协会', nomineeUnit: '示例大学', applicantEmail: `a${n}@example.test`, nomineeName: `候选人${n}`, form: JSON.stringify({ phone: '13800000000' }),
      status: 'seal-check', ...overrides,
    },
  });
  return id;
}

const step = (caseId: string, seq: number, extra: Partial<CaseStep> = {}): CaseStep => ({
  caseId, campaignId: 'c1', seq, at: new Date('2030-03-01T08:00:00Z').toISOString(), status: 'seal-check', ...extra,
});

test('a step writes the timeline, the projection, the task and one queued email, in one go', async () => {
  const caseId = await newCase();
  const { outboxIds } = await env.run(activities.recordCaseStep, step(caseId, 1, { openTask: { taskId: `${caseId}.t1`, kind: 'seal-check' } }));
  const task = await db.task.findUniqueOrThrow({ where: { id: `${caseId}.t1` } });
  expect(task).toMatchObject({ kind: 'seal-check', candidateGroup: 'secretariat', status: 'open', dueAt: new Date('2030-03-31T16:00:00Z') });
  expect(await db.timelineEntry.count({ where: { caseId } })).toBe(1);
  expect(outboxIds).toHaveLength(1);
  const mail = await db.outbox.findUniqueOrThrow({ where: { id: outboxIds[0] } });
  expect(mail.subject).toContain('公章审核');
  expect(mail.key).toBe(`${caseId}:1:status:seal-check:a${n}@example.test`);
});

test('a retried step changes nothing and returns the same email', async () => {
  const caseId = await newCase();
  const first = await env.run(activities.recordCaseStep, step(caseId, 1, { openTask: { taskId: `${caseId}.t1`, kind: 'seal-check' } }));
  const again = await env.run(activities.recordCaseStep, step(caseId, 1, { openTask: { taskId: `${caseId}.t1`, kind: 'seal-check' } }));
  expect(again.outboxIds).toEqual(first.outboxIds);
  expect(await db.task.count({ where: { caseId } })).toBe(1);
  expect(await db.outbox.count({ where: { caseId } })).toBe(1);
});

test('a late retry of an older step never overwrites a newer status', async () => {
  const caseId = await newCase();
  await env.run(activities.recordCaseStep, step(caseId, 1));
  await env.run(activities.recordCaseStep, step(caseId, 2, { status: 'field-review' }));
  await env.run(activities.recordCaseStep, step(caseId, 1));
  expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe('field-review');
});

test('a decision closes its task with who decided, and the email is in English when the case asks for it', async () => {
  const caseId = await newCase({ language: 'en' });
  await env.run(activities.recordCaseStep, step(caseId, 1, { openTask: { taskId: `${caseId}.t1`, kind: 'seal-check' } }));
  const { outboxIds } = await env.run(
    activities.recordCaseStep,
    step(caseId, 2, { status: 'rejected', note: 'no seal', actorId: 'u-9', closeTask: { taskId: `${caseId}.t1`, outcome: 'completed', decision: 'reject', comment: 'no seal', decidedBy: 'u-9' } }),
  );
  expect(await db.task.findUniqueOrThrow({ where: { id: `${caseId}.t1` } })).toMatchObject({ status: 'completed', decision: 'reject', decidedBy: 'u-9' });
  const kase = await db.case.findUniqueOrThrow({ where: { id: caseId } });
  expect(kase.closedAt).not.toBeNull();
  const mail = await db.outbox.findUniqueOrThrow({ where: { id: outboxIds[0] } });
  expect(mail.subject).toContain('Rejected');
  expect(mail.text).toContain('no seal');
});

test('an email is sent once, even when delivery is retried after it went out', async () => {
  const caseId = await newCase();
  const { outboxIds } = await env.run(activities.recordCaseStep, step(caseId, 1));
  const before = sent.length;
  failNextSend = true;
  await expect(env.run(activities.deliverEmail, outboxIds[0])).rejects.toThrow('451');
  expect((await db.outbox.findUniqueOrThrow({ where: { id: outboxIds[0] } })).lastError).toContain('451');
  await env.run(activities.deliverEmail, outboxIds[0]);
  await env.run(activities.deliverEmail, outboxIds[0]);
  expect(sent.length - before).toBe(1);
  expect(sent.at(-1)).toMatchObject({ to: `a${n}@example.test`, messageId: `<${outboxIds[0]}@laurel>` });
  expect(await db.outbox.findUniqueOrThrow({ where: { id: outboxIds[0] } })).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
});

test('a delivery writes nothing before the SMTP conversation, then the email sent, its try and its audit entry at once', async () => {
  const caseId = await newCase();
  const { outboxIds } = await env.run(activities.recordCaseStep, step(caseId, 1));
  const rowWhileSending: unknown[] = [];
  onSend = async () => void rowWhileSending.push(await db.outbox.findUniqueOrThrow({ where: { id: outboxIds[0] }, select: { status: true, attempts: true } }));
  try {
    await env.run(activities.deliverEmail, outboxIds[0]);
  } finally {
    onSend = undefined;
  }
  expect(rowWhileSending).toEqual([{ status: 'pending', attempts: 0 }]);
  expect(await db.outbox.findUniqueOrThrow({ where: { id: outboxIds[0] } })).toMatchObject({ status: 'sent', attempts: 1, sentAt: expect.any(Date) });
  expect(await db.auditEntry.count({ where: { caseId, action: 'email-sent' } })).toBe(1);
});

test("a delivery retried after a crash cut its try short counts that try: the activity's attempt number", async () => {
  const caseId = await newCase();
  const { outboxIds } = await env.run(activities.recordCaseStep, step(caseId, 1));
  // The first attempt's worker died during the SMTP conversation: nothing was recorded.
  await new MockActivityEnvironment({ attempt: 2 }).run(activities.deliverEmail, outboxIds[0]);
  expect(await db.outbox.findUniqueOrThrow({ where: { id: outboxIds[0] } })).toMatchObject({ status: 'sent', attempts: 2 });
});

test('an address the mail server refuses for good marks the email failed and audited, without holding the case back', async () => {
  const caseId = await newCase();
  const { outboxIds } = await env.run(activities.recordCaseStep, step(caseId, 1));
  const before = sent.length;
  refuseNextSend = true;
  await env.run(activities.deliverEmail, outboxIds[0]);
  await env.run(activities.deliverEmail, outboxIds[0]);
  expect(sent.length).toBe(before);
  expect(await db.outbox.findUniqueOrThrow({ where: { id: outboxIds[0] } })).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('550') });
  expect(await db.auditEntry.count({ where: { caseId, action: 'email-failed' } })).toBe(1);
});

test('publishing puts the winner on the notice without personal data; withdrawing takes it off', async () => {
  const caseId = await newCase();
  await env.run(activities.recordCaseStep, step(caseId, 1, { status: 'public-notice', notice: 'publish' }));
  const entry = await db.noticeEntry.findUniqueOrThrow({ where: { caseId } });
  expect(entry).toMatchObject({ name: `候选人${n}`, unit: '示例大学', field: 'catering', withdrawnAt: null });
  expect(JSON.stringify(entry)).not.toContain('13800000000');
  await env.run(activities.recordCaseStep, step(caseId, 2, { status: 'withdrawn', notice: 'withdraw' }));
  expect((await db.noticeEntry.findUniqueOrThrow({ where: { caseId } })).withdrawnAt).not.toBeNull();
});

test('closing the committee round ranks the pool once, equal scores sharing a rank whatever their awards; a case approved afterwards learns the round is closed', async () => {
  const committee = createCommitteeActivities({ db });
  await db.campaign.create({
    data: { id: 'c2', code: 'c2', title: '第二个活动', submissionDeadline: new Date('2030-02-28T16:00:00Z'), reviewDeadline: new Date('2030-03-31T16:00:00Z'), winnerCap: 2, publicNoticePeriod: 'PT1H' },
  });
  const ids: string[] = [];
  for (const [score, awards] of [[70, 0], [90, 0], [90, 2], [60, 5]]) {
    const id = await newCase({ score, mediaAwardCount: awards, status: 'awaiting-selection' });
    await db.case.update({ where: { id }, data: { campaignId: 'c2' } });
    ids.push(id);
  }
  const closedAt = '2030-04-01T00:00:00.000Z';
  const round = await env.run(committee.closeCommitteeRound, { campaignId: 'c2', closedAt });
  expect(round).toEqual({
    // Equal ranks in order of id.
    winners: [ids[1], ids[2]].sort(),
    notSelected: [ids[0], ids[3]],
    noticeEndsAt: '2030-04-01T01:00:00.000Z',
    ranks: { [ids[1]]: 1, [ids[2]]: 1, [ids[0]]: 3, [ids[3]]: 4 },
  });
  expect(await env.run(committee.closeCommitteeRound, { campaignId: 'c2', closedAt: '2030-04-02T00:00:00.000Z' })).toEqual(round);

  const late = await newCase({ status: 'committee-review' });
  await db.case.update({ where: { id: late }, data: { campaignId: 'c2' } });
  const entered = await env.run(activities.enterSelectionPool, { ...step(late, 1, { status: 'awaiting-selection', score: 99 }), campaignId: 'c2' });
  expect(entered.roundClosed).toBe(true);
});
