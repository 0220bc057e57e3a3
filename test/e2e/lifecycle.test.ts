import { ApiClient, eventually, nominationForm, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

let system: System;
let api: ApiClient;

beforeAll(async () => {
  system = await startSystem();
  await system.startWorker();
  api = new ApiClient(system.baseUrl);
});
afterAll(async () => {
  await system?.stop();
});

async function decideOnlyTask(as: ApiClient, caseId: string, kind: string, body: Record<string, unknown>) {
  const inbox = await eventually(
    () => as.get(`/api/inbox?kind=${kind}`),
    (r) => r.status === 200 && r.body.tasks.some((t: { caseId: string }) => t.caseId === caseId),
  );
  const task = inbox.body.tasks.find((t: { caseId: string }) => t.caseId === caseId);
  expect((await as.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
  const done = await as.post(`/api/tasks/${task.id}/complete`, body);
  expect(done.status).toBe(200);
  expect(done.body.task).toMatchObject({ id: task.id, status: 'completed', decision: body.decision });
  return done.body.caseStatus as string;
}

test('a nomination submitted over HTTP is driven by the seeded staff through every stage to announced, and the applicant is emailed at each', async () => {
  const secretariat = await api.login('secretariat');
  const created = await secretariat.post('/api/campaigns', {
    committeeQuorum: 1,
    code: 'e2e-2024',
    title: '2024年度最美后勤人（测试）',
    submissionDeadline: new Date(Date.now() + 86_400_000).toISOString(),
    reviewDeadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    winnerCap: 1,
    publicNoticePeriod: 'PT3S',
  });
  expect(created.status).toBe(201);
  const campaignId = created.body.id as string;

  const unit = await api.login('assoc-1');
  const nomination = sampleNomination({ applicantEmail: 'e2e-applicant@example.test' });
  const submitted = await unit.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(nomination));
  expect(submitted.status).toBe(201);
  expect(submitted.body.status).toBe('seal-check');
  const caseId = submitted.body.caseId as string;

  expect(await decideOnlyTask(secretariat, caseId, 'seal-check', { decision: 'approve' })).toBe('field-review');
  expect(await decideOnlyTask(await api.login('wg-catering'), caseId, 'field-review', { decision: 'pass' })).toBe('branch-shortlist');
  expect(await decideOnlyTask(await api.login('branch-catering'), caseId, 'branch-shortlist', { decision: 'shortlist' })).toBe('committee-review');
  expect(await decideOnlyTask(await api.login('committee1'), caseId, 'committee-review', { decision: 'approve', score: 88 })).toBe('awaiting-selection');

  const round = await secretariat.post(`/api/campaigns/${campaignId}/committee/close`);
  expect(round.status).toBe(200);
  expect(round.body).toMatchObject({ winners: [caseId], notSelected: [] });

  const notice = await eventually(
    () => api.get(`/api/public/campaigns/${campaignId}/notice`),
    (r) => r.body.entries?.length === 1,
  );
  expect(notice.body.entries[0]).toEqual({ caseId, name: nomination.nominee.name, unit: nomination.nomineeUnit, field: 'catering', category: 'individual' });
  expect(JSON.stringify(notice.body)).not.toContain(nomination.phone);

  // The notice ends; nothing is announced until the secretariat announces (择期通报).
  await eventually(() => unit.get(`/api/nominations/${caseId}`), (r) => r.body.status === 'notice-ended');
  expect((await api.get(`/api/public/campaigns/${campaignId}/announcement`)).body).toMatchObject({ announcedAt: null, honourees: [] });
  expect((await api.get(`/api/public/campaigns/${campaignId}/notice`)).body.objectionsOpen).toBe(false);
  const announcement = await secretariat.post(`/api/campaigns/${campaignId}/announcement`, {});
  expect(announcement.status).toBe(202);
  expect(announcement.body.cases).toBe(1);
  const final = await eventually(() => unit.get(`/api/nominations/${caseId}`), (r) => r.body.status === 'announced');
  expect(final.body.timeline.map((e: { status: string }) => e.status)).toEqual([
    'seal-check', 'field-review', 'branch-shortlist', 'committee-review', 'awaiting-selection', 'public-notice', 'notice-ended', 'announced',
  ]);
  const published = await eventually(() => api.get(`/api/public/campaigns/${campaignId}/announcement`), (r) => r.body.honourees?.length === 1);
  expect(published.body.honourees).toEqual([{ caseId, name: nomination.nominee.name, unit: nomination.nomineeUnit, field: 'catering', category: 'individual' }]);
  expect(final.body.openTasks).toEqual([]);

  const mail = await eventually(
    () => system.mail(),
    (m) => m.filter((x) => x.to.includes('e2e-applicant@example.test')).length >= 8 && m.some((x) => x.to.includes('assoc-1@laurel.local')),
  );
  const subjects = mail.filter((x) => x.to.includes('e2e-applicant@example.test')).map((x) => x.subject);
  expect(subjects).toHaveLength(8);
  for (const label of ['公章审核', '业务领域审核', '分支机构遴选', '评审委员会评审', '等待评选结果', '公示中', '公示期满，待通报', '已通报'])
    expect(subjects.some((s) => s.includes(label))).toBe(true);
  // The recommending unit is told too, at the announcement.
  expect(mail.find((x) => x.to.includes('assoc-1@laurel.local'))!.subject).toContain('已获正式通报');
});
