import { randomUUID } from 'node:crypto';
import { appendAuditEntry } from '../db/audit-log';
import { campaignsByDeadline } from '../db/campaigns';
import type { Db, Tx } from '../db/client';
import { queueEmail } from '../db/outbox';
import { consumePasswordToken, issuePasswordToken, livePasswordToken } from '../db/password-tokens';
import { revokeSessionsOf } from '../db/sessions';
import { allUnits, createUnit as insertUnit, findUnit, findUnitByName, renameUnit as storeUnitName } from '../db/units';
import type { Account, AccountData } from '../db/users';
import { allAccounts, createUser, findAccount, findUserByUsername, setPasswordHash, updateUser, usernameTaken } from '../db/users';
import type { StaffUser } from '../domain/access';
import { NATIONAL_UNIT_KINDS } from '../domain/campaign-config';
import { parseAccountCsv } from '../domain/account-csv';
import type { ErrorDetail } from '../domain/errors';
import { AppError, badRequest, conflict, notFound, takenBy } from '../domain/errors';
import { PASSWORD_PROBLEM_LABELS, checkPassword } from '../domain/password-policy';
import type { Role } from '../domain/roles';
import type { CreateUser, UpdateUser } from '../domain/schemas';
import { say } from '../domain/vocabulary';
import { renderInvitation, renderPasswordReset } from '../mail/templates';
import { hashPassword } from '../security/passwords';
import { newToken, tokenHash } from '../security/tokens';
import type { UseCaseDeps } from './deps';

export type { Account };

/** How long a link works: an invitation 72 hours (the contract), a reset 2 hours. */
const LINK_VALIDITY_MS = { invitation: 72 * 3_600_000, reset: 2 * 3_600_000 } as const;

// ---------------------------------------------------------------- units

export async function listUnits({ db }: UseCaseDeps) {
  return allUnits(db);
}

/** The unit kinds any campaign knows, the national ones included: a unit must be of one of them. */
async function knownUnitKinds(db: Db): Promise<Set<string>> {
  const kinds = new Set(NATIONAL_UNIT_KINDS.map((k) => k.code));
  for (const c of await campaignsByDeadline(db)) for (const k of c.unitKinds) kinds.add(k.code);
  return kinds;
}

/** A 400 naming one field, in the reader's language. */
const fieldError = (path: string, zh: string, en: string) => new AppError(400, 'validation-failed', undefined, (language) => [{ path, message: language === 'en' ? en : zh }]);

export async function createUnit({ db }: UseCaseDeps, actor: StaffUser, unit: { name: string; kind: string }) {
  if (!(await knownUnitKinds(db)).has(unit.kind)) throw fieldError('kind', '不是任何评选活动的推荐单位类型', 'not a unit kind of any campaign');
  if (await findUnitByName(db, unit.name)) throw takenBy('unit-exists', 'name');
  const created = await insertUnit(db, { id: randomUUID(), ...unit });
  await appendAuditEntry(db, { actorId: actor.id, action: 'unit-created', details: { unitId: created.id, name: created.name, kind: created.kind } });
  return created;
}

export async function renameUnit({ db }: UseCaseDeps, actor: StaffUser, id: string, name: string) {
  const unit = await findUnit(db, id);
  if (!unit) throw notFound();
  if (unit.name === name) return unit;
  if (await findUnitByName(db, name)) throw takenBy('unit-exists', 'name');
  const renamed = await storeUnitName(db, id, name);
  await appendAuditEntry(db, { actorId: actor.id, action: 'unit-renamed', details: { unitId: id, from: unit.name, to: name } });
  return renamed;
}

// ---------------------------------------------------------------- accounts

export async function listAccounts({ db }: UseCaseDeps): Promise<Account[]> {
  return allAccounts(db);
}

/** What the roles need: a unit for a unit account, fields for working-group and branch reviewers. */
function inconsistencies(a: { roles: Role[]; fields: string[]; unitId: string | null }): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (a.roles.includes('unit') && !a.unitId) problems.push({ path: 'unitId', message: 'unit-required' });
  if ((a.roles.includes('working-group') || a.roles.includes('branch')) && a.fields.length === 0) problems.push({ path: 'fields', message: 'fields-required' });
  return problems;
}

const ACCOUNT_WORDS: Record<string, { zh: string; en: string }> = {
  'unit-required': { zh: '推荐单位账号须选择所属单位', en: 'a unit account needs its unit' },
  'fields-required': { zh: '评审工作组和分支机构账号须选择业务领域', en: 'working-group and branch reviewers need their fields' },
  'no-such-unit': { zh: '没有这个单位', en: 'no such unit' },
  'no-such-campaign': { zh: '没有这个评选活动', en: 'no such campaign' },
  'no-such-field': { zh: '所服务的评选活动中没有这个业务领域', en: 'none of the campaigns served has this business field' },
  'no-email': { zh: '该账号没有电子邮箱，无法发送邀请', en: 'the account has no email address to send the invitation to' },
};

