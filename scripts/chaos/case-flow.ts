import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { nominationForm, sampleNomination } from '../../test/support/http';
import type { ChaosClient } from './chaos-client';
import { GaveUp } from './chaos-client';
import type { FlowProgress } from './flow-progress';

/** Each review a self-nomination passes, who decides it in a chaos run, and how. */
const REVIEWS = [
  { kind: 'seal-check', account: 'secretariat', decision: 'approve' },
  { kind: 'field-review', account: 'wg-catering', decision: 'pass' },
  { kind: 'branch-shortlist', account: 'branch-catering', decision: 'shortlist' },
  { kind: 'committee-review', account: 'committee1', decision: 'approve' },
] as const;
type Review = (typeof REVIEWS)[number];

/** Short, so that a run reaches `notice-ended` in seconds. */
const PUBLIC_NOTICE_PERIOD = 'PT2S';
const INBOX_POLL_MS = 300;
const SUMMARY_POLL_MS = 500;
/** Decisions one reviewer has on the wire at once. */
const DECISIONS_IN_PARALLEL = 8;
/** Submissions are spread over at least this long, so that clients are still submitting when the fault strikes. */
const SUBMISSION_SPREAD_MS = 6_000;

export interface FlowOptions {
  anonymous: ChaosClient;
  cases: number;
  /** No call is started after it: whatever is not done by then is lost. */
  until: number;
  progress: FlowProgress;
  onCampaign: (campaignId: string) => void;
  say: (line: string) => void;
}

export interface FlowOutcome {
  campaignId?: string;
  /** The cases whose submission was answered. */
  caseIds: string[];
  /** Every step the people could not take, in words. */
  problems: string[];
  /** Decisions refused 409 task-not-open while the task was in the inbox; decided again later. */
  refusedWhileListed: string[];
}

type StatusCounts = Map<string, number> & { total: number };

/**
 * The campaign as its people run it, over HTTP: the secretariat opens it, applicants
 * self-nominate, each reviewer decides what arrives in their inbox, the secretariat closes the
 * committee round, and once the notice has ended, announces.
 */
export async function runCaseFlow({ anonymous, cases, until, progress, onCampaign, say }: FlowOptions): Promise<FlowOutcome> {
  const outcome: FlowOutcome = { caseIds: [], problems: [], refusedWhileListed: [] };
  const shared = { until, progress, problems: outcome.problems, refusedWhileListed: outcome.refusedWhileListed };
  const secretariat = await anonymous.signIn('secretariat', until);
  const campaignId = await openCampaign(secretariat, cases, until);
  outcome.campaignId = campaignId;
  onCampaign(campaignId);

  const reviewersDone = new AbortController();
  const reviewers = await Promise.all(REVIEWS.map(async (review) => ({ review, client: await anonymous.signIn(review.account, until) })));
  const reviewing = reviewers.map(({ review, client }) => reviewInbox(client, review, campaignId, { ...shared, stop: reviewersDone.signal }));

  outcome.caseIds = await submitAll(anonymous, campaignId, cases, shared);
  say(`${outcome.caseIds.length} of ${cases} submissions answered`);

  const inReview = await waitForStatuses(secretariat, campaignId, until, (c) => c.total >= outcome.caseIds.length && count(c, 'awaiting-selection') === c.total);
  reviewersDone.abort();
  await Promise.all(reviewing);
  if (!inReview.reached) outcome.problems.push(`not every case reached awaiting-selection: ${describe(inReview.counts)}`);

  const winners = await closeRound(secretariat, campaignId, !inReview.reached, until, outcome.problems);
  if (!winners) return outcome;
  say(`committee round closed: ${winners} winners`);

  const noticeEnded = await waitForStatuses(secretariat, campaignId, until, (c) => count(c, 'notice-ended') >= winners);
  if (!noticeEnded.reached) outcome.problems.push(`not every winner reached notice-ended: ${describe(noticeEnded.counts)}`);
  if (!(await announce(secretariat, campaignId, until, outcome.problems))) return outcome;
  const announced = await waitForStatuses(secretariat, campaignId, until, (c) => count(c, 'announced') >= winners);
  if (!announced.reached) outcome.problems.push(`not every winner was announced: ${describe(announced.counts)}`);
  say(`announced: ${count(announced.counts, 'announced')}`);
  return outcome;
}

async function openCampaign(secretariat: ChaosClient, cases: number, until: number): Promise<string> {
  const now = Date.now();
  const answer = await secretariat.change('POST', '/api/campaigns', {
    json: {
      code: `chaos-${randomBytes(4).toString('hex')}`,
      title: '混沌测试',
      submissionDeadline: new Date(now + 86_400_000).toISOString(),
      reviewDeadline: new Date(now + 2 * 86_400_000).toISOString(),
      // Room for every case: each one approved is a winner, and every winner is announced.
      winnerCap: 2 * cases,
      publicNoticePeriod: PUBLIC_NOTICE_PERIOD,
      committeeQuorum: 1,
    },
    until,
  });
  if (answer.status !== 201) throw new Error(`opening the campaign answered ${answer.status} ${JSON.stringify(answer.body)}`);
  return (answer.body as { id: string }).id;
}

interface Shared {
  until: number;
  progress: FlowProgress;
  problems: string[];
  refusedWhileListed: string[];
}

/** Self-nominations spread over a few seconds, each retried under its own key until answered; answers the case ids. */
async function submitAll(client: ChaosClient, campaignId: string, cases: number, shared: Shared): Promise<string[]> {
  const pace = Math.max(200, Math.floor(SUBMISSION_SPREAD_MS / cases));
  const submissions: Promise<string | undefined>[] = [];
  for (let i = 0; i < cases; i++) {
    if (i > 0) await sleep(pace);
    submissions.push(submit(client, campaignId, shared));
  }
  return (await Promise.all(submissions)).filter((id): id is string => id !== undefined);
}

