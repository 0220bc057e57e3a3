import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** What the clients went through in one scenario. */
export class CallLog {
  /** State-changing calls answered 5xx other than 503: the contract allows none, whatever is down. */
  readonly serverErrors: string[] = [];
  /** Reads answered 5xx other than 503. */
  readonly readServerErrors: string[] = [];
  /** A retry refused with 409 after an attempt that got no answer (or a 5xx): that attempt may have taken effect and the retry not found it. */
  readonly conflictsOnRetry: string[] = [];
  unavailable = 0;
  /** 409 request-in-progress: a retry found its first attempt (maybe of a killed API) still holding the key. */
  stillBeingAnswered = 0;
  /** 408: the server says the request did not reach it in time; nothing was done, so it is sent again. */
  readonly requestTimeouts: string[] = [];
  connectionErrors = 0;
  timeouts = 0;
  retries = 0;
  /** The longest a state-changing call waited for any answer, 503 included. */
  slowestAnswerMs = 0;
}

/** Each attempt's own limit: the API should answer within seconds even with Temporal down (503 within 5 s). */
const ATTEMPT_TIMEOUT_MS = 30_000;
/** Without a Retry-After: 0.25 s, doubling up to 5 s. */
const backoffMs = (attempt: number) => Math.min(250 * 2 ** (attempt - 1), 5_000);
const MAX_RETRY_AFTER_MS = 30_000;

function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : undefined;
}

/** The demo accounts' password (the chaos system seeds them with it). */
export const DEMO_PASSWORD = 'demo-password';

export class GaveUp extends Error {}

/** 409 request-in-progress: the first attempt with this key is still being answered (or died; the API takes it over after a while). */
function isStillBeingAnswered(answer: Answer): boolean {
  return answer.status === 409 && answer.body?.error?.code === 'request-in-progress';
}

export interface ChangeOptions {
  /** No attempt starts after this instant. */
  until: number;
  /** Made afresh for each attempt (a multipart form); else `json`. */
  form?: () => FormData;
  json?: unknown;
}

/**
 * The API as the clients of a chaos run use it: every state-changing call carries an
 * Idempotency-Key and is retried with the same key on connection errors, timeouts, 408, 429, 5xx,
 * 503 and 409 request-in-progress (after its Retry-After), until it gets an answer that is the
 * API's final word.
 */
export class ChaosClient {
  constructor(
    readonly baseUrl: string,
    private readonly log: CallLog,
    private readonly token?: string,
  ) {}

  private async attempt(method: string, path: string, headers: Record<string, string>, body?: RequestInit['body']): Promise<Answer> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: { ...headers, ...(this.token && { authorization: `Bearer ${this.token}` }) },
      body,
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /** A state-changing call, retried with one Idempotency-Key until the API's final word; throws GaveUp at `until`. */
  async change(method: string, path: string, options: ChangeOptions): Promise<Answer> {
    const key = randomUUID();
    // Some attempt got no answer, or a 5xx other than 503: it may have taken effect.
    let mayHaveTakenEffect = false;
    let last = '';
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) this.log.retries++;
      const started = Date.now();
      let wait = backoffMs(attempt);
      try {
        const headers: Record<string, string> = { 'idempotency-key': key };
        let body: RequestInit['body'];
        if (options.form) body = options.form();
        else if (options.json !== undefined) {
          body = JSON.stringify(options.json);
          headers['content-type'] = 'application/json';
        }
        const answer = await this.attempt(method, path, headers, body);
        this.log.slowestAnswerMs = Math.max(this.log.slowestAnswerMs, Date.now() - started);
        last = `${answer.status} ${JSON.stringify(answer.body)?.slice(0, 300)}`;
        if (answer.status === 408) {
          this.log.requestTimeouts.push(`${method} ${path}`);
        } else if (answer.status === 503 || answer.status === 429 || isStillBeingAnswered(answer)) {
          if (answer.status === 503) this.log.unavailable++;
          if (answer.status === 409) this.log.stillBeingAnswered++;
          wait = retryAfterMs(answer.headers) ?? wait;
        } else if (answer.status >= 500) {
          this.log.serverErrors.push(`${method} ${path} answered ${last}`);
          mayHaveTakenEffect = true;
        } else {
          if (answer.status === 409 && mayHaveTakenEffect) this.log.conflictsOnRetry.push(`${method} ${path} answered ${last} on attempt ${attempt}`);
          return answer;
        }
      } catch (err) {
        const timedOut = (err as Error).name === 'TimeoutError';
        if (timedOut) this.log.timeouts++;
        else this.log.connectionErrors++;
        last = timedOut ? `no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s` : describeFetchError(err);
        mayHaveTakenEffect = true;
      }
      if (Date.now() + wait > options.until) throw new GaveUp(`${method} ${path}: gave up after ${attempt} attempts; last: ${last}`);
      await sleep(wait);
    }
  }

  /** A read, retried on anything but an answer of 2xx or 4xx; throws GaveUp at `until`. */
  async read(path: string, until: number): Promise<Answer> {
    let last = '';
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await this.attempt('GET', path, {});
        if (answer.status < 500 && answer.status !== 429 && answer.status !== 408) return answer;
        last = `${answer.status} ${JSON.stringify(answer.body)?.slice(0, 300)}`;
        if (answer.status === 408) this.log.requestTimeouts.push(`GET ${path}`);
        else if (answer.status !== 503 && answer.status !== 429) this.log.readServerErrors.push(`GET ${path} answered ${last}`);
      } catch (err) {
        last = describeFetchError(err);
      }
      const wait = backoffMs(attempt);
      if (Date.now() + wait > until) throw new GaveUp(`GET ${path}: gave up after ${attempt} attempts; last: ${last}`);
      await sleep(wait);
    }
  }

  /** Signs in (retried like any call) and answers a client that acts as that person. */
  async signIn(username: string, until: number): Promise<ChaosClient> {
    const answer = await this.change('POST', '/api/auth/login', { json: { username, password: DEMO_PASSWORD }, until });
    if (answer.status !== 200) throw new Error(`signing in as ${username} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    return new ChaosClient(this.baseUrl, this.log, (answer.body as { token: string }).token);
  }
}

function describeFetchError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}
