import { randomUUID } from 'node:crypto';
import { activeCaseIdsPage } from '../../db/campaign-clock';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

test('the running cases read a page at a time come in order of id, each once, without the finished or never-started ones', async () => {
  await t.db.campaign.create({
    data: { id: 'clock', code: 'clock', title: '时钟', submissionDeadline: new Date('2030-02-28T16:00:00Z'), reviewDeadline: new Date('2030-03-31T16:00:00Z') },
  });
  const kase = (status: string, lastSeq: number) => ({
    id: randomUUID(),
    campaignId: 'clock',
    workflowId: `wf-${randomUUID()}`,
    channel: 'self',
    category: 'individual',
    field: 'catering',
    recommendingUnit: '推荐单位',
    nomineeUnit: '示例学校',
    applicantEmail: `${randomUUID()}@example.test`,
    nomineeName: '候选人',
    form: '{}',
    status,
    lastSeq,
  });
  const running = [kase('seal-check', 1), kase('field-review', 3), kase('committee-review', 5), kase('public-notice', 8), kase('seal-check', 2)];
  await t.db.case.createMany({ data: [...running, kase('rejected', 4), kase('announced', 9), kase('seal-check', 0)] });

  const read: string[] = [];
  for (let page = await activeCaseIdsPage(t.db, 'clock', null, 2); page.length > 0; page = await activeCaseIdsPage(t.db, 'clock', read.at(-1)!, 2)) read.push(...page);

  expect(read).toEqual(running.map((c) => c.id).sort());
});
