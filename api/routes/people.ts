import express from 'express';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import { createUnitBody, createUserBody, passwordLinkBody, passwordResetBody, setPasswordBody, updateUnitBody, updateUserBody } from '../../domain/schemas';
import type { UseCaseDeps } from '../../use-cases/deps';
import { createAccount, createUnit, importAccounts, listUnits, passwordLink, renameUnit, requestPasswordReset, resendInvitation, setPassword, updateAccount } from '../../use-cases/people';
import { rateLimit } from '../http/rate-limit';
import { operation } from '../operation';
import { accountSchema } from './accounts';

const unitSchema = z.object({ id: z.string(), name: z.string(), kind: z.string(), createdAt: z.string() }).meta({ id: 'Unit' });

const CSV_TYPES = ['text/csv', 'text/plain'];

/** The accounts sheet, as text: 2 MB at most, as the honourees sheet, with this route's own 413 and 415. */
function accountsCsv(): RequestHandler {
  const text = express.text({ type: CSV_TYPES, limit: '2mb' });
  return (req, res, next) =>
    text(req, res, (err?: unknown) => {
      const type = (err as { type?: string } | undefined)?.type;
      if (type === 'entity.too.large') return next(new AppError(413, 'csv-too-large', 'The CSV file is larger than 2 MB.'));
      if (type === 'charset.unsupported' || type === 'encoding.unsupported' || (!err && (!req.is(CSV_TYPES) || typeof req.body !== 'string')))
        return next(new AppError(415, 'unsupported-csv-type', 'Send the file as CSV text: Content-Type text/csv, UTF-8.'));
      next(err);
    });
}

/** Units and accounts, run by the secretariat; setting a password and asking for a reset link, by anyone. */
export function peopleOperations(deps: UseCaseDeps) {
  // A reset link is an email to someone: asking for many is throttled like signing in.
  const resetLimit = rateLimit(deps.rateCounters, { name: 'password-reset', limit: deps.config.rateLimits.loginPerMinute, windowMs: 60_000 });
  return [
    operation({
      method: 'get',
      path: '/api/units',
      summary: 'Units: recommending organisations and reviewers’ employers, with how many accounts each has (secretariat)',
      roles: ['secretariat'],
      ok: 200,
      response: z.object({ units: z.array(unitSchema.extend({ accounts: z.int() })) }),
      errors: [401, 403],
      handle: async () => ({ units: await listUnits(deps) }),
    }),
    operation({
      method: 'post',
      path: '/api/units',
      summary: 'Register a unit of one of the campaigns’ unit kinds (secretariat); 409 unit-exists for a name already registered',
      roles: ['secretariat'],
      body: createUnitBody,
      ok: 201,
      response: unitSchema,
      errors: [400, 401, 403, 409],
      handle: ({ user, body }) => createUnit(deps, user, body),
    }),
    operation({
      method: 'patch',
      path: '/api/units/{id}',
      summary: 'Rename a unit (secretariat); its accounts and quota follow',
      roles: ['secretariat'],
      body: updateUnitBody,
      ok: 200,
      response: unitSchema,
      errors: [400, 401, 403, 404, 409],
      handle: ({ user, params, body }) => renameUnit(deps, user, params.id, body.name),
    }),
    operation({
      method: 'post',
      path: '/api/users',
      summary:
        'Create an account (secretariat) and email it an invitation with a one-time link to set its password, valid 72 hours. A unit role needs unitId; working-group and branch need fields; 409 username-taken',
      roles: ['secretariat'],
      body: createUserBody,
      ok: 201,
      response: accountSchema,
      errors: [400, 401, 403, 409],
      async handle({ user, body, res }) {
        const { account } = await createAccount(deps, user, body);
        res.location(`/api/users/${account.id}`);
        return account;
      },
    }),
    operation({
      method: 'patch',
      path: '/api/users/{id}',
      summary: 'Change an account’s name, email, roles, fields, campaigns served or unit (secretariat)',
      roles: ['secretariat'],
      body: updateUserBody,
      ok: 200,
      response: accountSchema,
      errors: [400, 401, 403, 404],
      handle: ({ user, params, body }) => updateAccount(deps, user, params.id, body),
    }),
    operation({
      method: 'post',
      path: '/api/users/{id}/invitation',
      summary: 'Send a fresh invitation link (the old one stops working) to an account whose password is not set yet (secretariat)',
      roles: ['secretariat'],
      ok: 202,
      response: accountSchema,
      errors: [400, 401, 403, 404, 409],
      handle: ({ user, params }) => resendInvitation(deps, user, params.id),
    }),
    operation({
      method: 'post',
      path: '/api/users/import',
      summary:
        'Create accounts from CSV (secretariat): 用户名/username, 姓名/displayName, 邮箱/email, 角色/roles, 业务领域/fields, 单位/unit (the unit’s name). All or nothing; every bad line named; each account is invited',
      roles: ['secretariat'],
      before: [accountsCsv()],
      text: 'text/csv',
      ok: 200,
      response: z.object({ created: z.int() }),
      errors: [400, 401, 403, 409, 413, 415],
      handle: ({ user, req }) => importAccounts(deps, user, req.body as string),
    }),
    operation({
      method: 'post',
      path: '/api/auth/set-password',
      summary: 'Set a password with a one-time link (invitation or reset): at least 10 characters and not a common one (422 weak-password); the link works once (400 invalid-link)',
      auth: 'none',
      body: setPasswordBody,
      ok: 204,
      errors: [400, 422],
      handle: ({ body }) => setPassword(deps, body.token, body.password),
    }),
    operation({
      method: 'post',
      path: '/api/auth/password-link',
      summary: 'Whom a one-time set-password link is for, while it works (no login): the page checks the link before the form is filled; 400 invalid-link once used or expired',
      auth: 'none',
      body: passwordLinkBody,
      ok: 200,
      response: z.object({ username: z.string(), displayName: z.string(), purpose: z.enum(['invitation', 'reset']), expiresAt: z.string() }),
      errors: [400],
      handle: ({ body }) => passwordLink(deps, body.token),
    }),
    operation({
      method: 'post',
      path: '/api/auth/password-reset',
      summary: 'Email a reset link to the account, if there is one: the answer is 202 either way, so it reveals nothing',
      auth: 'none',
      before: [resetLimit],
      body: passwordResetBody,
      ok: 202,
      errors: [400, 429],
      async handle({ body }) {
        await requestPasswordReset(deps, body.username);
        return { accepted: true };
      },
    }),
  ];
}
