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
