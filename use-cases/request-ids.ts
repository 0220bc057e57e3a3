import { createHash } from 'node:crypto';

/**
 * A record's id derived from the request that creates it: a retried request (same Idempotency-Key)
 * finds the record its first attempt stored instead of making a second. UUID-shaped, like the rest.
 */
export function idOfRequest(requestId: string, purpose: string): string {
  const h = createHash('sha256').update(`${purpose}\n${requestId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
