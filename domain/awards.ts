/**
 * Media awards (媒体平台表彰): the notice gives their holders priority at the shortlist (优先入围).
 * Each award names its level; the working group checks that the awards are real.
 */
export const AWARD_LEVELS = ['national', 'provincial', 'municipal', 'institutional'] as const;
export type AwardLevel = (typeof AWARD_LEVELS)[number];

const WEIGHT: Record<AwardLevel, number> = { national: 4, provincial: 3, municipal: 2, institutional: 1 };

/**
 * A case's priority at the shortlist: the weight of the highest level among its media awards (an
 * award without a level counts as the lowest), none without awards or once the working group found
 * them unproven.
 */
export function awardPriority(awards: readonly { level?: string }[], verified: boolean | null): number {
  if (verified === false) return 0;
  return Math.max(0, ...awards.map((a) => WEIGHT[a.level as AwardLevel] ?? 1));
}