function refuseAccount(problems: ErrorDetail[]): never {
  throw new AppError(400, 'validation-failed', undefined, (language) => problems.map((p) => ({ path: p.path, message: say(ACCOUNT_WORDS[p.message], language, p.message) })));
}

async function checkAccount(db: Db, a: { roles: Role[]; fields: string[]; campaigns: string[]; unitId: string | null }) {
  const problems = inconsistencies(a);
  if (a.unitId && !(await findUnit(db, a.unitId))) problems.push({ path: 'unitId', message: 'no-such-unit' });
  const campaigns = await campaignsByDeadline(db);
  const known = new Set(campaigns.map((c) => c.id));
  a.campaigns.forEach((c, i) => known.has(c) || problems.push({ path: `campaigns.${i}`, message: 'no-such-campaign' }));
  // A reviewer's fields are those of the campaigns they serve (every campaign when none is named).
  const served = a.campaigns.length ? campaigns.filter((c) => a.campaigns.includes(c.id)) : campaigns;
  const fields = new Set(served.flatMap((c) => c.fields.map((f) => f.code)));
  if (served.length) a.fields.forEach((f, i) => fields.has(f) || problems.push({ path: `fields.${i}`, message: 'no-such-field' }));
  if (problems.length) refuseAccount(problems);
}

/** Issues a one-time link and queues its email; the caller delivers it once the transaction is over. */
async function issueLink(tx: Db | Tx, publicUrl: string, account: { id: string; username: string; displayName?: string; email: string | null }, purpose: 'invitation' | 'reset') {
  const token = newToken('lp');
  const at = new Date();
  const expiresAt = new Date(at.getTime() + LINK_VALIDITY_MS[purpose]);
  await issuePasswordToken(tx, { hash: tokenHash(token), userId: account.id, purpose, expiresAt, at });
  const link = `${publicUrl}/set-password#token=${token}`;
  const words = { displayName: account.displayName || account.username, username: account.username, link, expiresAt };
  const mail = purpose === 'invitation' ? renderInvitation(words) : renderPasswordReset(words);
  const outboxId = account.email
    ? await queueEmail(tx, { about: `account:${account.id}`, occasion: tokenHash(token).slice(0, 16), template: purpose, recipient: account.email, caseId: `account:${account.id}`, ...mail })
    : null;
  return { link, outboxId };
}

/** Hands the email to its delivery workflow; if Temporal is out of reach, the housekeeping delivers it later. */
async function deliver({ emails }: UseCaseDeps, outboxId: string | null) {
  if (outboxId) await emails.deliver(outboxId).catch(() => undefined);
}

/**
 * A new account, with an invitation email carrying a one-time link to set its password (72 hours).
 * The link is returned to the caller only when there is no actor: the first secretariat of an
 * install, created from the command line.
 */
export async function createAccount(deps: UseCaseDeps, actor: StaffUser | null, body: CreateUser) {
  const { db, config } = deps;
  const data: AccountData = { displayName: body.displayName, email: body.email, roles: body.roles, fields: body.fields, campaigns: body.campaigns, unitId: body.unitId ?? null };
  await checkAccount(db, data);
  if (await usernameTaken(db, body.username)) throw takenBy('username-taken', 'username');
  const { account, link, outboxId } = await db.$transaction(async (tx) => {
    const account = await createUser(tx, randomUUID(), body.username, data);
    return { account, ...(await issueLink(tx, config.publicUrl, account, 'invitation')) };
  });
  await appendAuditEntry(db, { actorId: actor?.id ?? 'system', action: 'account-created', details: { userId: account.id, username: account.username, roles: account.roles, fields: account.fields, unitId: account.unitId ?? null } });
  await deliver(deps, outboxId);
  return { account, link };
}

export async function updateAccount({ db }: UseCaseDeps, actor: StaffUser, id: string, change: UpdateUser): Promise<Account> {
  const before = await findAccount(db, id);
  if (!before) throw notFound();
  const after = {
    roles: change.roles ?? before.roles,
    fields: change.fields ?? before.fields,
    campaigns: change.campaigns ?? before.campaigns,
    unitId: change.unitId === undefined ? (before.unitId ?? null) : change.unitId,
  };
  await checkAccount(db, after);
  const updated = await updateUser(db, id, { ...change, unitId: after.unitId });
  await appendAuditEntry(db, { actorId: actor.id, action: 'account-updated', details: { userId: id, username: before.username, changed: Object.keys(change).filter((k) => change[k as keyof UpdateUser] !== undefined) } });
  return updated;
}

/** A fresh invitation link; the old one stops working. */
export async function resendInvitation(deps: UseCaseDeps, actor: StaffUser, id: string) {
  const { db, config } = deps;
  const account = await findAccount(db, id);
  if (!account) throw notFound();
  if (account.invitation === 'accepted') throw conflict('invitation-accepted');
  if (!account.email) refuseAccount([{ path: 'email', message: 'no-email' }]);
  const { outboxId } = await issueLink(db, config.publicUrl, account, 'invitation');
  await appendAuditEntry(db, { actorId: actor.id, action: 'invitation-sent', details: { userId: id, username: account.username } });
  await deliver(deps, outboxId);
  return account;
}

