import { appendAuditEntry } from '../db/audit-log';
import { caseIdOfAccessToken } from '../db/cases';
import { loginThrottle } from '../db/login-throttle';
import { createSession, findSession, revokeSession, touchSession } from '../db/sessions';
import { allAccounts, disableUser, enableUser, findUserByUsername, notifyByEmailOf, setNotifyByEmail, toStaffUser } from '../db/users';
import type { Principal, StaffUser } from '../domain/access';
import { conflict, notFound, unauthorized } from '../domain/errors';
import { verifyPassword } from '../security/passwords';
import { newToken, tokenHash } from '../security/tokens';
import type { UseCaseDeps } from './deps';

const SESSION_IDLE_MS = 30 * 60_000;
const SESSION_MAX_MS = 12 * 3_600_000;

/** A new staff session for the right password; failures are throttled per username and audited. */
export async function signIn({ db }: UseCaseDeps, username: string, password: string) {
  const throttle = loginThrottle(db);
  const attempt = await throttle.admitAttempt(username);
  if ('refusal' in attempt) throw attempt.refusal;
  const user = await findUserByUsername(db, username);
  const ok = user && !user.disabled && user.passwordHash !== null && (await verifyPassword(password, user.passwordHash));
  if (!ok) {
    const state = attempt.counted;
    await appendAuditEntry(db, {
      actorId: user?.id,
      action: state.lockedUntil ? 'login-locked' : 'login-failed',
      // An unknown username may be a password typed in the wrong box: only known accounts are named.
      details: { ...(user && { username }), failures: state.failures, ...(state.lockedUntil && { lockedUntil: state.lockedUntil.toISOString() }) },
    });
    throw unauthorized('invalid-credentials');
  }
  await throttle.recordSuccess(username);
  const token = newToken('ls');
  const expiresAt = new Date(Date.now() + SESSION_MAX_MS);
  await createSession(db, { tokenHash: tokenHash(token), userId: user.id, expiresAt });
  await appendAuditEntry(db, { actorId: user.id, action: 'login', details: { username } });
  return { token, expiresAt, user: toStaffUser(user) };
}

/** Revokes the session of this token only: the account's other sessions go on. */
export async function signOut({ db }: UseCaseDeps, token: string): Promise<void> {
  await revokeSession(db, tokenHash(token), new Date());
}

/** A session is marked as used at most this often. */
const SESSION_TOUCH_MS = 60_000;

/**
 * Who a bearer token stands for: an applicant (a case's access token) or a staff account (a live
 * session, which this use keeps alive). Null when the token opens nothing.
 */
export async function principalOfToken({ db }: Pick<UseCaseDeps, 'db'>, token: string): Promise<Principal | null> {
  const hash = tokenHash(token);
  if (token.startsWith('la_')) {
    const caseId = await caseIdOfAccessToken(db, hash);
    return caseId ? { kind: 'applicant', caseId } : null;
  }
  const session = await findSession(db, hash);
  const now = Date.now();
  if (!session || session.revokedAt || session.userDisabled || session.expiresAt.getTime() <= now || now - session.lastSeenAt.getTime() > SESSION_IDLE_MS) return null;
  // Idleness is counted in minutes: one write a minute keeps a busy session alive without a write per request.
  if (now - session.lastSeenAt.getTime() >= SESSION_TOUCH_MS) await touchSession(db, hash, new Date(now));
  return { kind: 'user', user: toStaffUser(session.user) };
}

export async function listAccounts({ db }: UseCaseDeps) {
  return allAccounts(db);
}

/** Disables an account, ending all its sessions at once; nobody disables their own. */
export async function disableAccount({ db }: UseCaseDeps, actor: StaffUser, id: string) {
  if (id === actor.id) throw conflict('cannot-disable-self');
  const disabled = await disableUser(db, id, new Date());
  if (!disabled) throw notFound();
  await appendAuditEntry(db, { actorId: actor.id, action: 'account-disabled', details: { userId: id, username: disabled.account.username, revokedSessions: disabled.revokedSessions } });
  return disabled;
}

/** Enables an account and lifts its sign-in lock. */
export async function enableAccount({ db }: UseCaseDeps, actor: StaffUser, id: string) {
  const account = await enableUser(db, id);
  if (!account) throw notFound();
  await loginThrottle(db).recordSuccess(account.username);
  await appendAuditEntry(db, { actorId: actor.id, action: 'account-enabled', details: { userId: id, username: account.username } });
  return account;
}

/** The signed-in account as it sees itself: with its email notification setting. */
export async function ownAccount({ db }: UseCaseDeps, user: StaffUser) {
  return { ...user, notifyByEmail: await notifyByEmailOf(db, user.id) };
}

/** Turns the account's hourly digest of new tasks on or off; a change is audited. */
export async function setEmailNotifications({ db }: UseCaseDeps, user: StaffUser, notifyByEmail: boolean) {
  if (await setNotifyByEmail(db, user.id, notifyByEmail)) await appendAuditEntry(db, { actorId: user.id, action: 'notifications-changed', details: { userId: user.id, notifyByEmail } });
  return { ...user, notifyByEmail };
}
