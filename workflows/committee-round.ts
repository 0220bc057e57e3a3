import { ApplicationFailure, allHandlersFinished, condition, continueAsNew, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CommitteeActivities, CommitteeOutcome, RankedCase, RoundResult, RoundSummary } from './contract';
import { committeeOutcomeSignal, roundRankedUpdate } from './contract';
import { CASES_A_PAGE, signalCases, tellInPages } from './signal-cases';

const { closeCommitteeRound, rankCommitteeRound, rankedCasesPage } = proxyActivities<CommitteeActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Rounds started from here on rank, answer, then tell their cases a page at a time. */
export const ROUND_TOLD_IN_PAGES = 'round-told-in-pages';

/** Events past which the round continues as new: Temporal refuses a history past 51,200. */
const HISTORY_LIMIT = 10_000;

export interface CommitteeRoundInput {
  campaignId: string;
  /** Set by a continued run: the round's summary and the last case told. */
  telling?: { summary: RoundSummary; after: RankedCase };
  historyLimit?: number;
}

/**
 * Closes a campaign's committee round once: one activity ranks the pool and stores the outcome,
 * the close request is answered (roundRanked), then every ranked case is told its outcome in
 * order of rank. Durable, so a crash of the API halfway through cannot leave some cases untold;
 * a round of any size continues as new before its history grows large.
 */
export async function committeeRoundWorkflow(input: CommitteeRoundInput): Promise<RoundSummary | RoundResult> {
  if (!patched(ROUND_TOLD_IN_PAGES)) return roundToldAtOnce(input.campaignId);
  const { campaignId, historyLimit = HISTORY_LIMIT } = input;
  let summary = input.telling?.summary;
  let failure: ApplicationFailure | undefined;
  setHandler(roundRankedUpdate, async () => {
    await condition(() => summary !== undefined || failure !== undefined);
    if (failure) throw failure;
    return summary!;
  });
  if (!summary) {
    try {
      summary = await rankCommitteeRound({ campaignId, closedAt: new Date().toISOString() });
    } catch (err) {
      failure = ApplicationFailure.create({ type: 'round-not-ranked', message: 'the committee round could not be ranked', nonRetryable: true, cause: err instanceof Error ? err : undefined });
      await condition(allHandlersFinished);
      throw failure;
    }
  }

  const historyTooLong = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyLimit;
  const ranked = summary;
  const cutAfter = await tellInPages(
    (after) => rankedCasesPage({ campaignId, after, limit: CASES_A_PAGE }),
    // A case withdrawn since the ranking has already finished; there is no one left to tell.
    (page) => signalCases(committeeOutcomeSignal, page.map((c) => ({ caseId: c.caseId, message: outcomeOf(c, ranked.noticeEndsAt) }))),
    input.telling?.after ?? null,
    historyTooLong,
  );
  await condition(allHandlersFinished);
  if (cutAfter !== null) return continueAsNew<typeof committeeRoundWorkflow>({ campaignId, telling: { summary, after: cutAfter }, historyLimit });
  return summary;
}

function outcomeOf({ selected, rank }: RankedCase, noticeEndsAt: string): CommitteeOutcome {
  return { selected, rank, noticeEndsAt };
}

/** Rounds started before ROUND_TOLD_IN_PAGES: the whole ranking in one result, every case told before the close was answered. */
async function roundToldAtOnce(campaignId: string): Promise<RoundResult> {
  const round = await closeCommitteeRound({ campaignId, closedAt: new Date().toISOString() });
  const outcomes = [
    ...round.winners.map((caseId, i) => ({ caseId, message: { selected: true, rank: round.ranks?.[caseId] ?? i + 1, noticeEndsAt: round.noticeEndsAt } })),
    ...round.notSelected.map((caseId, i) => ({ caseId, message: { selected: false, rank: round.ranks?.[caseId] ?? round.winners.length + i + 1, noticeEndsAt: round.noticeEndsAt } })),
  ];
  await signalCases(committeeOutcomeSignal, outcomes);
  return round;
}
