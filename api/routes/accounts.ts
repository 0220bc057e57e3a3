import type { RequestHandler } from 'express';
import { z } from 'zod';
import { loginBody } from '../../domain/schemas';
import { disableAccount, enableAccount, listAccounts, ownAccount, setEmailNotifications, signIn, signOut } from '../../use-cases/accounts';
import type { UseCaseDeps } from '../../use-cases/deps';
import { bearerToken, currentUser } from '../http/authenticate';
import { rateLimit } from '../http/rate-limit';
import { operation } from '../operation';
import { clearCodecCookie, setCodecCookie } from './codec';

export const userSchema = z.object({
  id: z.string(), username: z.string(), displayName: z.string().optional(), roles: z.array(z.string()), fields: z.array(z.string()),
  campaigns: z.array(z.string()).meta({ description: 'campaigns a reviewer serves; empty: every campaign' }),
  unitId: z.string().optional(), unit: z.string().optional(), unitKind: z.string().optional(),
});

/** The signed-in account as it sees itself. */
const ownAccountSchema = userSchema.extend({ notifyByEmail: z.boolean().meta({ description: 'whether the account gets an hourly email digest of the tasks that arrived for it' }) });

const notificationsBody = z.strictObject({ notifyByEmail: z.boolean() }).meta({ id: 'NotificationSettingsRequest' });

export const accountSchema = userSchema
  .extend({ email: z.string().nullable(), disabled: z.boolean(), invitation: z.enum(['pending', 'accepted']).meta({ description: 'pending until the password is set through the invitation link' }), createdAt: z.string() })
  .meta({ id: 'Account' });

/** Staff sessions only, refused before the body is read: an applicant's token has no session to end. */
const staffOnly: RequestHandler = (req, _res, next) => {
  currentUser(req);
  next();
};

/** Signing in and out, and the accounts the secretariat runs: disabling one ends all its sessions at once. */
export function accountOperations(deps: UseCaseDeps) {
  const perAddress = rateLimit(deps.rateCounters, { name: 'sign-in', limit: deps.config.rateLimits.loginPerMinute, windowMs: 60_000 });
  return [
    operation({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Sign in. Past 3 failures for a username each attempt waits longer (429 login-throttled); at 10 the username is locked for 15 minutes (429 account-locked)',
      auth: 'none',
      before: [perAddress],
      body: loginBody,
      ok: 200,
      response: z.object({ token: z.string(), expiresAt: z.string(), user: userSchema }),
      errors: [400, 401, 429],
      async handle({ body, res }) {
        const { token, expiresAt, user } = await signIn(deps, body.username, body.password);
        // The Temporal Web UI reaches the codec endpoint with cookies only.
        setCodecCookie(res, deps.config, { token, expiresAt, roles: user.roles });
        return { token, expiresAt: expiresAt.toISOString(), user };
      },
    }),
    operation({
      method: 'post',
      path: '/api/auth/logout',
      summary: 'Sign out (revokes the token)',
      before: [staffOnly],
      ok: 204,
      errors: [401],
      async handle({ req, res }) {
        await signOut(deps, bearerToken(req)!);
        clearCodecCookie(res, deps.config);
      },
    }),
    operation({
      method: 'get',
      path: '/api/auth/me',
      summary: 'The signed-in account',
      ok: 200,
      response: z.object({ user: ownAccountSchema }),
      errors: [401],
      async handle({ user }) {
        return { user: await ownAccount(deps, user) };
      },
    }),
    operation({
      method: 'patch',
      path: '/api/auth/me',
      summary: 'Turn the hourly email digest of new tasks on or off (every account, for itself)',
      before: [staffOnly],
      body: notificationsBody,
      ok: 200,
      response: z.object({ user: ownAccountSchema }),
      errors: [400, 401],
      async handle({ user, body }) {
        return { user: await setEmailNotifications(deps, user, body.notifyByEmail) };
      },
    }),
    operation({
      method: 'get',
      path: '/api/users',
      summary: 'Accounts (secretariat)',
      roles: ['secretariat'],
      ok: 200,
      response: z.object({ users: z.array(accountSchema) }),
      errors: [401, 403],
      async handle() {
        return { users: await listAccounts(deps) };
      },
    }),
    operation({
      method: 'post',
      path: '/api/users/{id}/disable',
      summary: 'Disable an account; all its sessions end at once (secretariat)',
      roles: ['secretariat'],
      ok: 200,
      response: z.object({ user: accountSchema, revokedSessions: z.int() }),
      errors: [401, 403, 404, 409],
      async handle({ user, params }) {
        const { account, revokedSessions } = await disableAccount(deps, user, params.id);
        return { user: account, revokedSessions };
      },
    }),
    operation({
      method: 'post',
      path: '/api/users/{id}/enable',
      summary: 'Enable an account and lift a sign-in lock (secretariat)',
      roles: ['secretariat'],
      ok: 200,
      response: z.object({ user: accountSchema }),
      errors: [401, 403, 404],
      async handle({ user, params }) {
        return { user: await enableAccount(deps, user, params.id) };
      },
    }),
  ];
}
