import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiClient } from '../../test/support/http';
import { announcementWorkflowId, campaignWorkflowId, committeeRoundWorkflowId } from '../../workflows/contract';
import { UnexpectedAnswer, change, read, untilStatus } from './laurel-api';
import type { LaurelSystem } from './laurel-system';
import { pollUntil } from './poll';
import { inPool, timed } from './pool';
import type { Decision, DecisionName } from './round-plan';
import { DECISIONS, SECRETARIAT, committeeScore } from './round-plan';

// What a Laurel round and a Laurel campaign both do once the nominations are in: each reviewer in
// turn works their inbox until every case has their decision; then the secretariat closes the
// committee round, waits out the notice and announces.

/** A reviewer gives up on the tasks still missing from their inbox after this long without one arriving. */
const STALL_MS = 10 * 60_000;
/** What the system does without a person (every first step, the committee round, the notice, the emails), each at most. */
const WAIT_MS = 60 * 60_000;
const INBOX_POLL_MS = 200;
/** GET /api/inbox answers at most this many tasks. */
const INBOX_PAGE = 500;
/** Reads in a row of a role's whole inbox as its stage begins, when it holds every case (a page at most). */
const INBOX_PROBES = 20;

/** What the reviews record; a round's and a campaign's outcome each hold one. */
export interface ReviewLedger {
  decisionMs: Record<DecisionName, number[]>;
  /** By role: every read of its inbox, ms, and the most tasks one read answered. */
  inboxMs: Record<string, number[]>;
  inboxLargest: Record<string, number>;
  errors: string[];
  /** Answers (5xx, 503, 408, 429, none) after which a call was sent again with its Idempotency-Key. */
  retriedAnswers: string[];
  otherWorkflowIds: string[];
}

/** Records an UnexpectedAnswer in the ledger's errors, naming `what`; anything else is thrown on. */
export function recordedIn(ledger: ReviewLedger, what: string) {
  return (err: unknown): undefined => {
    if (!(err instanceof UnexpectedAnswer)) throw err;
    ledger.errors.push(`${what}: ${err.message}`);
  };
}

function inboxRead(reviewer: ApiClient, path: string, role: string, ledger: ReviewLedger) {
  return timed((ledger.inboxMs[role] ??= []), () => read(reviewer, path)).then((answer) => {
    ledger.inboxLargest[role] = Math.max(ledger.inboxLargest[role] ?? 0, answer.body.tasks.length);
    return answer.body.tasks as { id: string; caseId: string }[];
  });
}

/**
 * One decision taken on every case in `cases` as a reviewer works: read the inbox (this kind, this
 * campaign), decide what it holds `concurrency` at a time, read it again, until each case is
 * decided. Answers the cases decided; a case whose decision failed is in the ledger's errors.
 */
async function decideEvery(reviewer: ApiClient, decision: Decision, campaignId: string, cases: ReadonlySet<string>, concurrency: number, ledger: ReviewLedger, stop?: AbortSignal): Promise<Set<string>> {
  const decided = new Set<string>();
  const failed = new Set<string>();
  const waiting = (t: { caseId: string }) => cases.has(t.caseId) && !decided.has(t.caseId) && !failed.has(t.caseId);
  let stalledSince = Date.now();
  while (decided.size + failed.size < cases.size) {
    stop?.throwIfAborted();
    const open = (await inboxRead(reviewer, `/api/inbox?kind=${decision.kind}&campaignId=${campaignId}`, decision.role, ledger)).filter(waiting);
    if (open.length === 0) {
      if (Date.now() - stalledSince > STALL_MS) throw new Error(`${decision.name}: ${cases.size - decided.size - failed.size} tasks never reached the inbox`);
      await sleep(INBOX_POLL_MS, undefined, { signal: stop });
      continue;
    }
    stalledSince = Date.now();
    await inPool(open, concurrency, async (task) => {
      if (stop?.aborted) return;
      const body = { decision: decision.decision, ...(decision.kind === 'committee-review' && { score: committeeScore(task.id, decision.account) }) };
      const answer = await timed(ledger.decisionMs[decision.name], () => change(reviewer, `/api/tasks/${task.id}/complete`, body, 200, ledger.retriedAnswers)).catch(
        recordedIn(ledger, `${decision.name} of ${task.caseId}`),
      );
      (answer ? decided : failed).add(task.caseId);
    });
  }
  return decided;
}

