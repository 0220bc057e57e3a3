import type { InboxFilter } from '../../db/tasks';
import { inboxTasks } from '../../db/tasks';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';

let t: TestDatabase;
const now = new Date('2030-03-10T00:00:00Z');
const overdueAt = new Date('2030-03-01T00:00:00Z');
const dueLater = new Date('2030-03-31T16:00:00Z');

async function caseWithTask(id: string, task: { group: string; dueAt?: Date; priority?: number; claimedBy?: string; escalated?: boolean; name?: string; unit?: string; createdAt?: Date }) {
  await t.db.case.create({
    data: {
      id, campaignId: 'c1', workflowId: `nomination-${id}`, channel: 'organisation', category: 'individual', field: 'catering', recommendingUnit: task.unit ?? '甲市协会',
      applicantEmail: `${id}@example.test`, nomineeName: task.name ?? `候选人${id}`, form: '{}', status: 'field-review',
    },
  });
  await t.db.task.create({
    data: {
      id: `task-${id}`, caseId: id, campaignId: 'c1', kind: task.group === 'committee' ? 'committee-review' : 'field-review', field: 'catering', candidateGroup: task.group, status: 'open',
      summary: id, dueAt: task.dueAt ?? dueLater, createdAt: task.createdAt ?? new Date('2030-03-02T00:00:00Z'), priority: task.priority ?? 0, maskedPhone: '',
      claimedBy: task.claimedBy ?? null, escalatedAt: task.escalated ? now : null,
    },
  });
}

const reviewer = (extra: Partial<InboxFilter> = {}): InboxFilter => ({ groups: ['working-group:catering'], servedCampaigns: [], committeeCampaigns: [], withEscalated: false, now, ...extra });
const ids = async (f: InboxFilter) => (await inboxTasks(t.db, f)).map((task) => task.caseId);

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.campaign.create({ data: { id: 'c1', code: 'c1', title: '测试活动', submissionDeadline: new Date('2030-02-28T16:00:00Z'), reviewDeadline: dueLater } });
  await t.db.user.create({ data: { id: 'm1', username: 'm1', roles: '["committee"]' } });
  await caseWithTask('a1', { group: 'working-group:catering', priority: 0 });
  await caseWithTask('a2', { group: 'working-group:catering', priority: 2 });
  await caseWithTask('a3', { group: 'working-group:catering', dueAt: overdueAt, claimedBy: 'u-me', name: '王小明' });
  await caseWithTask('a4', { group: 'working-group:catering', unit: '乙市协会', name: '100%_满意' });
  await caseWithTask('b1', { group: 'branch:catering', escalated: true });
  await caseWithTask('k1', { group: 'committee' });
  await caseWithTask('k2', { group: 'committee' });
  await t.db.committeeVote.create({ data: { id: 'task-k1.m1', taskId: 'task-k1', caseId: 'k1', memberId: 'm1', decision: 'approve', at: now } });
});
afterAll(async () => {
  await t?.drop();
});

describe('an inbox', () => {
  test('holds its groups’ open tasks, soonest due first, then most media awards, then oldest', async () => {
    expect(await ids(reviewer())).toEqual(['a3', 'a2', 'a1', 'a4']);
  });

  test('finds a nominee by part of the name, taking % and _ literally, and a case by part of its number in any case', async () => {
    expect(await ids(reviewer({ q: '小明' }))).toEqual(['a3']);
    expect(await ids(reviewer({ q: '%_' }))).toEqual(['a4']);
    expect(await ids(reviewer({ q: '0%' }))).toEqual(['a4']);
    expect(await ids(reviewer({ q: 'A2' }))).toEqual(['a2']);
  });

  test('splits overdue from not yet due, and claimed by me from unclaimed', async () => {
    expect(await ids(reviewer({ overdue: true }))).toEqual(['a3']);
    expect(await ids(reviewer({ overdue: false }))).toEqual(['a2', 'a1', 'a4']);
    expect(await ids(reviewer({ claimedBy: 'u-me' }))).toEqual(['a3']);
    expect(await ids(reviewer({ claimedBy: null }))).toEqual(['a2', 'a1', 'a4']);
  });

  test('leaves out the cases of the reviewer’s own unit, and the tasks a committee member voted on', async () => {
    expect(await ids(reviewer({ notOfUnit: '甲市协会' }))).toEqual(['a4']);
    expect(await ids({ ...reviewer(), groups: [], committeeCampaigns: ['c1'], excludeVotedBy: 'm1' })).toEqual(['k2']);
  });

  test('shows the secretariat every escalated task besides its own, and only the campaigns a reviewer serves', async () => {
    expect(await ids({ ...reviewer(), groups: [], withEscalated: true })).toEqual(['b1']);
    expect(await ids(reviewer({ servedCampaigns: ['c2'] }))).toEqual([]);
    expect(await ids(reviewer({ servedCampaigns: ['c1'], campaignId: 'c1' }))).toEqual(['a3', 'a2', 'a1', 'a4']);
  });
});
