/**
 * The committee round's rule: approved cases are ranked by committee score, highest first. The cap
 * is a target ("about 100", 100 名左右): every case tied with the last winner's score is a winner
 * too. Cases with the same score share a rank (1, 2, 2, 4); neither arrival time nor case id ever
 * decides who wins. Within a shared rank cases are listed by case id, only so lists are stable.
 */
export interface RankCandidate {
  caseId: string;
  score: number;
}

export interface RankedCandidate extends RankCandidate {
  rank: number;
}

export function selectWinners(candidates: readonly RankCandidate[], winnerCap: number) {
  const sorted = [...candidates].sort((a, b) => b.score - a.score || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  const ranked: RankedCandidate[] = sorted.map((c, i) => ({ ...c, rank: i > 0 && sorted[i - 1].score === c.score ? 0 : i + 1 }));
  for (let i = 1; i < ranked.length; i++) if (ranked[i].rank === 0) ranked[i].rank = ranked[i - 1].rank;
  const cutOff = winnerCap > 0 && ranked.length >= winnerCap ? ranked[winnerCap - 1].score : -Infinity;
  const isWinner = (c: RankedCandidate, i: number) => winnerCap > 0 && (i < winnerCap || c.score === cutOff);
  return {
    ranked,
    winners: ranked.filter(isWinner).map((c) => c.caseId),
    notSelected: ranked.filter((c, i) => !isWinner(c, i)).map((c) => c.caseId),
    /** The score shared at the cut-off by more cases than the cap leaves room for; null when no tie crosses it. */
    tiedAtCutOff: winnerCap > 0 && ranked.length > winnerCap && ranked[winnerCap].score === cutOff ? cutOff : null,
  };
}

/** The cases a committee round ranks: approved by the committee and waiting for the round. */
export const SELECTION_POOL_STATUS = 'awaiting-selection';

export interface PoolCase {
  id: string;
  score: number | null;
}

/**
 * The round's choice over its pool, as the database holds it. Closing the round and the
 * secretariat's preview both rank through this, so what is previewed is what a close would choose.
 */
export function rankSelectionPool(pool: readonly PoolCase[], winnerCap: number) {
  return selectWinners(
    pool.map((c) => ({ caseId: c.id, score: c.score ?? 0 })),
    winnerCap,
  );
}
