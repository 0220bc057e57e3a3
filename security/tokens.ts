import { createHash, randomBytes } from 'node:crypto';

/**
 * Tokens are random; only their SHA-256 is stored, so a database leak grants no access. The prefix
 * says what a token opens: `ls` a staff session, `la` an applicant's case, `lp` a set-password link.
 */
export function newToken(prefix: 'ls' | 'la' | 'lp'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
