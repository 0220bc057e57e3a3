import { condition, getExternalWorkflowHandle, proxyActivities, setHandler } from '@temporalio/workflow';
import type { CampaignActivities, CaseActivities } from './contract';
import type { Deadlines } from './contract';
import { caseWorkflowId, deadlinesChangedSignal } from './contract';

const { loadCampaignDeadlines, listActiveCases, sendReviewReminders, escalateOverdueTasks } = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const { deliverEmail } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes' },
});

const DAY = 86_400_000;
/** Reviewers are reminded this many days before the review deadline. */
export const REMINDER_DAYS = [7, 1];
const SIGNAL_BATCH = 50;

/**
 * The campaign's clock: reminds reviewers ahead of the review deadline, escalates what is still open
 * when it passes, and carries every change of the deadlines to the running cases. A moved deadline,
 * earlier or later, re-arms all of it.
 */
export async function campaignWorkflow({ campaignId }: { campaignId: string }): Promise<void> {
  let deadlines: Deadlines = await loadCampaignDeadlines(campaignId);
  let toldCases = deadlines.version;
  setHandler(deadlinesChangedSignal, (d) => {
    if (d.version > deadlines.version) deadlines = d;
  });

  for (;;) {
    const current = deadlines;
    if (current.version !== toldCases) {
      const caseIds = await listActiveCases(campaignId);
      for (let i = 0; i < caseIds.length; i += SIGNAL_BATCH)
        await Promise.all(
          caseIds.slice(i, i + SIGNAL_BATCH).map((id) =>
            getExternalWorkflowHandle(caseWorkflowId(id))
              .signal(deadlinesChangedSignal, current)
              .catch(() => undefined),
          ),
        );
      toldCases = current.version;
    }

    const review = Date.parse(current.reviewDeadline);
    const events = [
      ...REMINDER_DAYS.map((days) => ({ at: review - days * DAY, days })).filter((e) => e.at > Date.now()),
      { at: review, days: 0 },
    ];
    let moved = false;
    for (const e of events) {
      moved = await condition(() => deadlines !== current, Math.max(0, e.at - Date.now()));
      if (moved) break;
      if (e.days > 0) {
        const outboxIds = await sendReviewReminders({ campaignId, reviewDeadline: current.reviewDeadline, daysBefore: e.days });
        await Promise.all(outboxIds.map((id) => deliverEmail(id)));
      } else {
        await escalateOverdueTasks({ campaignId, reviewDeadline: current.reviewDeadline, at: new Date().toISOString() });
      }
    }
    if (!moved) await condition(() => deadlines !== current);
  }
}
