/** Where a campaign stands, as the public reads it. */
export const CAMPAIGN_PHASES = ['collecting', 'reviewing', 'notice', 'notice-ended', 'announced', 'closed'] as const;
export type CampaignPhase = (typeof CAMPAIGN_PHASES)[number];

/** A campaign stays on the home page this long after its announcement. */
const RECENT_MS = 365 * 86_400_000;

interface Milestones {
  submissionDeadline: Date;
  roundClosedAt: Date | null;
  noticeEndsAt: Date | null;
  announcedAt: Date | null;
}

/** The latest of its milestones a campaign has reached. */
export function phaseOf(c: Milestones, now = Date.now()): CampaignPhase {
  if (c.announcedAt) return now - c.announcedAt.getTime() < RECENT_MS ? 'announced' : 'closed';
  if (c.roundClosedAt && c.noticeEndsAt) return now < c.noticeEndsAt.getTime() ? 'notice' : 'notice-ended';
  return now < c.submissionDeadline.getTime() ? 'collecting' : 'reviewing';
}
