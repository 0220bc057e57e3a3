import { ApiClient, announceAfterNotice, eventually, nominationForm, sampleNomination } from '../support/http';
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

async function taskOf(as: ApiClient, caseId: string, kind: string) {
  const inbox = await eventually(() => as.get(`/api/inbox?kind=${kind}`), (r) => r.body.tasks?.some((t: { caseId: string }) => t.caseId === caseId));
  return inbox.body.tasks.find((t: { caseId: string }) => t.caseId === caseId) as { id: string };
}

test('committee quorum with recusal, an objection dismissed, fraud upheld during the notice: every step undone and the reserve promoted', async () => {
  const secretariat = await api.login('secretariat');
  const campaignId = 'rules-e2e';
  expect(
    (
      await secretariat.post('/api/campaigns', {
        code: campaignId,
        title: '规则端到端',
        submissionDeadline: new Date(Date.now() + 86_400_000).toISOString(),
        reviewDeadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        winnerCap: 1,
        committeeQuorum: 2,
        publicNoticePeriod: 'PT6S',
      })
    ).status,
  ).toBe(201);

  const member = await api.login('member-1');
  const assoc = await api.login('assoc-1');
  const a = await member.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination({ recommendingUnit: '示例大学', applicantEmail: 'a@example.test' })));
  const b = await assoc.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination({ applicantEmail: 'b@example.test' })));
  const [caseA, caseB] = [a.body.caseId as string, b.body.caseId as string];

  const wg = await api.login('wg-catering');
  const branch = await api.login('branch-catering');
  for (const id of [caseA, caseB]) {
    await secretariat.post(`/api/tasks/${(await taskOf(secretariat, id, 'seal-check')).id}/complete`, { decision: 'approve' });
    await wg.post(`/api/tasks/${(await taskOf(wg, id, 'field-review')).id}/complete`, { decision: 'pass' });
    await branch.post(`/api/tasks/${(await taskOf(branch, id, 'branch-shortlist')).id}/complete`, { decision: 'shortlist' });
  }

  const [c1, c2, c3] = [await api.login('committee1'), await api.login('committee2'), await api.login('committee3')];
  const committeeTaskA = await taskOf(c2, caseA, 'committee-review');
  // committee1 belongs to the unit that recommended case A: the task is not in their inbox, and deciding it is refused and recorded.
  expect((await c1.get('/api/inbox?kind=committee-review')).body.tasks.map((t: { caseId: string }) => t.caseId)).not.toContain(caseA);
  const recused = await c1.post(`/api/tasks/${committeeTaskA.id}/complete`, { decision: 'approve', score: 100 });
  expect(recused.status).toBe(403);
  expect(recused.body.error.code).toBe('conflict-of-interest');
  expect(await system.db.auditEntry.count({ where: { caseId: caseA, action: 'decision-refused' } })).toBe(1);

  expect((await c2.post(`/api/tasks/${committeeTaskA.id}/complete`, { decision: 'approve', score: 90 })).body.caseStatus).toBe('committee-review');
  const twice = await c2.post(`/api/tasks/${committeeTaskA.id}/complete`, { decision: 'approve', score: 99 });
  expect(twice.status).toBe(409);
  expect(twice.body.error.code).toBe('already-scored');
  // A member who voted no longer sees the task; one who has not, still does.
  const committeeInbox = async (member: ApiClient) => (await member.get('/api/inbox?kind=committee-review')).body.tasks.map((t: { caseId: string }) => t.caseId);
  expect(await committeeInbox(c2)).not.toContain(caseA);
  expect(await committeeInbox(c3)).toContain(caseA);
  expect((await c3.post(`/api/tasks/${committeeTaskA.id}/complete`, { decision: 'approve', score: 81 })).body.caseStatus).toBe('awaiting-selection');
  const committeeTaskB = await taskOf(c2, caseB, 'committee-review');
  await c1.post(`/api/tasks/${committeeTaskB.id}/complete`, { decision: 'approve', score: 70 });
  await c2.post(`/api/tasks/${committeeTaskB.id}/complete`, { decision: 'approve', score: 60 });
  expect((await secretariat.get(`/api/nominations/${caseA}`)).body.score).toBe(85.5);

  const round = await secretariat.post(`/api/campaigns/${campaignId}/committee/close`);
  expect(round.body).toMatchObject({ winners: [caseA], notSelected: [caseB] });
  await eventually(() => secretariat.get(`/api/nominations/${caseA}`), (r) => r.body.status === 'public-notice');

  // An objection from the public opens a task for the secretariat; dismissed, it changes nothing.
  const objection = await api.post(`/api/public/campaigns/${campaignId}/objections`, { caseId: caseA, reason: '事迹描述与事实不符', contact: '匿名' });
  expect(objection.status).toBe(202);
  const objectionTask = await taskOf(secretariat, caseA, 'objection-review');
  // The secretariat rules with the objection in front of it: grounds and contact, then the ruling beside them.
  const before = await secretariat.get(`/api/nominations/${caseA}`);
  expect(before.body.objections).toEqual([expect.objectContaining({ reason: '事迹描述与事实不符', contact: '匿名', taskId: objectionTask.id })]);
  expect((await secretariat.post(`/api/tasks/${objectionTask.id}/complete`, { decision: 'dismiss', comment: '经核实无据' })).body.caseStatus).toBe('public-notice');
  expect((await secretariat.get(`/api/nominations/${caseA}`)).body.objections).toEqual([expect.objectContaining({ reason: '事迹描述与事实不符', ruling: 'dismiss', ruledAt: expect.any(String) })]);
  const lodged = await system.db.auditEntry.findFirstOrThrow({ where: { caseId: caseA, action: 'objection-lodged' } });
  expect(JSON.parse(lodged.details)).toMatchObject({ reason: '事迹描述与事实不符' });

  // Fraud found during the notice: upheld, the saga undoes every step.
  const report = await secretariat.post(`/api/nominations/${caseA}/fraud-reports`, { reason: '伪造获奖材料', evidence: '证明材料编号不符' });
  expect(report.status).toBe(202);
  const investigation = await taskOf(secretariat, caseA, 'fraud-investigation');
  const upheld = await secretariat.post(`/api/tasks/${investigation.id}/complete`, { decision: 'uphold', comment: '伪造获奖材料' });
  expect(upheld.body.caseStatus).toBe('disqualified');

  const notice = await eventually(() => api.get(`/api/public/campaigns/${campaignId}/notice`), (r) => r.body.entries.some((e: { caseId: string }) => e.caseId === caseB));
  expect(notice.body.entries.map((e: { caseId: string }) => e.caseId)).toEqual([caseB]);
  expect(notice.body.corrections).toEqual([expect.objectContaining({ caseId: caseA, kind: 'notice-withdrawn', reason: '伪造获奖材料' })]);
  const tasksA = await system.db.task.findMany({ where: { caseId: caseA, decision: { in: ['shortlist', 'approve'] } } });
  expect(tasksA.map((t) => [t.kind, Boolean(t.revokedAt)]).sort()).toEqual([['branch-shortlist', true], ['committee-review', true], ['seal-check', false]].sort());
  expect((await system.db.case.findUniqueOrThrow({ where: { id: caseA } })).selected).toBe(false);
  const memberUnit = (await system.db.user.findUniqueOrThrow({ where: { username: 'member-1' } })).unitId;
  expect((await system.db.quotaUsage.findFirstOrThrow({ where: { campaignId, unitKey: `unit:${memberUnit}` } })).used).toBe(1);

  await announceAfterNotice(secretariat, campaignId, [caseB]);
  const mail = await eventually(
    () => system.mail(),
    (m) => m.some((x) => x.to.includes('member-1@laurel.local')) && m.some((x) => x.to.includes('a@example.test') && x.subject.includes('已取消资格')),
  );
  expect(mail.find((x) => x.to.includes('member-1@laurel.local'))!.text).toContain('伪造获奖材料');
}, 180_000);
