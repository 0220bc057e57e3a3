import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { AppError } from '../../domain/errors';
import type { IdempotentRequests, RequestClaim } from '../../use-cases/idempotency';

const MAX_KEY_LENGTH = 200;
/** A retry that finds its first attempt still running waits this long for its answer. */
const WAIT_FOR_FIRST_MS = 4_000;

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** The request's Idempotency-Key, if it sent one: printable ASCII, at most 200 characters. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const raw = req.header('idempotency-key');
  if (raw === undefined) return undefined;
  const key = raw.trim();
  if (!key || key.length > MAX_KEY_LENGTH || /[^\x21-\x7e]/.test(key)) throw new AppError(400, 'invalid-idempotency-key');
  return key;
}

/**
 * The request's identity: who asks (an account, an applicant's case, or else the address), what
 * they ask (method and path) and their key. One client's key never meets another's.
 */
function requestIdOf(req: Request, key: string): string {
  const p = req.principal;
  const who = p?.kind === 'user' ? `user:${p.user.id}` : p?.kind === 'applicant' ? `case:${p.caseId}` : `address:${req.ip}`;
  return sha256([who, req.method, req.baseUrl + req.path, key].join('\n'));
}

/** What was asked: the same key with another body is another request, refused. */
function fingerprintOf(req: Request, body: unknown): string {
  const file = (req as Request & { file?: { buffer?: Buffer } }).file?.buffer;
  return sha256(JSON.stringify(body ?? null) + (file ? `\n${sha256(file)}` : ''));
}

async function claimOrWait(store: IdempotentRequests, requestId: string, fingerprint: string): Promise<RequestClaim> {
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const claim = await store.claim(requestId, fingerprint);
    if (claim.kind !== 'in-progress' || Date.now() > deadline) return claim;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Keeps the answer this response is about to send, for a retry with the same key: every answer
 * but one that says to try again (5xx, 429), after which the key is released.
 */
function rememberAnswer(res: Response, store: IdempotentRequests, requestId: string, log: (line: string) => void): void {
  let body: string | null = null;
  const json = res.json.bind(res);
  res.json = (value: unknown) => {
    body = JSON.stringify(value);
    return json(value);
  };
  res.once('finish', () => {
    const final = res.statusCode < 500 && res.statusCode !== 429;
    (final ? store.answer(requestId, res.statusCode, body) : store.release(requestId)).catch((err: unknown) =>
      log(`idempotency: could not keep the answer of request ${requestId.slice(0, 12)}: ${err instanceof Error ? err.message : String(err)}`),
    );
  });
}

/**
 * For an operation that changes state through a workflow, run with the request's Idempotency-Key:
 * answers a retry with the first answer (and `Idempotent-Replayed: true`), refuses the key reused
 * for another request (422), and otherwise hands the handler the request id its Update carries.
 * Answers `undefined` when it has answered the request itself.
 */
export async function idempotently(req: Request, res: Response, body: unknown, store: IdempotentRequests, log: (line: string) => void): Promise<{ requestId?: string } | undefined> {
  const key = idempotencyKeyOf(req);
  if (!key) return {};
  const requestId = requestIdOf(req, key);
  const claim = await claimOrWait(store, requestId, fingerprintOf(req, body));
  switch (claim.kind) {
    case 'answered':
      res.status(claim.status).setHeader('Idempotent-Replayed', 'true');
      if (claim.body === null) res.end();
      else res.type('application/json').send(claim.body);
      return undefined;
    case 'other-request':
      throw new AppError(422, 'idempotency-key-reused');
    case 'in-progress': {
      const busy = new AppError(409, 'request-in-progress');
      busy.retryAfterSeconds = 2;
      throw busy;
    }
    case 'new':
      rememberAnswer(res, store, requestId, log);
      return { requestId };
  }
}
