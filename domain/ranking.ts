/**
 * The committee round's rule. Approved cases are ranked by:
 *   1. committee score, highest first;
 *   2. number of media awards (媒体平台表彰), most first — the notice gives them priority;
 *   3. submission time, earliest first;
 *   4. case id, as a last, stable tie-break.
 * The first `winnerCap` are winners; the cap is never exceeded, ties at the boundary are
 * settled by the later keys.
 */
export interface RankCandidate {
  caseId: string;
  score: number;
  mediaAwardCount: number;
  submittedAt: string;
}

export function compareForSelection(a: RankCandidate, b: RankCandidate): number {
  return (
    b.score - a.score ||
    b.mediaAwardCount - a.mediaAwardCount ||
    Date.parse(a.submittedAt) - Date.parse(b.submittedAt) ||
    (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0)
  );
}

export function selectWinners(candidates: readonly RankCandidate[], winnerCap: number) {
  const ranked = [...candidates].sort(compareForSelection);
  return {
    ranked,
    winners: ranked.slice(0, winnerCap).map((c) => c.caseId),
    notSelected: ranked.slice(winnerCap).map((c) => c.caseId),
  };
}

/** The cases a committee round ranks: approved by the committee and waiting for the round. */
export const SELECTION_POOL_STATUS = 'awaiting-selection';

export interface PoolCase {
  id: string;
  score: number | null;
  mediaAwardCount: number;
  submittedAt: Date;
}

/**
 * The round's choice over its pool, as the database holds it. Closing the round and the
 * secretariat's preview both rank through this, so what is previewed is what a close would choose.
 */
export function rankSelectionPool(pool: readonly PoolCase[], winnerCap: number) {
  return selectWinners(
    pool.map((c) => ({ caseId: c.id, score: c.score ?? 0, mediaAwardCount: c.mediaAwardCount, submittedAt: c.submittedAt.toISOString() })),
    winnerCap,
  );
}
