import { randomUUID } from 'node:crypto';
import { closeCommitteeRound, rankedCasesPage, storedCommitteeRound } from '../../db/committee-round';
import type { RankedCase } from '../../workflows/contract';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';

let t: TestDatabase;
// Ten times the national campaign: one update per case outlasted the transaction on PostgreSQL.
const POOL = 10_000;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.campaign.create({
    data: { id: 'c1', code: 'c1', title: '规模活动', submissionDeadline: new Date('2030-02-28T16:00:00Z'), reviewDeadline: new Date('2030-03-31T16:00:00Z'), winnerCap: 100, publicNoticePeriod: 'P7D' },
  });
  const rows = Array.from({ length: POOL }, (_, i) => ({
    id: randomUUID(),
    campaignId: 'c1',
    workflowId: `wf-${i}`,
    channel: 'self',
    category: 'individual',
    field: 'catering',
    recommendingUnit: `推荐单位${i % 40}`,
    nomineeUnit: '示例学校',
    applicantEmail: `n${i}@example.test`,
    nomineeName: `候选人${i}`,
    form: '{}',
    status: 'awaiting-selection',
    score: ((i * 37) % POOL) / 10,
  }));
  await t.db.case.createMany({ data: rows });
});
afterAll(async () => {
  await t?.drop();
});

test('closing a round over 10,000 cases, many statements’ worth, stores every case’s rank and selection, and a second close answers the same', async () => {
  const closedAt = new Date('2030-04-01T00:00:00.000Z');
  const round = await closeCommitteeRound(t.db, 'c1', closedAt);

  expect(round.winners).toHaveLength(100);
  expect(round.winners.length + round.notSelected.length).toBe(POOL);
  const stored = await t.db.case.findMany({ where: { campaignId: 'c1' }, select: { id: true, rank: true, selected: true, updatedAt: true } });
  const winners = new Set(round.winners);
  for (const c of stored) {
    expect({ id: c.id, rank: c.rank, selected: c.selected }).toEqual({ id: c.id, rank: round.ranks![c.id], selected: winners.has(c.id) });
    expect(c.updatedAt).toEqual(closedAt);
  }
  expect(await closeCommitteeRound(t.db, 'c1', new Date('2030-04-02T00:00:00.000Z'))).toEqual(round);
});

/** Every ranked case, read `limit` at a time as the round's workflow reads them. */
async function everyPage(campaignId: string, limit: number): Promise<{ pages: number; cases: RankedCase[] }> {
  const cases: RankedCase[] = [];
  let pages = 0;
  for (let page: RankedCase[] = []; pages === 0 || page.length === limit; pages++) {
    page = await rankedCasesPage(t.db, campaignId, cases.at(-1) ?? null, limit);
    cases.push(...page);
  }
  return { pages, cases };
}

test('the closed round read a page at a time yields every ranked case once, in rank order, and the stored outcome reads back as the close answered', async () => {
  const round = (await storedCommitteeRound(t.db, 'c1'))!;
  const { pages, cases } = await everyPage('c1', 500);

  expect(pages).toBe(21);
  expect(cases.map((c) => c.caseId)).toEqual([...round.winners, ...round.notSelected]);
  expect(cases.map((c) => [c.rank, c.selected])).toEqual(cases.map((c) => [round.ranks![c.caseId], round.winners.includes(c.caseId)]));
});

test('pages split a tie of cases sharing one rank without losing or repeating any', async () => {
  await t.db.campaign.create({
    data: { id: 'ties', code: 'ties', title: '并列', submissionDeadline: new Date('2030-02-28T16:00:00Z'), reviewDeadline: new Date('2030-03-31T16:00:00Z'), winnerCap: 4, publicNoticePeriod: 'P7D' },
  });
  await t.db.case.createMany({
    data: Array.from({ length: 12 }, (_, i) => ({
      id: randomUUID(),
      campaignId: 'ties',
      workflowId: `wf-ties-${i}`,
      channel: 'self',
      category: 'individual',
      field: 'catering',
      recommendingUnit: '推荐单位',
      nomineeUnit: '示例学校',
      applicantEmail: `tie${i}@example.test`,
      nomineeName: `并列${i}`,
      form: '{}',
      status: 'awaiting-selection',
      score: i % 3,
    })),
  });
  expect(await storedCommitteeRound(t.db, 'ties')).toBeNull();
  const round = await closeCommitteeRound(t.db, 'ties', new Date('2030-04-01T00:00:00.000Z'));

  const { cases } = await everyPage('ties', 5);
  expect(cases.map((c) => c.caseId)).toEqual([...round.winners, ...round.notSelected]);
  expect(cases.map((c) => c.rank)).toEqual([1, 1, 1, 1, 5, 5, 5, 5, 9, 9, 9, 9]);
});
