import { rankSelectionPool, selectWinners } from '../../domain/ranking';

const c = (caseId: string, score: number, mediaAwardCount = 0, submittedAt = '2025-02-01T00:00:00Z') => ({ caseId, score, mediaAwardCount, submittedAt });

test('winners are the best scores first, up to the cap; the rest are not selected', () => {
  const r = selectWinners([c('a', 70), c('b', 95), c('c', 80)], 2);
  expect(r.winners).toEqual(['b', 'c']);
  expect(r.notSelected).toEqual(['a']);
});

test('equal scores are ordered by media awards, then by earlier submission, then by case id', () => {
  const r = selectWinners(
    [c('late', 90, 1, '2025-02-10T00:00:00Z'), c('z-early', 90, 1, '2025-02-01T00:00:00Z'), c('awarded', 90, 3), c('a-early', 90, 1, '2025-02-01T00:00:00Z')],
    3,
  );
  expect(r.winners).toEqual(['awarded', 'a-early', 'z-early']);
  expect(r.notSelected).toEqual(['late']);
});

test('the cap is never exceeded, even when the boundary is a tie', () => {
  const r = selectWinners([c('a', 90), c('b', 90), c('c', 90)], 2);
  expect(r.winners).toHaveLength(2);
});

test('the selection pool is ranked from the database rows: a missing score counts as 0 and the submission time breaks ties', () => {
  const row = (id: string, score: number | null, submittedAt: string) => ({ id, score, mediaAwardCount: 0, submittedAt: new Date(submittedAt) });
  const r = rankSelectionPool([row('unscored', null, '2025-02-01T00:00:00Z'), row('later', 70, '2025-02-03T00:00:00Z'), row('earlier', 70, '2025-02-02T00:00:00Z')], 2);
  expect(r.winners).toEqual(['earlier', 'later']);
  expect(r.notSelected).toEqual(['unscored']);
});
