import { ApiClient } from '../../test/support/http';
import { caseWorkflowId } from '../../workflows/contract';
import { benchNomination, change, openBenchCampaign, statusCounts } from './laurel-api';
import type { ReviewLedger } from './laurel-reviews';
import { closeAndAnnounce, recordedIn, reviewEveryCase } from './laurel-reviews';
import type { LaurelSystem } from './laurel-system';
import { timed } from './pool';
import { atSteadyRate } from './steady-rate';
import { COMMITTEE_QUORUM, DECISIONS, SECRETARIAT } from './round-plan';
import { percentile } from './stats';

/** The national campaign's target: "100 名左右"; every case tied with the last winner is one too. */
export const CAMPAIGN_WINNER_CAP = 100;
export const CAMPAIGN_NOTICE_SECONDS = 30;
const PROGRESS_EVERY_MS = 60_000;

export interface CampaignSpec {
  tag: string;
  cases: number;
  /** Submissions a second. */
  rate: number;
  /** Decisions a reviewer has on the wire at once. */
  concurrency: number;
}

export interface CampaignOutcome extends ReviewLedger {
  campaignId: string;
  /** Epoch ms each submission was sent, by workflow id. */
  submittedAt: Record<string, number>;
  submitMs: number[];
  /** Seconds from the first submission sent to the last answered. */
  submissionSeconds: number;
  winners: number;
  phases: { name: string; seconds: number }[];
  finalStatuses: Record<string, number>;
  caseWorkflowIds: string[];
}

/** Every minute, how far the campaign has got: for reading while it runs, or after it was stopped. */
function reportProgress(outcome: CampaignOutcome, started: number, say: (line: string) => void): () => void {
  let seen = { inbox: {} as Record<string, number>, decisions: 0 };
  const timer = setInterval(() => {
    const decided = DECISIONS.map((d) => `${d.name} ${outcome.decisionMs[d.name].length}`).join(', ');
    const inbox = Object.entries(outcome.inboxMs)
      .map(([role, ms]) => `${role} ${percentile(ms.slice(seen.inbox[role] ?? 0), 95)?.toFixed(0) ?? '—'}`)
      .join(', ');
    const decisions = DECISIONS.reduce((n, d) => n + outcome.decisionMs[d.name].length, 0);
    say(
      `campaign: ${((performance.now() - started) / 1000).toFixed(0)} s: ${outcome.caseWorkflowIds.length} submitted; decided ${decided}; ` +
        `${((decisions - seen.decisions) / (PROGRESS_EVERY_MS / 1000)).toFixed(1)} decisions/s; inbox p95 ms ${inbox || '—'}; errors ${outcome.errors.length}`,
    );
    seen = { inbox: Object.fromEntries(Object.entries(outcome.inboxMs).map(([role, ms]) => [role, ms.length])), decisions };
  }, PROGRESS_EVERY_MS);
  return () => clearInterval(timer);
}

/**
 * One campaign of `cases` nominations, its whole life, as the notice runs it: applicants submit at a
 * steady `rate` (open loop: each leaves at its time); once collection is over, each reviewer in turn
 * decides every case from their inbox, holding the whole campaign; the secretariat closes the
 * committee round over every approved case, waits out the winners' notice and announces. Once
 * `stop` is aborted it stops where it is and answers what it reached.
 */
export async function runLaurelCampaign(system: LaurelSystem, spec: CampaignSpec, say: (line: string) => void, stop: AbortSignal): Promise<CampaignOutcome> {
  const anonymous = new ApiClient(system.baseUrl);
  const campaignId = await openBenchCampaign(await anonymous.login(SECRETARIAT), spec.tag, CAMPAIGN_NOTICE_SECONDS, CAMPAIGN_WINNER_CAP, COMMITTEE_QUORUM);
  const outcome: CampaignOutcome = {
    campaignId, submittedAt: {}, submitMs: [], submissionSeconds: 0, winners: 0, phases: [], finalStatuses: {}, caseWorkflowIds: [],
    decisionMs: Object.fromEntries(DECISIONS.map((d) => [d.name, []])) as unknown as ReviewLedger['decisionMs'],
    inboxMs: {}, inboxLargest: {}, errors: [], retriedAnswers: [], otherWorkflowIds: [],
  };
  const started = performance.now();
  let last = started;
  const phase = (name: string) => {
    const now = performance.now();
    outcome.phases.push({ name, seconds: (now - last) / 1000 });
    last = now;
    say(`campaign: ${name} done (${((now - started) / 1000).toFixed(0)} s)`);
  };
  const stopReporting = reportProgress(outcome, started, say);
  try {
    const submitted = new Set<string>();
    await atSteadyRate(
      spec.cases,
      spec.rate,
      (i) => {
        const sentAt = Date.now();
        return timed(outcome.submitMs, () => change(anonymous, `/api/campaigns/${campaignId}/nominations`, benchNomination(spec.tag, i), 201, outcome.retriedAnswers))
          .then((answer) => {
            const caseId = answer.body.caseId as string;
            submitted.add(caseId);
            outcome.submittedAt[caseWorkflowId(caseId)] = sentAt;
            outcome.caseWorkflowIds.push(caseWorkflowId(caseId));
          })
          .catch(recordedIn(outcome, `submission ${i}`));
      },
      stop,
    );
    outcome.submissionSeconds = (performance.now() - started) / 1000;
    phase('submissions');

    await reviewEveryCase(anonymous, campaignId, submitted, spec.concurrency, outcome, (name) => phase(name), { stop });
    outcome.winners = await closeAndAnnounce(system, anonymous, campaignId, outcome, phase, stop);
  } catch (err) {
    // The campaign's end did not come: what it reached is still reported, with the reason.
    const reason: unknown = stop.aborted ? stop.reason : err;
    outcome.errors.push(`the campaign stopped short: ${reason instanceof Error ? reason.message : reason}`);
  } finally {
    stopReporting();
  }
  outcome.finalStatuses = await statusCounts(await anonymous.login(SECRETARIAT), campaignId);
  return outcome;
}
