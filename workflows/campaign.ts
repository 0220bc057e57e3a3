import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CampaignActivities, CaseActivities, Deadlines } from './contract';
import { emailDeliveryOptions } from './email-delivery-options';
import { deadlinesChangedSignal } from './contract';
import { signalCases } from './signal-cases';

const { loadCampaignDeadlines, listActiveCases, sendReviewReminders, escalateOverdueTasks } = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const { deliverEmail } = proxyActivities<CaseActivities>(emailDeliveryOptions);

const DAY = 86_400_000;
/** Reviewers are reminded this many days before the review deadline. */
export const REMINDER_DAYS = [7, 1];
/** Continue as new past this many events, if the server has not suggested it sooner. */
const HISTORY_LIMIT = 5_000;

export interface CampaignClockInput {
  campaignId: string;
  /** The deadlines' version the running cases were last told, carried across continue-as-new. */
  toldVersion?: number;
  /** Tests only: a lower history limit, to see the clock continue as new. */
  historyLimit?: number;
}

/**
 * The campaign's clock: reminds reviewers ahead of the review deadline, escalates what is still open
 * when it passes, and carries every change of the deadlines to the running cases. A moved deadline,
 * earlier or later, re-arms all of it. It lives as long as the campaign, so it continues as new
 * before its history grows large.
 */
export async function campaignWorkflow({ campaignId, toldVersion, historyLimit = HISTORY_LIMIT }: CampaignClockInput): Promise<void> {
  let deadlines: Deadlines = await loadCampaignDeadlines(campaignId);
  let told = toldVersion ?? deadlines.version;
  setHandler(deadlinesChangedSignal, (d) => {
    if (d.version > deadlines.version) deadlines = d;
  });
  const historyTooLong = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyLimit;

  for (;;) {
    const current = deadlines;
    if (current.version !== told) {
      await tellRunningCases(campaignId, current);
      told = current.version;
    }
    if (historyTooLong()) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof campaignWorkflow>({ campaignId, toldVersion: told, historyLimit });
    }
    await remindThenEscalate(campaignId, current, () => deadlines !== current);
  }
}

/** Every running case follows the new deadlines. */
async function tellRunningCases(campaignId: string, deadlines: Deadlines) {
  const caseIds = await listActiveCases(campaignId);
  await signalCases(deadlinesChangedSignal, caseIds.map((caseId) => ({ caseId, message: deadlines })));
}

/** Reminders 7 and 1 days before the review deadline, escalation at it; then waits until the deadlines move. */
async function remindThenEscalate(campaignId: string, current: Deadlines, moved: () => boolean) {
  const review = Date.parse(current.reviewDeadline);
  const events = [...REMINDER_DAYS.map((days) => ({ at: review - days * DAY, days })).filter((e) => e.at > Date.now()), { at: review, days: 0 }];
  for (const e of events) {
    if (await condition(moved, Math.max(0, e.at - Date.now()))) return;
    if (e.days > 0) {
      const outboxIds = await sendReviewReminders({ campaignId, reviewDeadline: current.reviewDeadline, daysBefore: e.days });
      await Promise.all(outboxIds.map((id) => deliverEmail(id)));
    } else {
      await escalateOverdueTasks({ campaignId, reviewDeadline: current.reviewDeadline, at: new Date().toISOString() });
    }
  }
  await condition(moved);
}
