import { allHandlersFinished, condition, continueAsNew, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CampaignActivities, CaseActivities, Deadlines } from './contract';
import { emailDeliveryOptions } from './email-delivery-options';
import { deadlinesChangedSignal } from './contract';
import { CASES_A_PAGE, signalCases, tellInPages } from './signal-cases';

const { loadCampaignDeadlines, listActiveCases, activeCasesPage, sendReviewReminders, escalateOverdueTasks } = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const { deliverEmail } = proxyActivities<CaseActivities>(emailDeliveryOptions);

const DAY = 86_400_000;
/** Reviewers are reminded this many days before the review deadline. */
export const REMINDER_DAYS = [7, 1];
/** Continue as new past this many events, if the server has not suggested it sooner. */
const HISTORY_LIMIT = 5_000;
/** Clocks from here on tell the running cases a page at a time, continuing as new mid-telling if need be. */
export const CLOCK_TELLS_IN_PAGES = 'clock-tells-in-pages';

export interface CampaignClockInput {
  campaignId: string;
  /** The deadlines' version the running cases were last told, carried across continue-as-new. */
  toldVersion?: number;
  /** A telling cut short by continue-as-new: its version and the last case told. */
  telling?: { version: number; after: string };
  /** Tests only: a lower history limit, to see the clock continue as new. */
  historyLimit?: number;
}

/**
 * The campaign's clock: reminds reviewers ahead of the review deadline, escalates what is still open
 * when it passes, and carries every change of the deadlines to the running cases. A moved deadline,
 * earlier or later, re-arms all of it. It lives as long as the campaign, so it continues as new
 * before its history grows large.
 */
export async function campaignWorkflow({ campaignId, toldVersion, telling, historyLimit = HISTORY_LIMIT }: CampaignClockInput): Promise<void> {
  let deadlines: Deadlines = await loadCampaignDeadlines(campaignId);
  let told = toldVersion ?? deadlines.version;
  setHandler(deadlinesChangedSignal, (d) => {
    if (d.version > deadlines.version) deadlines = d;
  });
  const historyTooLong = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyLimit;
  const continued = (cut?: { version: number; after: string }) =>
    condition(allHandlersFinished).then(() => continueAsNew<typeof campaignWorkflow>({ campaignId, toldVersion: told, telling: cut, historyLimit }));

  for (;;) {
    const current = deadlines;
    if (current.version !== told) {
      // A telling cut short goes on where it stopped, unless newer deadlines have come since.
      const from = telling?.version === current.version ? telling.after : null;
      const cutAfter = await tellRunningCases(campaignId, current, from, historyTooLong);
      if (cutAfter !== null) return continued({ version: current.version, after: cutAfter });
      told = current.version;
      telling = undefined;
    }
    if (historyTooLong()) return continued();
    await remindThenEscalate(campaignId, current, () => deadlines !== current);
  }
}

/**
 * Every running case follows the new deadlines, a page at a time from the case after `from`.
 * Answers null when all were told, or the last case told when the history grew too long to go on.
 */
async function tellRunningCases(campaignId: string, deadlines: Deadlines, from: string | null, historyTooLong: () => boolean): Promise<string | null> {
  const tell = (caseIds: string[]) => signalCases(deadlinesChangedSignal, caseIds.map((caseId) => ({ caseId, message: deadlines })));
  if (!patched(CLOCK_TELLS_IN_PAGES)) {
    await tell(await listActiveCases(campaignId));
    return null;
  }
  return tellInPages((after) => activeCasesPage({ campaignId, after, limit: CASES_A_PAGE }), tell, from, historyTooLong);
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
