import { rankSelectionPool, selectWinners } from '../../domain/ranking';

const c = (caseId: string, score: number) => ({ caseId, score });

test('winners are the best scores first, up to the cap; the rest are not selected', () => {
  const r = selectWinners([c('a', 70), c('b', 95), c('c', 80)], 2);
  expect(r.winners).toEqual(['b', 'c']);
  expect(r.notSelected).toEqual(['a']);
  expect(r.tiedAtCutOff).toBeNull();
});

test('every case tied with the last winner is a winner too: the cap is a target, "about 100"', () => {
  const r = selectWinners([c('a', 90), c('b', 85), c('c', 85), c('d', 85), c('e', 80)], 2);
  expect(r.winners.sort()).toEqual(['a', 'b', 'c', 'd']);
  expect(r.notSelected).toEqual(['e']);
  expect(r.tiedAtCutOff).toBe(85);
});

test('cases with the same score share a rank, and the next rank skips past them', () => {
  const r = selectWinners([c('a', 90), c('b', 85), c('c', 85), c('d', 70)], 4);
  expect(r.ranked.map((x) => [x.caseId, x.rank])).toEqual([['a', 1], ['b', 2], ['c', 2], ['d', 4]]);
});

test('neither arrival order nor case id decides a tie: reversing the input changes no one’s outcome', () => {
  const pool = [c('z', 88), c('a', 88), c('m', 88), c('b', 95)];
  const forward = selectWinners(pool, 2);
  const reversed = selectWinners([...pool].reverse(), 2);
  expect(new Set(forward.winners)).toEqual(new Set(reversed.winners));
  expect(new Set(forward.winners)).toEqual(new Set(['b', 'z', 'a', 'm']));
});

test('a tie below the cut-off stays outside it; a cap of zero selects no one', () => {
  const r = selectWinners([c('a', 90), c('b', 80), c('c', 80)], 1);
  expect(r.winners).toEqual(['a']);
  expect(r.tiedAtCutOff).toBeNull();
  expect(selectWinners([c('a', 90)], 0).winners).toEqual([]);
});

test('the selection pool is ranked from the database rows: a missing score counts as 0', () => {
  const r = rankSelectionPool([{ id: 'unscored', score: null }, { id: 'later', score: 70 }, { id: 'earlier', score: 70 }], 2);
  expect(r.winners.sort()).toEqual(['earlier', 'later']);
  expect(r.notSelected).toEqual(['unscored']);
});
