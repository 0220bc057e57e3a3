import type { Db } from '../db/client';
import type { RequestClaim } from '../db/idempotent-requests';
import { claimRequest, releaseClaim, storeAnswer } from '../db/idempotent-requests';

export type { RequestClaim };

/** A first attempt silent this long is taken to have died: a retry takes its place. */
const ABANDONED_AFTER_MS = 15_000;

/** The store of requests made with an Idempotency-Key and their first answers. */
export interface IdempotentRequests {
  claim(key: string, fingerprint: string): Promise<RequestClaim>;
  answer(key: string, status: number, body: string | null): Promise<void>;
  release(key: string): Promise<void>;
}

export function idempotentRequests(db: Db): IdempotentRequests {
  return {
    claim: (key, fingerprint) => claimRequest(db, key, fingerprint, new Date(Date.now() - ABANDONED_AFTER_MS)),
    answer: (key, status, body) => storeAnswer(db, key, status, body),
    release: (key) => releaseClaim(db, key),
  };
}