/** What a role's inbox probes took: their time, and the API's CPU meanwhile (0 when the caller does not read it). */
export interface ProbeCost {
  ms: number;
  apiCpuSeconds: number;
}

/**
 * Once the secretariat's inbox holds every case (a page at most), every decision in turn over
 * every case: its reviewer signs in (a session idle for 30 minutes ends, and a campaign's stages
 * take longer); as a role's first stage begins, its whole inbox is read INBOX_PROBES times in a
 * row; then the reviewer decides every case still in the running. `phase` is told of each phase's end
 * and of what the inbox reads that paused the flow took (`apiCpuSeconds` reads the API's CPU). Answers the cases that passed all six;
 * throws the reason once `stop` is aborted.
 */
export async function reviewEveryCase(
  anonymous: ApiClient,
  campaignId: string,
  cases: ReadonlySet<string>,
  concurrency: number,
  ledger: ReviewLedger,
  phase: (name: string, probes: ProbeCost) => void,
  { stop, apiCpuSeconds = () => 0 }: { stop?: AbortSignal; apiCpuSeconds?: () => number } = {},
): Promise<Set<string>> {
  const secretariat = await anonymous.login(SECRETARIAT);
  const sealChecks = () => inboxRead(secretariat, `/api/inbox?kind=seal-check&campaignId=${campaignId}`, 'secretariat', ledger);
  await pollUntil('the seal-check tasks of every case', sealChecks, (tasks) => tasks.length >= Math.min(cases.size, INBOX_PAGE), WAIT_MS, stop);
  phase('first steps', { ms: 0, apiCpuSeconds: 0 });
  let alive = new Set(cases);
  const probed = new Set<string>();
  for (const decision of DECISIONS) {
    const reviewer = await anonymous.login(decision.account);
    const probing = { at: performance.now(), cpu: apiCpuSeconds() };
    if (!probed.has(decision.role)) {
      probed.add(decision.role);
      for (let i = 0; i < INBOX_PROBES && !stop?.aborted; i++) await inboxRead(reviewer, '/api/inbox', decision.role, ledger);
    }
    const probes = { ms: performance.now() - probing.at, apiCpuSeconds: apiCpuSeconds() - probing.cpu };
    // A case whose decision failed goes no further.
    alive = await decideEvery(reviewer, decision, campaignId, alive, concurrency, ledger, stop);
    phase(decision.name, probes);
  }
  return alive;
}

/**
 * The secretariat signs in and closes the committee round (forced when a case is still in review), waits for
 * the winners' notice to end, announces, and waits for every email. Answers the winners; throws
 * the reason once `stop` is aborted.
 */
export async function closeAndAnnounce(system: LaurelSystem, anonymous: ApiClient, campaignId: string, ledger: ReviewLedger, phase: (name: string) => void, stop?: AbortSignal): Promise<number> {
  ledger.otherWorkflowIds.push(committeeRoundWorkflowId(campaignId), announcementWorkflowId(campaignId), campaignWorkflowId(campaignId));
  const secretariat = await anonymous.login(SECRETARIAT);
  const round = await change(secretariat, `/api/campaigns/${campaignId}/committee/close`, ledger.errors.length ? { force: true } : {}, 200, ledger.retriedAnswers);
  const winners = (round.body.winners as string[]).length;
  phase('committee round');
  // The close is answered once the ranking is stored; the round tells its cases after, winners first.
  await untilStatus(secretariat, campaignId, 'not-selected', (round.body.notSelected as string[]).length, WAIT_MS, stop);
  phase('every case told');
  await untilStatus(secretariat, campaignId, 'notice-ended', winners, WAIT_MS, stop);
  phase('public notice');
  await change(secretariat, `/api/campaigns/${campaignId}/announcement`, {}, 202, ledger.retriedAnswers);
  await untilStatus(secretariat, campaignId, 'announced', winners, WAIT_MS, stop);
  // Each earlier round ended with its emails sent: whatever is unsent now is this one's (cases in reserve included).
  const unsent = () => system.db.outbox.count({ where: { status: { notIn: ['sent', 'failed'] } } });
  await pollUntil('every email sent', unsent, (n) => n === 0, WAIT_MS, stop);
  phase('announcement and emails');
  return winners;
}
