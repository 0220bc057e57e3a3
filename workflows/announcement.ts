import { CancellationScope, isCancellation, proxyActivities, sleep } from '@temporalio/workflow';
import type { AnnouncementActivities, AnnouncementInput } from './contract';

const { announceWaitingCases, recordAnnouncement } = proxyActivities<AnnouncementActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * 择期通报: the announcement on the date the secretariat chose. Until then it can be cancelled (the
 * workflow is cancelled); at `at`, every case waiting in notice-ended is announced.
 */
export async function announcementWorkflow({ campaignId, at }: AnnouncementInput): Promise<{ announcedAt: string; cases: number } | { cancelled: true }> {
  try {
    await sleep(Math.max(0, Date.parse(at) - Date.now()));
  } catch (err) {
    if (isCancellation(err)) return { cancelled: true };
    throw err;
  }
  // Once the time has come the announcement is made whole, even if a cancellation arrives now.
  return CancellationScope.nonCancellable(async () => {
    const announcedAt = new Date().toISOString();
    const cases = await announceWaitingCases({ campaignId, announcedAt });
    await recordAnnouncement({ campaignId, announcedAt, cases });
    return { announcedAt, cases };
  });
}
