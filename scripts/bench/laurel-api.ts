import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiClient } from '../../test/support/http';
import { nominationForm, sampleNomination } from '../../test/support/http';
import { pollUntil } from './poll';
import { applicantAddress } from './round-plan';

// The calls the bench makes of Laurel's API, as its people make them: every state-changing call
// carries an Idempotency-Key.

export type Answer = Awaited<ReturnType<ApiClient['request']>>;

export class UnexpectedAnswer extends Error {}

const MAX_ATTEMPTS = 5;
/** Answers that say "not now" rather than "no": the call is sent again with the same Idempotency-Key. */
const RETRYABLE = (status: number) => status === 408 || status === 429 || status >= 500;

function retryAfterMs(answer: Answer | undefined, attempt: number): number {
  const seconds = Number(answer?.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, 30_000) : Math.min(250 * 2 ** (attempt - 1), 5_000);
}

/**
 * A state-changing call with an Idempotency-Key, sent again with the same key (as a careful
 * client does) after a 408, 429, 5xx or no answer, each such answer written to `retried`; anything
 * else but `expected`, or a fifth failure, throws UnexpectedAnswer.
 */
export async function change(client: ApiClient, path: string, body: unknown, expected: number, retried: string[] = []): Promise<Answer> {
  const key = randomUUID();
  for (let attempt = 1; ; attempt++) {
    let answer: Answer | undefined;
    let problem: string;
    try {
      answer = await client.post(path, body, { 'idempotency-key': key });
      if (answer.status === expected) return answer;
      problem = `${answer.status} ${JSON.stringify(answer.body)?.slice(0, 300)}`;
      if (!RETRYABLE(answer.status)) throw new UnexpectedAnswer(`POST ${path} answered ${problem}`);
    } catch (err) {
      if (err instanceof UnexpectedAnswer) throw err;
      problem = `no answer: ${err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : err}`;
    }
    retried.push(`POST ${path} attempt ${attempt}: ${problem}`);
    if (attempt >= MAX_ATTEMPTS) throw new UnexpectedAnswer(`POST ${path}: ${problem}, ${attempt} times`);
    await sleep(retryAfterMs(answer, attempt));
  }
}

export async function read(client: ApiClient, path: string): Promise<Answer> {
  const answer = await client.get(path);
  if (answer.status !== 200) throw new UnexpectedAnswer(`GET ${path} answered ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 300)}`);
  return answer;
}

/** A campaign open for a day, decided by `committeeQuorum` votes of the demo committee, every case a possible winner unless `winnerCap` says otherwise. */
export async function openBenchCampaign(secretariat: ApiClient, tag: string, noticePeriodSeconds: number, winnerCap: number, committeeQuorum: number): Promise<string> {
  const now = Date.now();
  const answer = await change(
    secretariat,
    '/api/campaigns',
    {
      code: `bench-${tag}-${randomUUID().slice(0, 8)}`,
      title: `基准测试 ${tag}`,
      submissionDeadline: new Date(now + 86_400_000).toISOString(),
      reviewDeadline: new Date(now + 2 * 86_400_000).toISOString(),
      winnerCap,
      publicNoticePeriod: `PT${noticePeriodSeconds}S`,
      committeeQuorum,
    },
    201,
  );
  return answer.body.id as string;
}

/** A self-nomination (no account), its applicant's address and nominee named by round and number. */
export function benchNomination(tag: string, index: number): FormData {
  const nomination = sampleNomination({ channel: 'self', field: 'catering', applicantEmail: applicantAddress(tag, index) });
  nomination.nominee = { ...nomination.nominee, name: `基准候选人 ${tag} ${index}` };
  return nominationForm(nomination);
}

export type StatusCounts = Record<string, number>;

export async function statusCounts(secretariat: ApiClient, campaignId: string): Promise<StatusCounts> {
  const summary = await read(secretariat, `/api/campaigns/${campaignId}/summary`);
  return Object.fromEntries((summary.body.byStatus as { status: string; count: number }[]).map((s) => [s.status, s.count]));
}

/** Polls the campaign's summary, as the secretariat's dashboard does, until `status` counts at least `count`. */
export function untilStatus(secretariat: ApiClient, campaignId: string, status: string, count: number, timeoutMs: number, stop?: AbortSignal): Promise<StatusCounts> {
  return pollUntil(`${count} cases ${status}`, () => statusCounts(secretariat, campaignId), (c) => (c[status] ?? 0) >= count, timeoutMs, stop);
}