// ---------------------------------------------------------------- passwords

/** Whom a set-password link is for, while it still works: the page says so before the form is filled. */
export async function passwordLink({ db }: UseCaseDeps, token: string) {
  const link = await livePasswordToken(db, tokenHash(token), new Date());
  const account = link && (await findAccount(db, link.userId));
  if (!link || !account || account.disabled) throw badRequest('invalid-link');
  return { username: account.username, displayName: account.displayName, purpose: link.purpose, expiresAt: link.expiresAt.toISOString() };
}

/** Sets the password through a one-time link: checked first, then the link is used up and every session ends. */
export async function setPassword({ db }: UseCaseDeps, token: string, password: string): Promise<void> {
  const hash = tokenHash(token);
  const now = new Date();
  const link = await livePasswordToken(db, hash, now);
  const account = link && (await findAccount(db, link.userId));
  if (!account || account.disabled) throw badRequest('invalid-link');
  const problem = checkPassword(password, { username: account.username, email: account.email ?? undefined, displayName: account.displayName });
  if (problem) throw new AppError(422, 'weak-password', undefined, (language) => [{ path: 'password', message: say(PASSWORD_PROBLEM_LABELS[problem], language) }]);
  const passwordHash = await hashPassword(password);
  const used = await db.$transaction(async (tx) => {
    const token = await consumePasswordToken(tx, hash, now);
    if (!token) return null;
    await setPasswordHash(tx, token.userId, passwordHash);
    await revokeSessionsOf(tx, token.userId, now);
    return token;
  });
  if (!used) throw badRequest('invalid-link');
  await appendAuditEntry(db, { actorId: used.userId, action: 'password-set', details: { userId: used.userId, purpose: used.purpose } });
}

/**
 * Emails a reset link to the account's address. The caller hears the same whether or not the
 * account exists, so the answer reveals nothing.
 */
export async function requestPasswordReset(deps: UseCaseDeps, username: string): Promise<void> {
  const { db, config } = deps;
  const user = await findUserByUsername(db, username.trim());
  if (!user || user.disabled || !user.email) return;
  const { outboxId } = await issueLink(db, config.publicUrl, { id: user.id, username: user.username, displayName: user.displayName, email: user.email }, 'reset');
  await appendAuditEntry(db, { actorId: user.id, action: 'password-reset-requested', details: { userId: user.id } });
  await deliver(deps, outboxId);
}

/**
 * Accounts from the secretariat's sheet, all or nothing: every bad line is named (units by their
 * names, usernames already taken), and each account created is invited.
 */
export async function importAccounts(deps: UseCaseDeps, actor: StaffUser, csv: string): Promise<{ created: number }> {
  const { db, config } = deps;
  const { rows, errors } = parseAccountCsv(csv);
  const problems = errors.map((e) => ({ line: e.line, en: e.message, zh: e.messageZh }));
  const units = new Map((await allUnits(db)).map((u) => [u.name, u.id]));
  for (const row of rows) {
    if (row.unitName && !units.has(row.unitName)) problems.push({ line: row.line, en: `no unit named "${row.unitName}": register it first`, zh: `没有名为「${row.unitName}」的单位，请先登记` });
    const unitProblems = inconsistencies({ roles: row.roles, fields: row.fields, unitId: row.unitName ? 'given' : null });
    for (const p of unitProblems) problems.push({ line: row.line, en: ACCOUNT_WORDS[p.message].en, zh: ACCOUNT_WORDS[p.message].zh });
    if (await usernameTaken(db, row.username)) problems.push({ line: row.line, en: `the username ${row.username} is taken`, zh: `用户名 ${row.username} 已被使用` });
  }
  if (problems.length) {
    problems.sort((a, b) => a.line - b.line);
    throw new AppError(400, 'invalid-csv', undefined, (language) => problems.map((p) => ({ path: `line ${p.line}`, message: language === 'en' ? p.en : p.zh })));
  }
  const invited = await db.$transaction(async (tx) => {
    const outboxIds: (string | null)[] = [];
    for (const row of rows) {
      const account = await createUser(tx, randomUUID(), row.username, {
        displayName: row.displayName,
        email: row.email,
        roles: row.roles,
        fields: row.fields,
        campaigns: [],
        unitId: row.unitName ? units.get(row.unitName)! : null,
      });
      outboxIds.push((await issueLink(tx, config.publicUrl, account, 'invitation')).outboxId);
    }
    return outboxIds;
  }, { timeout: 120_000 });
  await appendAuditEntry(db, { actorId: actor.id, action: 'accounts-imported', details: { usernames: rows.map((r) => r.username) } });
  for (const outboxId of invited) await deliver(deps, outboxId);
  return { created: rows.length };
}