async function submit(client: ChaosClient, campaignId: string, { until, progress, problems }: Shared): Promise<string | undefined> {
  // One nomination, sent again as it was on every retry.
  const nomination = sampleNomination({ channel: 'self', field: 'catering' });
  try {
    const answer = await client.change('POST', `/api/campaigns/${campaignId}/nominations`, { form: () => nominationForm(nomination), until });
    if ((answer.status === 201 || answer.status === 200) && answer.body?.caseId) {
      progress.submission();
      return answer.body.caseId as string;
    }
    problems.push(`a submission answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  } catch (err) {
    if (!(err instanceof GaveUp)) throw err;
    problems.push(err.message);
  }
  return undefined;
}

/** A reviewer at work: decides every task of their kind that arrives in their inbox, until told to stop. */
async function reviewInbox(client: ChaosClient, review: Review, campaignId: string, shared: Shared & { stop: AbortSignal }): Promise<void> {
  const tasks = new Map<string, TaskAttempts>();
  const deciding = new Set<Promise<void>>();
  while (!shared.stop.aborted && Date.now() < shared.until) {
    const inbox = await client.read(`/api/inbox?kind=${review.kind}&campaignId=${encodeURIComponent(campaignId)}`, shared.until).catch(() => undefined);
    for (const { id } of (inbox?.status === 200 ? inbox.body.tasks : []) as { id: string }[]) {
      let attempts = tasks.get(id);
      if (!attempts) tasks.set(id, (attempts = { refusals: 0, again: 0 }));
      if (deciding.size >= DECISIONS_IN_PARALLEL || attempts.again > Date.now()) continue;
      attempts.again = Infinity;
      const decision = decide(client, review, id, attempts, shared).finally(() => deciding.delete(decision));
      deciding.add(decision);
    }
    await sleep(INBOX_POLL_MS, undefined, { signal: shared.stop }).catch(() => {});
  }
  await Promise.all(deciding);
}

interface TaskAttempts {
  /** Decisions refused as if the task were closed while it was still in the inbox. */
  refusals: number;
  /** When the reviewer may decide it again (after such a refusal): Infinity once decided, or while deciding. */
  again: number;
}

/** A person whose decision is refused as if the task were closed, yet still sees it in the inbox, tries again a little later. */
export const DECIDE_AGAIN_AFTER_MS = 2_000;
const MAX_REFUSALS = 20;

async function decide(client: ChaosClient, review: Review, taskId: string, attempts: TaskAttempts, shared: Shared): Promise<void> {
  const { until, progress, problems } = shared;
  const body = { decision: review.decision, comment: '混沌测试', ...(review.kind === 'committee-review' && { score: 80 }) };
  try {
    // A new decision, so a new Idempotency-Key: the key of a refused one would only replay the refusal.
    const answer = await client.change('POST', `/api/tasks/${taskId}/complete`, { json: body, until });
    if (answer.status === 200) progress.decision();
    else if (answer.status === 409 && answer.body?.error?.code === 'task-not-open' && attempts.refusals < MAX_REFUSALS) {
      shared.refusedWhileListed.push(`${review.kind} task ${taskId}`);
      attempts.refusals++;
      attempts.again = Date.now() + DECIDE_AGAIN_AFTER_MS;
    } else problems.push(`${review.kind} decision on task ${taskId} answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  } catch (err) {
    if (!(err instanceof GaveUp)) throw err;
    problems.push(err.message);
  }
}

async function closeRound(secretariat: ChaosClient, campaignId: string, force: boolean, until: number, problems: string[]): Promise<number | undefined> {
  try {
    const answer = await secretariat.change('POST', `/api/campaigns/${campaignId}/committee/close`, { json: force ? { force } : {}, until });
    if (answer.status === 200) return (answer.body.winners as string[]).length;
    problems.push(`closing the committee round answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  } catch (err) {
    if (!(err instanceof GaveUp)) throw err;
    problems.push(err.message);
  }
  return undefined;
}

async function announce(secretariat: ChaosClient, campaignId: string, until: number, problems: string[]): Promise<boolean> {
  try {
    const answer = await secretariat.change('POST', `/api/campaigns/${campaignId}/announcement`, { json: {}, until });
    if (answer.status === 202) return true;
    problems.push(`the announcement answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  } catch (err) {
    if (!(err instanceof GaveUp)) throw err;
    problems.push(err.message);
  }
  return false;
}

function count(counts: StatusCounts, status: string): number {
  return counts.get(status) ?? 0;
}

function describe(counts: StatusCounts): string {
  return [...counts].filter(([, n]) => n > 0).map(([status, n]) => `${status} ${n}`).join(', ') || 'no cases';
}

/** Polls the campaign's summary (cases by status) as the secretariat's dashboard does, until `reached` holds or `until`. */
async function waitForStatuses(secretariat: ChaosClient, campaignId: string, until: number, reached: (counts: StatusCounts) => boolean) {
  let counts = Object.assign(new Map<string, number>(), { total: 0 });
  for (;;) {
    const summary = await secretariat.read(`/api/campaigns/${encodeURIComponent(campaignId)}/summary`, until).catch(() => undefined);
    if (summary?.status === 200) {
      const byStatus = summary.body.byStatus as { status: string; count: number }[];
      counts = Object.assign(new Map(byStatus.map((s) => [s.status, s.count])), { total: summary.body.total as number });
      if (reached(counts)) return { reached: true, counts };
    }
    if (Date.now() + SUMMARY_POLL_MS > until) return { reached: false, counts };
    await sleep(SUMMARY_POLL_MS);
  }
}
