import { createHash, randomBytes } from 'node:crypto';

/** Bearer tokens are random; only their SHA-256 is stored, so a database leak grants no access. */
export function newToken(prefix: 'ls' | 'la'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
