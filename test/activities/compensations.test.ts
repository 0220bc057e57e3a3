import { MockActivityEnvironment } from '@temporalio/testing';
import { createCompensations } from '../../activities/compensations';
import type { CompensationRequest, CompensationResult } from '../../workflows/contract';
import type { Db } from '../../db/client';
import { createTestDatabase } from '../support/database';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let compensate: (r: CompensationRequest) => Promise<CompensationResult>;
const mock = new MockActivityEnvironment();
const NOW = new Date('2030-04-01T00:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const { compensate: fn } = createCompensations({ db });
  compensate = (r) => mock.run(fn, r) as Promise<CompensationResult>;
  await db.campaign.create({
    data: {
      id: 'c1', code: 'c1', title: '补偿测试', submissionDeadline: new Date('2030-02-28T16:00:00Z'), reviewDeadline: new Date('2030-03-31T16:00:00Z'),
      publicNoticePeriod: 'P7D', roundClosedAt: new Date('2030-03-31T20:00:00Z'), noticeEndsAt: new Date('2030-04-07T20:00:00Z'), winnerCap: 1,
    },
  });
  await db.unit.create({ data: { id: 'unit-1', name: '示例大学', kind: 'member-unit' } });
  await db.user.create({ data: { id: 'u-unit', username: 'unit', passwordHash: 'x', roles: '["unit"]', unitId: 'unit-1', email: 'unit@example.test' } });
  const base = { campaignId: 'c1', channel: 'organisation', category: 'individual', field: 'catering', recommendingUnit: '示例大学', unitId: 'unit-1', form: '{}' };
  await db.case.create({ data: { ...base, id: 'winner', workflowId: 'w-1', applicantEmail: 'w@example.test', nomineeName: '甲', status: 'public-notice', rank: 1, selected: true } });
  await db.case.create({ data: { ...base, id: 'reserve-2', workflowId: 'w-2', applicantEmail: 'r2@example.test', nomineeName: '乙', status: 'not-selected', rank: 2, selected: false } });
  await db.case.create({ data: { ...base, id: 'reserve-3', workflowId: 'w-3', applicantEmail: 'r3@example.test', nomineeName: '丙', status: 'not-selected', rank: 3, selected: false } });
  await db.noticeEntry.create({ data: { caseId: 'winner', campaignId: 'c1', name: '甲', unit: '示例大学', field: 'catering', category: 'individual', publishedAt: NOW } });
  await db.task.create({
    data: { id: 'winner.t3', caseId: 'winner', campaignId: 'c1', kind: 'branch-shortlist', field: 'catering', candidateGroup: 'branch:catering', status: 'completed', summary: '', dueAt: NOW, createdAt: NOW, decision: 'shortlist' },
  });
});
afterAll(async () => {
  await database?.drop();
});

const request = (action: CompensationRequest['action']): CompensationRequest => ({ caseId: 'winner', campaignId: 'c1', action, reason: '材料造假', at: NOW.toISOString() });

test('revoking the winner during the notice promotes the best-ranked reserve, once, however often it is retried', async () => {
  const first = await compensate(request('revoke-winner'));
  const again = await compensate(request('revoke-winner'));
  expect(first.promoted).toMatchObject({ caseId: 'reserve-2', rank: 1, noticeEndsAt: '2030-04-08T00:00:00.000Z' });
  expect(again.promoted?.caseId).toBe('reserve-2');
  expect(await db.case.count({ where: { campaignId: 'c1', selected: true } })).toBe(1);
  expect((await db.case.findUniqueOrThrow({ where: { id: 'reserve-3' } })).selected).toBe(false);
});

test('withdrawing the notice entry publishes one correction however often it runs', async () => {
  await compensate(request('withdraw-notice'));
  await compensate(request('withdraw-notice'));
  expect((await db.noticeEntry.findUniqueOrThrow({ where: { caseId: 'winner' } })).withdrawnAt).toEqual(NOW);
  expect(await db.noticeCorrection.count({ where: { caseId: 'winner' } })).toBe(1);
});

test('revoking the shortlist marks the decision revoked, and the recommending unit is told once', async () => {
  await compensate(request('revoke-shortlist'));
  expect((await db.task.findUniqueOrThrow({ where: { id: 'winner.t3' } })).revokedAt).toEqual(NOW);
  const first = await compensate(request('notify-parties'));
  const again = await compensate(request('notify-parties'));
  expect(first.outboxIds).toHaveLength(1);
  expect(again.outboxIds).toEqual(first.outboxIds);
  expect((await db.outbox.findUniqueOrThrow({ where: { id: first.outboxIds![0] } })).recipient).toBe('unit@example.test');
});

test('each compensation is recorded once in the audit log', async () => {
  const actions = (await db.auditEntry.findMany({ where: { caseId: 'winner' } })).map((e) => e.action).sort();
  expect(actions).toEqual(['compensation:notify-parties', 'compensation:revoke-shortlist', 'compensation:revoke-winner', 'compensation:withdraw-notice']);
});
