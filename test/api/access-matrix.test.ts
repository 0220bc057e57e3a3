import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createApp, operationsTable, useCaseDeps } from '../../api/app';
import { openApiDocument } from '../../api/openapi';
import { demoAccounts } from '../../devtools/demo-data';
import type { AccessFixtures, CaseFixture, TaskFixture } from '../support/access-fixtures';
import { FIELD_X, FIELD_Y, SELF_EMPLOYER, UNIT_OF, buildAccessFixtures } from '../support/access-fixtures';
import { SAMPLE_PDF, eventually, nominationForm, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

/*
 * The access matrix (issue "Trust"): every caller against every endpoint, on its own case, another
 * unit's case and another field's task. The policy it encodes:
 *
 * - Each endpoint checks the role and the object. A unit sees its own cases; working-group and
 *   branch reviewers see and act on their field only; committee members on committee tasks only;
 *   auditors read and never write; the secretariat runs campaigns. An applicant's access token is
 *   a credential for its own case only.
 * - No or bad credentials answer 401. What a caller may not see answers 404, not 403, so existence
 *   does not leak; 403 is for a caller who sees the object but may not do this. A task is seen, as
 *   a task, by the group that acts on it (the inbox lists nothing else); a reviewer of that group
 *   who must recuse gets 403 conflict-of-interest. 409/422 are acceptable where the caller may act
 *   but the object's state refuses.
 * - Request bodies are strict: an unknown field is refused with 400 and nothing is assigned.
 *
 * Attempts that must be refused run first; allowed writes run last, in an order that keeps every
 * fixture meaningful (claims, releases, decisions, the committee round, objections, fraud reports,
 * resubmission, withdrawals, and sign-outs at the very end).
 */

type Outcome = 'ok' | number;
interface Expectation {
  outcomes: Outcome[];
  why: string;
}
const allow = (why: string): Expectation => ({ outcomes: ['ok'], why });
const deny = (status: number, why: string): Expectation => ({ outcomes: [status], why });
const oneOf = (outcomes: Outcome[], why: string): Expectation => ({ outcomes, why });

interface Caller {
  name: string;
  kind: 'anonymous' | 'bad-token' | 'user' | 'applicant';
  roles: string[];
  fields: string[];
  unit?: string;
}

type Body = { json: unknown } | { form: () => FormData } | { csv: string };

interface Answer {
  status: number;
  body: any;
}

interface Attempt {
  endpoint: string;
  caller: string;
  object: string;
  phase: number;
  method: string;
  /** A function when the object only exists once earlier attempts ran (undefined: it never came to be). */
  path: string | (() => string | undefined);
  body?: Body;
  expect: Expectation;
  /** A token other than the caller's current one (a revoked session). */
  token?: () => string | undefined;
  /** Further checks of an answer in the expected class; each returned line is a leak or a wrong answer. */
  inspect?: (res: Answer) => string | undefined;
  /**
   * For a body with an unknown field that the endpoint may ignore rather than refuse: whether a 2xx
   * actually applied it. Unset, every 2xx of a refused attempt counts as an unauthorised success.
   */
  applied?: (res: Answer) => boolean;
  /** Runs after the answer (e.g. keeps a replaced access token). */
  after?: (res: Answer) => void;
}

type Row = Omit<Attempt, 'endpoint' | 'method'>;

/** Ids of what the matrix creates, for the rows that act on it later. */
const created: { unit?: string; user?: string } = {};
const newAccount = (username: string) => ({ username, displayName: '矩阵新账号', email: `${username}@example.test`, roles: ['auditor'] });

/** The order attempts run in: every refusal and read first, then the allowed writes. */
const PHASE = {
  check: 0,
  create: 10, disable: 15, disabled: 16, enable: 17, enabled: 18,
  claim: 21, release: 22, complete: 23, branchTasks: 24,
  close: 30, objection: 40, fraud: 41, sideTasks: 42,
  resubmit: 50, withdraw: 60, tokenReplace: 65, tokenReplaced: 66, tokenRevoke: 67, tokenRevoked: 68,
  logout: 80, revoked: 90,
};

/** The account the secretariat disables and enables: no caller's. */
const TARGET_USER = 'branch-energy';
const USERS = ['secretariat', 'auditor', 'committee1', 'committee2', 'wg-catering', 'wg-energy', 'branch-catering', 'member-1', 'assoc-2'];
/** Signed in for the fixtures (D and S are assoc-1's) and for the disabled-account check, but no caller of the matrix. */
const FIXTURE_ONLY_USERS = ['assoc-1', TARGET_USER];

function callersFromSeed(): Caller[] {
  const accounts = new Map(demoAccounts().map((a) => [a.username, a]));
  const users = USERS.map((name): Caller => {
    const a = accounts.get(name);
    if (!a) throw new Error(`demo account ${name} is no longer seeded`);
    return { name, kind: 'user', roles: a.roles, fields: a.fields ?? [], unit: a.unit };
  });
  return [
    { name: 'anonymous', kind: 'anonymous', roles: [], fields: [] },
    { name: 'bad-token', kind: 'bad-token', roles: [], fields: [] },
    ...users,
    { name: 'applicant-of-C', kind: 'applicant', roles: [], fields: [] },
  ];
}

// ---- the policy, stated apart from the application's code ----

const has = (c: Caller, role: string) => c.kind === 'user' && c.roles.includes(role);
const isUnit = (c: Caller) => has(c, 'unit');
/** Staff who may write on cases (report fraud, decide their tasks): every staff role but the auditor. */
const isActingStaff = (c: Caller) => ['secretariat', 'working-group', 'branch', 'committee'].some((r) => has(c, r));

function seesCase(c: Caller, k: CaseFixture): boolean {
  if (c.kind === 'applicant') return k.owner === c.name;
  if (c.kind !== 'user') return false;
  if (has(c, 'secretariat') || has(c, 'auditor')) return true;
  if ((has(c, 'working-group') || has(c, 'branch')) && c.fields.includes(k.field)) return true;
  if (has(c, 'committee') && k.hadCommitteeTask) return true;
  return k.owner === c.name;
}
const ownsCase = (c: Caller, k: CaseFixture) => k.owner === c.name;

const TASK_ROLE: Record<TaskFixture['kind'], string> = {
  'seal-check': 'secretariat',
  'field-review': 'working-group',
  'branch-shortlist': 'branch',
  'committee-review': 'committee',
  'objection-review': 'secretariat',
  'fraud-investigation': 'secretariat',
};
const BY_FIELD: TaskFixture['kind'][] = ['field-review', 'branch-shortlist'];
function actsOn(c: Caller, t: TaskFixture): boolean {
  if (!has(c, TASK_ROLE[t.kind])) return false;
  return BY_FIELD.includes(t.kind) ? c.fields.includes(t.field) : true;
}
/** Recusal: no reviewer decides a case recommended by their own unit. */
const mustRecuse = (c: Caller, t: TaskFixture) => c.kind === 'user' && !isUnit(c) && c.unit !== undefined && c.unit === t.recommendingUnit;

/** Endpoints for signed-in accounts: everything else is refused before the object is looked at. */
function accountGate(c: Caller): Expectation | undefined {
  if (c.kind === 'anonymous') return deny(401, 'no credentials');
  if (c.kind === 'bad-token') return deny(401, 'a forged token is a bad credential');
  if (c.kind === 'applicant') return deny(401, 'an applicant token is a credential for its own case only, never an account');
  return undefined;
}
/** Case endpoints also take an applicant token. */
function credentialGate(c: Caller): Expectation | undefined {
  if (c.kind === 'anonymous') return deny(401, 'no credentials (the contract: 401 for no or bad credentials)');
  if (c.kind === 'bad-token') return deny(401, 'a forged token is a bad credential');
  return undefined;
}
/** Public endpoints: a bad token may be refused as a bad credential or ignored; neither is an authorisation matter. */
const publicAnswer = (c: Caller, ok: Expectation): Expectation =>
  c.kind === 'bad-token' ? oneOf([...ok.outcomes, 401], 'public endpoint: a bad credential may be refused (401) or ignored') : ok;

// ---- the matrix: one entry per endpoint, every caller against every object ----

interface Ctx {
  f: AccessFixtures;
  /** Account ids by username. */
  userIds: Record<string, string>;
  /** The stored sealed form's id of each fixture case, by case key. */
  sealedFormIds: Record<string, string>;
  /** Tasks that open only after the allowed decisions, objections and fraud reports; ids filled in before their phase. */
  later: Record<'branchX' | 'branchY' | 'objection' | 'fraud', TaskFixture>;
  callers: Caller[];
  cases: CaseFixture[];
  tasks: TaskFixture[];
  sessionOf: (name: string) => string | undefined;
}

const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
const DAY = 86_400_000;
const sealedFormOnly = (extra: Record<string, string> = {}) => ({
  form: () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(extra)) form.append(k, v);
    form.append('sealedForm', new Blob([SAMPLE_PDF], { type: 'application/pdf' }), 'again.pdf');
    return form;
  },
});
const nomination = (overrides: Record<string, unknown>) => ({ form: () => nominationForm(sampleNomination(overrides)) });
const HONOUREE_CSV = '年度,荣誉,类别,姓名或团队名称,单位\n2023,2023年度最美后勤人,个人,矩阵测试人员,矩阵测试单位\n';
const DECISION: Record<TaskFixture['kind'], Record<string, unknown>> = {
  'seal-check': { decision: 'approve' },
  'field-review': { decision: 'pass' },
  'branch-shortlist': { decision: 'shortlist' },
  'committee-review': { decision: 'approve', score: 80 },
  'objection-review': { decision: 'dismiss' },
  'fraud-investigation': { decision: 'dismiss' },
};

/** Rows for an endpoint of signed-in accounts that only some roles may use; every account knows it exists (403, not 404). */
function rolesOnly(ctx: Ctx, roles: string[], why: string, object: string, path: string, ok: { phase: number; body?: Body }, denied: { body?: Body } = {}): Row[] {
  return ctx.callers.map((c) => {
    const gate = accountGate(c);
    if (gate) return { caller: c.name, object, path, phase: PHASE.check, body: denied.body ?? ok.body, expect: gate };
    if (roles.some((r) => has(c, r))) return { caller: c.name, object, path, phase: ok.phase, body: ok.body, expect: allow(why) };
    return { caller: c.name, object, path, phase: PHASE.check, body: denied.body ?? ok.body, expect: deny(403, `only ${roles.join(' and ')} may; the endpoint is documented, so nothing is hidden`) };
  });
}

/** Rows for an endpoint only the secretariat may use (campaigns, accounts, the registry import). */
function secretariatOnly(ctx: Ctx, object: string, path: string, ok: { phase: number; body?: Body }, denied: { body?: Body } = {}): Row[] {
  return rolesOnly(ctx, ['secretariat'], 'the secretariat runs campaigns, accounts and the registry', object, path, ok, denied);
}

/** Rows for a task endpoint: the task's group acts; a recused member is 403; everyone else is 404. */
function taskRows(ctx: Ctx, action: 'claim' | 'release' | 'complete', phase: number, tasks = ctx.tasks, deniedPhase = PHASE.check): Row[] {
  const rows: Row[] = [];
  for (const t of tasks)
    for (const c of ctx.callers) {
      const path = () => (t.id ? `/api/tasks/${t.id}/${action}` : undefined);
      const body = action === 'complete' ? { json: DECISION[t.kind] } : undefined;
      const base = { caller: c.name, object: t.describe, path, body };
      const gate = accountGate(c);
      if (gate) rows.push({ ...base, phase: deniedPhase, expect: gate });
      else if (!actsOn(c, t)) rows.push({ ...base, phase: deniedPhase, expect: deny(404, `not ${TASK_ROLE[t.kind]}${BY_FIELD.includes(t.kind) ? ` of ${t.field}` : ''}: the task is not the caller's to see`) });
      else if (mustRecuse(c, t)) rows.push({ ...base, phase: deniedPhase, expect: deny(403, 'recusal: the case is recommended by the reviewer’s own unit (conflict-of-interest)') });
      else rows.push({ ...base, phase, expect: allow(`the ${TASK_ROLE[t.kind]} group acts on its task`) });
    }
  return rows;
}

/** Rows for the auditors' views of a case: auditors and the secretariat on any case; to others the history is not theirs to see. */
function auditorCaseRows(ctx: Ctx, action: 'history' | 'replay'): Row[] {
  return ctx.cases.flatMap((k) =>
    ctx.callers.map((c): Row => {
      const base = { caller: c.name, object: k.describe, path: `/api/cases/${k.id}/${action}`, phase: PHASE.check };
      const gate = credentialGate(c);
      if (gate) return { ...base, expect: gate };
      if (has(c, 'auditor') || has(c, 'secretariat')) return { ...base, expect: allow('auditors and the secretariat read and replay any case’s history') };
      if (seesCase(c, k)) return { ...base, expect: oneOf([403, 404], 'sees the case, but its audit history is the auditors’: refused either way, nothing leaks') };
      return { ...base, expect: deny(404, 'the case is not the caller’s to see') };
    }),
  );
}

function inboxLeak(ctx: Ctx, c: Caller) {
  return (res: Answer) => {
    const allowed = new Set(ctx.tasks.filter((t) => actsOn(c, t) && !mustRecuse(c, t)).map((t) => t.id));
    const fixtureIds = new Set(ctx.tasks.map((t) => t.id));
    const leaked = (res.body?.tasks ?? []).filter((t: { id: string }) => fixtureIds.has(t.id) && !allowed.has(t.id));
    return leaked.length ? `inbox lists tasks the caller may not act on: ${leaked.map((t: { id: string; kind: string }) => `${t.kind} ${t.id}`).join(', ')}` : undefined;
  };
}

/** The export lists the same cases as the list: its first column is the case id. */
function caseCsvLeak(ctx: Ctx, c: Caller) {
  return (res: Answer) => {
    const byId = new Map(Object.values(ctx.f.cases).map((k) => [k.id, k]));
    const listed = typeof res.body === 'string' ? res.body.split('\r\n').map((line) => line.split(',')[0]) : [];
    const leaked = listed.filter((id) => byId.has(id) && !seesCase(c, byId.get(id)!));
    return leaked.length ? `exports cases the caller may not see: ${leaked.map((id) => byId.get(id)!.key).join(', ')}` : undefined;
  };
}

function caseListLeak(ctx: Ctx, c: Caller) {
  return (res: Answer) => {
    const byId = new Map(Object.values(ctx.f.cases).map((k) => [k.id, k]));
    const leaked = (res.body?.cases ?? []).filter((x: { caseId: string }) => byId.has(x.caseId) && !seesCase(c, byId.get(x.caseId)!));
    return leaked.length ? `lists cases the caller may not see: ${leaked.map((x: { caseId: string }) => byId.get(x.caseId)!.key).join(', ')}` : undefined;
  };
}

const MATRIX: Record<string, (ctx: Ctx) => Row[]> = {
  'POST /api/auth/login': (ctx) => [
    { caller: 'anonymous', object: 'valid credentials', path: '/api/auth/login', phase: PHASE.check, body: { json: { username: 'auditor', password: 'demo-password' } }, expect: allow('anyone may sign in'),
      inspect: (res) => (JSON.stringify(res.body.user?.roles) === '["auditor"]' ? undefined : `signed in with roles ${JSON.stringify(res.body.user?.roles)}`) },
    { caller: 'anonymous', object: 'a wrong password', path: '/api/auth/login', phase: PHASE.check, body: { json: { username: 'branch-energy', password: 'not-the-password' } }, expect: deny(401, 'bad credentials') },
    { caller: 'anonymous', object: 'credentials plus roles (mass assignment)', path: '/api/auth/login', phase: PHASE.check, body: { json: { username: 'auditor', password: 'demo-password', roles: ['secretariat'] } }, expect: deny(400, 'unknown field `roles`') },
    { caller: 'bad-token', object: 'valid credentials', path: '/api/auth/login', phase: PHASE.check, body: { json: { username: 'auditor', password: 'demo-password' } }, expect: publicAnswer(ctx.callers.find((c) => c.kind === 'bad-token')!, allow('anyone may sign in')) },
  ],

  'POST /api/auth/logout': (ctx) => [
    ...ctx.callers.map((c): Row => {
      const gate = accountGate(c);
      return gate
        ? { caller: c.name, object: 'own session', path: '/api/auth/logout', phase: PHASE.check, expect: c.kind === 'applicant' ? deny(401, 'an applicant token is not a session') : gate }
        : { caller: c.name, object: 'own session', path: '/api/auth/logout', phase: PHASE.logout, expect: allow('every account may sign out') };
    }),
    // A signed-out session is a bad credential from then on.
    ...ctx.callers
      .filter((c) => c.kind === 'user')
      .map((c): Row => {
        const token = ctx.sessionOf(c.name);
        return { caller: `${c.name} (signed out)`, object: 'GET /api/campaigns with the revoked session', path: '/api/campaigns', phase: PHASE.revoked, token: () => token, expect: deny(401, 'a revoked session is a bad credential') };
      }),
  ],

  'GET /api/auth/me': (ctx) =>
    ctx.callers.map((c): Row => {
      const gate = accountGate(c);
      return {
        caller: c.name, object: 'own account', path: '/api/auth/me', phase: PHASE.check, expect: gate ?? allow('an account reads itself'),
        inspect: (res) => (res.body?.user?.username === c.name ? undefined : `answered another account: ${JSON.stringify(res.body?.user?.username)}`),
      };
    }),

  'PATCH /api/auth/me': (ctx) => [
    ...ctx.callers.map((c): Row => {
      const gate = accountGate(c);
      const base = { caller: c.name, object: 'own email notifications', path: '/api/auth/me', body: { json: { notifyByEmail: false } } };
      if (gate) return { ...base, phase: PHASE.check, expect: gate };
      return {
        ...base, phase: PHASE.create, expect: allow('every account turns its own notifications on or off'),
        inspect: (res) =>
          res.body?.user?.username !== c.name ? `changed another account: ${JSON.stringify(res.body?.user?.username)}`
            : res.body.user.notifyByEmail !== false ? `notifyByEmail is ${JSON.stringify(res.body.user.notifyByEmail)}` : undefined,
      };
    }),
    { caller: 'wg-catering', object: 'own email notifications, with roles (mass assignment)', path: '/api/auth/me', phase: PHASE.check, body: { json: { notifyByEmail: true, roles: ['secretariat'] } }, expect: deny(400, 'unknown field `roles`') },
    { caller: 'applicant-of-C', object: 'own email notifications, with an unknown field', path: '/api/auth/me', phase: PHASE.check, body: { json: { notifyByEmail: false, roles: ['secretariat'] } }, expect: deny(401, 'an applicant token is never an account, whatever the body') },
  ],

  'GET /api/users': (ctx) =>
    ctx.callers.map((c): Row => {
      const gate = accountGate(c);
      return { caller: c.name, object: 'all accounts', path: '/api/users', phase: PHASE.check, expect: gate ?? (has(c, 'secretariat') ? allow('the secretariat runs the accounts') : deny(403, 'accounts are the secretariat’s')) };
    }),

  'POST /api/users/{id}/disable': (ctx) => {
    const session = ctx.sessionOf(TARGET_USER);
    return [
      ...secretariatOnly(ctx, `account ${TARGET_USER}`, `/api/users/${ctx.userIds[TARGET_USER]}/disable`, { phase: PHASE.disable }),
      { caller: 'secretariat', object: 'its own account', path: `/api/users/${ctx.userIds.secretariat}/disable`, phase: PHASE.check, expect: deny(409, 'allowed, but an account does not disable itself (cannot-disable-self)') },
      { caller: `${TARGET_USER} (disabled)`, object: 'GET /api/inbox with a session from before', path: '/api/inbox', phase: PHASE.disabled, token: () => session, expect: deny(401, 'disabling an account ends its sessions at once') },
    ];
  },

  'POST /api/users/{id}/enable': (ctx) => {
    const session = ctx.sessionOf(TARGET_USER);
    return [
      ...secretariatOnly(ctx, `account ${TARGET_USER}`, `/api/users/${ctx.userIds[TARGET_USER]}/enable`, { phase: PHASE.enable }),
      { caller: 'secretariat', object: `account ${TARGET_USER}, with roles (mass assignment)`, path: `/api/users/${ctx.userIds[TARGET_USER]}/enable`, phase: PHASE.check,
        body: { json: { roles: ['secretariat'] } }, expect: deny(400, 'enabling takes no body: unknown field `roles`'),
        applied: (res) => JSON.stringify(res.body?.user?.roles ?? []).includes('secretariat') },
      { caller: `${TARGET_USER} (enabled again)`, object: 'GET /api/inbox with the session ended by disabling', path: '/api/inbox', phase: PHASE.enabled, token: () => session, expect: deny(401, 'enabling does not revive ended sessions') },
    ];
  },

  // People: the secretariat registers units and accounts; anyone sets a password through a link or asks for one.
  'GET /api/units': (ctx) => secretariatOnly(ctx, 'all units', '/api/units', { phase: PHASE.check }),
  'POST /api/units': (ctx) =>
    secretariatOnly(ctx, 'a new unit', '/api/units', { phase: PHASE.create, body: { json: { name: '矩阵测试单位', kind: 'association' } } }, { body: { json: { name: '矩阵拒绝单位', kind: 'association' } } }).map((row) =>
      row.phase === PHASE.create ? { ...row, after: (res: Answer) => void (created.unit = res.body?.id) } : row,
    ),
  'PATCH /api/units/{id}': (ctx) =>
    secretariatOnly(ctx, 'the unit created above', '', { phase: PHASE.disable, body: { json: { name: '矩阵测试单位（改名）' } } }).map((row) => ({ ...row, phase: PHASE.disable, path: () => created.unit && `/api/units/${created.unit}` })),
  'POST /api/users': (ctx) => [
    ...secretariatOnly(ctx, 'a new account', '/api/users', { phase: PHASE.create, body: { json: newAccount('matrix-new') } }, { body: { json: newAccount('matrix-denied') } }).map((row) =>
      row.phase === PHASE.create ? { ...row, after: (res: Answer) => void (created.user = res.body?.id) } : row,
    ),
    { caller: 'secretariat', object: 'a new account with a password hash (mass assignment)', path: '/api/users', phase: PHASE.check, body: { json: { ...newAccount('matrix-mass'), passwordHash: 'x' } }, expect: deny(400, 'unknown field `passwordHash`') },
  ],
  'PATCH /api/users/{id}': (ctx) => [
    ...secretariatOnly(ctx, `account ${TARGET_USER}`, `/api/users/${ctx.userIds[TARGET_USER]}`, { phase: PHASE.create, body: { json: { displayName: '矩阵改名' } } }),
    { caller: 'secretariat', object: `account ${TARGET_USER}, with disabled (mass assignment)`, path: `/api/users/${ctx.userIds[TARGET_USER]}`, phase: PHASE.check, body: { json: { disabled: true } }, expect: deny(400, 'unknown field `disabled`') },
  ],
  'POST /api/users/{id}/invitation': (ctx) =>
    secretariatOnly(ctx, 'the account created above (not yet accepted)', '', { phase: PHASE.disable }).map((row) => ({ ...row, phase: PHASE.disable, path: () => created.user && `/api/users/${created.user}/invitation` })),
  'POST /api/users/import': (ctx) =>
    secretariatOnly(ctx, 'accounts from a sheet', '/api/users/import', { phase: PHASE.create, body: { csv: '用户名,姓名,邮箱,角色\nmatrix-csv,矩阵表格,matrix-csv@example.test,审计员\n' } }, { body: { csv: '用户名,姓名,邮箱,角色\nmatrix-csv-denied,矩阵表格,x@example.test,审计员\n' } }),
  'POST /api/auth/set-password': (ctx) =>
    ctx.callers.map((c) => ({ caller: c.name, object: 'a link that was never issued', path: '/api/auth/set-password', phase: PHASE.check, body: { json: { token: 'lp_not-a-real-link', password: 'Xk9#mQ2vLp-long' } }, expect: publicAnswer(c, deny(400, 'anyone may try a link; an unknown one is invalid-link')) })),
  'POST /api/auth/password-link': (ctx) =>
    ctx.callers.map((c) => ({ caller: c.name, object: 'a link that was never issued', path: '/api/auth/password-link', phase: PHASE.check, body: { json: { token: 'lp_not-a-real-link' } }, expect: publicAnswer(c, deny(400, 'anyone may ask whom a link is for; an unknown one is invalid-link')) })),
  'POST /api/auth/password-reset': (ctx) =>
    ctx.callers.map((c) => ({ caller: c.name, object: 'a reset link for an unknown account', path: '/api/auth/password-reset', phase: PHASE.check, body: { json: { username: 'nobody-here' } }, expect: publicAnswer(c, allow('anyone may ask; the answer is the same whether the account exists')) })),
  'GET /api/public/campaigns': (ctx) => ctx.callers.map((c) => ({ caller: c.name, object: 'the open and recent campaigns', path: '/api/public/campaigns', phase: PHASE.check, expect: publicAnswer(c, allow('the list of campaigns is public')) })),
  'PATCH /api/campaigns/{id}': (ctx) => [
    ...secretariatOnly(ctx, 'the matrix campaign', `/api/campaigns/${ctx.f.campaignId}`, { phase: PHASE.create, body: { json: { title: '矩阵测试活动（改）' } } }),
    { caller: 'secretariat', object: 'the matrix campaign, with its code (mass assignment)', path: `/api/campaigns/${ctx.f.campaignId}`, phase: PHASE.check, body: { json: { code: 'hijacked' } }, expect: deny(400, 'the code never changes: unknown field `code`') },
  ],
  'GET /api/campaigns/{id}/quota': (ctx) => rolesOnly(ctx, ['unit'], 'a unit reads its own quota', 'the matrix campaign', `/api/campaigns/${ctx.f.campaignId}/quota`, { phase: PHASE.check }),

  'GET /api/nominations': (ctx) => [
    ...ctx.callers.map((c): Row => ({
      caller: c.name, object: 'the case list', path: `/api/nominations?campaignId=${ctx.f.campaignId}`, phase: PHASE.check,
      expect: accountGate(c) ?? allow('every account lists the cases it may see'), inspect: caseListLeak(ctx, c),
    })),
    ...ctx.callers
      .filter((c) => c.kind === 'user' && c.fields.length > 0)
      .map((c): Row => {
        const other = c.fields.includes(FIELD_X) ? FIELD_Y : FIELD_X;
        return { caller: c.name, object: `the case list filtered to another field (${other})`, path: `/api/nominations?field=${other}`, phase: PHASE.check, expect: allow('a filter narrows, never widens'), inspect: caseListLeak(ctx, c) };
      }),
  ],

  'GET /api/nominations.csv': (ctx) =>
    ctx.callers.map((c): Row => ({
      caller: c.name, object: 'the case list as CSV', path: `/api/nominations.csv?campaignId=${ctx.f.campaignId}`, phase: PHASE.check,
      expect: accountGate(c) ?? allow('every account exports the cases it may see'), inspect: caseCsvLeak(ctx, c),
    })),

  'GET /api/nominations/{caseId}/sealed-form': (ctx) => {
    const { A, B } = ctx.f.cases;
    return [
      ...ctx.cases.flatMap((k) =>
        ctx.callers.map((c): Row => ({
          caller: c.name, object: k.describe, path: `/api/nominations/${k.id}/sealed-form`, phase: PHASE.check,
          expect: credentialGate(c) ?? (seesCase(c, k) ? allow('staff who see the case, and its own unit or applicant, download the form') : deny(404, 'the case is not the caller’s to see')),
        })),
      ),
      // An object reference smuggled in the query: the form of another unit's case, asked for through one's own.
      { caller: 'member-1', object: `${A.describe}, asking for ${B.describe.split(' (')[0]}'s form by id`, path: `/api/nominations/${A.id}/sealed-form?id=${ctx.sealedFormIds[B.key]}`, phase: PHASE.check,
        expect: deny(404, 'the form belongs to a case the caller may not see') },
    ];
  },

  'POST /api/nominations/{caseId}/access-token': (ctx) => {
    const { C } = ctx.f.cases;
    const original = ctx.f.applicantToken;
    return [
      ...ctx.cases.flatMap((k) =>
        ctx.callers.map((c): Row => {
          const base = { caller: c.name, object: k.describe, path: `/api/nominations/${k.id}/access-token` };
          const gate = credentialGate(c);
          if (gate) return { ...base, phase: PHASE.check, expect: gate };
          if (!seesCase(c, k)) return { ...base, phase: PHASE.check, expect: deny(404, 'the case is not the caller’s to see') };
          if (c.kind !== 'applicant') return { ...base, phase: PHASE.check, expect: deny(403, 'sees the case, but only its applicant replaces the applicant’s token') };
          return {
            ...base, phase: PHASE.tokenReplace, expect: allow('the applicant replaces a token that may have leaked'),
            after: (res) => {
              if (typeof res.body?.accessToken === 'string') ctx.f.applicantToken = res.body.accessToken;
            },
          };
        }),
      ),
      { caller: 'applicant-of-C (replaced token)', object: `${C.describe.split(' (')[0]}, read with the old token`, path: `/api/nominations/${C.id}`, phase: PHASE.tokenReplaced, token: () => original,
        expect: deny(401, 'a replaced token stops working at once') },
    ];
  },

  'DELETE /api/nominations/{caseId}/access-token': (ctx) => {
    const { C } = ctx.f.cases;
    let revoked: string | undefined;
    return [
      ...ctx.cases.flatMap((k) =>
        ctx.callers.map((c): Row => {
          const base = { caller: c.name, object: k.describe, path: `/api/nominations/${k.id}/access-token` };
          const gate = credentialGate(c);
          if (gate) return { ...base, phase: PHASE.check, expect: gate };
          if (!seesCase(c, k)) return { ...base, phase: PHASE.check, expect: deny(404, 'the case is not the caller’s to see') };
          if (c.kind !== 'applicant' && !has(c, 'secretariat')) return { ...base, phase: PHASE.check, expect: deny(403, 'sees the case, but only its applicant or the secretariat revokes the token') };
          if (k.key !== 'C') return { ...base, phase: PHASE.check, expect: deny(409, 'allowed, but a case nominated by a unit has no applicant token (no-access-token)') };
          // The applicant revokes first (its token then ends), the secretariat after.
          return c.kind === 'applicant'
            ? { ...base, phase: PHASE.tokenRevoke, expect: allow('the applicant revokes its own token'), after: () => (revoked = ctx.f.applicantToken) }
            : { ...base, phase: PHASE.tokenRevoked, expect: allow('the secretariat revokes an applicant token') };
        }),
      ),
      { caller: 'applicant-of-C (revoked token)', object: `${C.describe.split(' (')[0]}, read with the revoked token`, path: `/api/nominations/${C.id}`, phase: PHASE.tokenRevoked, token: () => revoked,
        expect: deny(401, 'a revoked token stops working at once') },
    ];
  },

  'GET /docs': (ctx) => ctx.callers.map((c) => ({ caller: c.name, object: 'the API documentation page', path: '/docs', phase: PHASE.check, expect: publicAnswer(c, allow('the documentation is public')) })),
  'GET /docs/init.js': () => [{ caller: 'anonymous', object: 'the documentation page’s script', path: '/docs/init.js', phase: PHASE.check, expect: allow('the documentation is public') }],

  'GET /api/campaigns': (ctx) => ctx.callers.map((c) => ({ caller: c.name, object: 'all campaigns', path: '/api/campaigns', phase: PHASE.check, expect: accountGate(c) ?? allow('any account lists campaigns') })),

  'GET /api/campaigns/{id}': (ctx) =>
    ctx.callers.map((c) => ({ caller: c.name, object: 'the matrix campaign', path: `/api/campaigns/${ctx.f.campaignId}`, phase: PHASE.check, expect: accountGate(c) ?? allow('any account reads a campaign') })),

  'POST /api/campaigns': (ctx) => {
    const body = (code: string, extra: Record<string, unknown> = {}) => ({
      json: { code, title: '矩阵测试活动', submissionDeadline: iso(DAY), reviewDeadline: iso(2 * DAY), ...extra },
    });
    return [
      ...secretariatOnly(ctx, 'a new campaign', '/api/campaigns', { phase: PHASE.create, body: body('access-matrix-new') }, { body: body('access-matrix-denied') }),
      { caller: 'secretariat', object: 'a new campaign with id and roundClosedAt (mass assignment)', path: '/api/campaigns', phase: PHASE.check,
        body: body('access-matrix-mass', { id: 'hijacked', roundClosedAt: iso(0) }), expect: deny(400, 'unknown fields `id`, `roundClosedAt`') },
    ];
  },

  'PATCH /api/campaigns/{id}/deadlines': (ctx) => {
    const path = `/api/campaigns/${ctx.f.campaignId}/deadlines`;
    return [
      ...secretariatOnly(ctx, 'the matrix campaign', path, { phase: PHASE.create, body: { json: { reviewDeadline: iso(3 * DAY) } } }),
      { caller: 'secretariat', object: 'the matrix campaign, with winnerCap (mass assignment)', path, phase: PHASE.check, body: { json: { reviewDeadline: iso(3 * DAY), winnerCap: 1 } }, expect: deny(400, 'unknown field `winnerCap`') },
    ];
  },

  // Cases of the matrix campaign are still in review: only a forced close goes through.
  'POST /api/campaigns/{id}/committee/close': (ctx) => secretariatOnly(ctx, 'the matrix campaign', `/api/campaigns/${ctx.f.campaignId}/committee/close`, { phase: PHASE.close, body: { json: { force: true } } }),
  // The secretariat may announce; the matrix campaign's notice has not ended, so its call is refused on that ground, not on who calls.
  'POST /api/campaigns/{id}/announcement': (ctx) =>
    rolesOnly(ctx, ['secretariat'], 'the secretariat announces', 'the matrix campaign', `/api/campaigns/${ctx.f.campaignId}/announcement`, { phase: PHASE.close + 1 }).map((r) =>
      r.caller === 'secretariat' ? { ...r, expect: deny(422, 'allowed, but the matrix campaign’s notice has not ended (announcement-before-notice-ends)') } : r,
    ),
  'DELETE /api/campaigns/{id}/announcement': (ctx) =>
    rolesOnly(ctx, ['secretariat'], 'the secretariat cancels an announcement', 'the matrix campaign', `/api/campaigns/${ctx.f.campaignId}/announcement`, { phase: PHASE.close + 1 }).map((r) =>
      r.caller === 'secretariat' ? { ...r, expect: deny(404, 'allowed, but no announcement is scheduled (no-announcement-scheduled)') } : r,
    ),
  // The campaign dashboard: auditors read the summary too; the preview and the winners list are the secretariat's.
  'GET /api/campaigns/{id}/summary': (ctx) =>
    rolesOnly(ctx, ['secretariat', 'auditor'], 'the secretariat and auditors read a campaign’s summary', 'the matrix campaign', `/api/campaigns/${ctx.f.campaignId}/summary`, { phase: PHASE.check }),
  'GET /api/campaigns/{id}/committee/preview': (ctx) =>
    rolesOnly(ctx, ['secretariat'], 'the secretariat previews the round it closes', 'the matrix campaign', `/api/campaigns/${ctx.f.campaignId}/committee/preview`, { phase: PHASE.check }),
  'GET /api/campaigns/{id}/winners.csv': (ctx) =>
    rolesOnly(ctx, ['secretariat'], 'the secretariat exports the winners', 'the matrix campaign', `/api/campaigns/${ctx.f.campaignId}/winners.csv`, { phase: PHASE.check }),

  'POST /api/campaigns/{id}/nominations': (ctx) => {
    const path = `/api/campaigns/${ctx.f.campaignId}/nominations`;
    const object = 'the matrix campaign';
    const self = () => nomination({ channel: 'self', field: FIELD_Y, recommendingUnit: SELF_EMPLOYER });
    const org = (unit: string) => nomination({ field: FIELD_Y, recommendingUnit: unit });
    const rows: Row[] = [];
    for (const c of ctx.callers) {
      const base = { caller: c.name, path };
      if (c.kind === 'anonymous') {
        rows.push({ ...base, object: `${object}, self channel`, phase: PHASE.create, body: self(), expect: allow('a self-nomination needs no login') });
        rows.push({ ...base, object: `${object}, organisation channel`, phase: PHASE.check, body: org(UNIT_OF['assoc-2']), expect: deny(401, 'the organisation channel needs a unit login') });
      } else if (c.kind === 'bad-token') {
        rows.push({ ...base, object: `${object}, self channel`, phase: PHASE.check, body: self(), expect: deny(401, 'a forged token is a bad credential') });
      } else if (c.kind === 'applicant') {
        rows.push({ ...base, object: `${object}, self channel`, phase: PHASE.create, body: self(), expect: allow('a self-nomination needs no login; the token adds nothing') });
        rows.push({ ...base, object: `${object}, organisation channel`, phase: PHASE.check, body: org(UNIT_OF['assoc-2']), expect: deny(401, 'an applicant token is not a unit login') });
      } else if (c.name === 'member-1') {
        rows.push({ ...base, object: `${object}, organisation channel, own unit`, phase: PHASE.check, body: org(UNIT_OF['member-1']), expect: deny(409, 'allowed, but a member unit’s one slot is taken by case A (quota-exhausted)') });
        rows.push({ ...base, object: `${object}, organisation channel, in assoc-2's name`, phase: PHASE.check, body: org(UNIT_OF['assoc-2']), expect: oneOf([403, 422], 'a unit nominates in its own name only (unit-mismatch)') });
      } else if (c.name === 'assoc-2') {
        rows.push({ ...base, object: `${object}, organisation channel, own unit`, phase: PHASE.create, body: org(UNIT_OF['assoc-2']), expect: allow('an association nominates in its own name') });
        rows.push({ ...base, object: `${object}, organisation channel, in member-1's name`, phase: PHASE.check, body: org(UNIT_OF['member-1']), expect: oneOf([403, 422], 'a unit nominates in its own name only (unit-mismatch)') });
        rows.push({ ...base, object: `${object}, with status and submittedByUserId (mass assignment)`, phase: PHASE.check,
          body: nomination({ field: FIELD_Y, recommendingUnit: UNIT_OF['assoc-2'], status: 'announced', submittedByUserId: ctx.userIds.secretariat }), expect: deny(400, 'unknown fields `status`, `submittedByUserId`') });
      } else {
        rows.push({ ...base, object: `${object}, organisation channel`, phase: PHASE.check, body: org(UNIT_OF['assoc-2']), expect: deny(403, 'staff are no recommending unit (channel-not-allowed)') });
      }
    }
    rows.push({ caller: 'anonymous', path, object: `${object}, self channel with score and accessTokenHash (mass assignment)`, phase: PHASE.check,
      body: nomination({ channel: 'self', field: FIELD_Y, recommendingUnit: SELF_EMPLOYER, score: 100, accessTokenHash: 'x' }), expect: deny(400, 'unknown fields `score`, `accessTokenHash`') });
    return rows;
  },

  'GET /api/nominations/{caseId}': (ctx) =>
    ctx.cases.flatMap((k) =>
      ctx.callers.map((c): Row => ({
        caller: c.name, object: k.describe, path: `/api/nominations/${k.id}`, phase: PHASE.check,
        expect: credentialGate(c) ?? (seesCase(c, k) ? allow('the caller’s role covers the case') : deny(404, 'the case is not the caller’s to see')),
        inspect: (res) => (res.body?.caseId === k.id ? undefined : `answered another case: ${JSON.stringify(res.body?.caseId)}`),
      })),
    ),

  'POST /api/nominations/{caseId}/withdraw': (ctx) => [
    ...ctx.cases.flatMap((k) =>
      ctx.callers.map((c): Row => {
        const base = { caller: c.name, object: k.describe, path: `/api/nominations/${k.id}/withdraw`, body: { json: { reason: '矩阵测试' } } };
        const gate = credentialGate(c);
        if (gate) return { ...base, phase: PHASE.check, expect: gate };
        if (!seesCase(c, k)) return { ...base, phase: PHASE.check, expect: deny(404, 'the case is not the caller’s to see') };
        if (!ownsCase(c, k)) return { ...base, phase: PHASE.check, expect: deny(403, 'sees the case, but only its applicant or unit withdraws') };
        return { ...base, phase: PHASE.withdraw, expect: allow('the case’s own unit or applicant withdraws before announcement') };
      }),
    ),
    { caller: 'member-1', object: `${ctx.f.cases.A.describe}, with status (mass assignment)`, path: `/api/nominations/${ctx.f.cases.A.id}/withdraw`, phase: PHASE.check,
      body: { json: { reason: '矩阵测试', status: 'announced' } }, expect: deny(400, 'unknown field `status`') },
  ],

  'POST /api/nominations/{caseId}/sealed-form': (ctx) => [
    ...ctx.cases.flatMap((k) =>
      ctx.callers.map((c): Row => {
        const base = { caller: c.name, object: k.describe, path: `/api/nominations/${k.id}/sealed-form`, body: sealedFormOnly() };
        const gate = credentialGate(c);
        if (gate) return { ...base, phase: PHASE.check, expect: gate };
        if (!seesCase(c, k)) return { ...base, phase: PHASE.check, expect: deny(404, 'the case is not the caller’s to see') };
        if (!ownsCase(c, k)) return { ...base, phase: PHASE.check, expect: deny(403, 'sees the case, but only its applicant or unit resubmits') };
        if (k.key !== 'C') return { ...base, phase: PHASE.check, expect: deny(409, 'the owner may, but no resubmission was asked for (resubmission-not-requested)') };
        return { ...base, phase: PHASE.resubmit, expect: allow('the applicant resubmits when asked') };
      }),
    ),
    { caller: 'applicant-of-C', object: `${ctx.f.cases.C.describe}, with an extra status part (mass assignment)`, path: `/api/nominations/${ctx.f.cases.C.id}/sealed-form`, phase: PHASE.check,
      body: sealedFormOnly({ status: 'field-review' }), expect: deny(400, 'unknown part `status`') },
  ],

  'POST /api/nominations/{caseId}/fraud-reports': (ctx) => [
    ...ctx.cases.flatMap((k) =>
      ctx.callers.map((c): Row => {
        const base = { caller: c.name, object: k.describe, path: `/api/nominations/${k.id}/fraud-reports`, body: { json: { reason: '材料疑似不实（矩阵测试）' } } };
        const gate = credentialGate(c);
        if (gate) return { ...base, phase: PHASE.check, expect: gate };
        if (!seesCase(c, k)) return { ...base, phase: PHASE.check, expect: deny(404, 'the case is not the caller’s to see') };
        if (!isActingStaff(c)) return { ...base, phase: PHASE.check, expect: deny(403, has(c, 'auditor') ? 'auditors read and never write' : 'sees the case, but fraud is reported by staff') };
        return { ...base, phase: PHASE.fraud, expect: allow('staff who see the case report fraud') };
      }),
    ),
    { caller: 'secretariat', object: `${ctx.f.cases.B.describe}, with status (mass assignment)`, path: `/api/nominations/${ctx.f.cases.B.id}/fraud-reports`, phase: PHASE.check,
      body: { json: { reason: '矩阵测试', status: 'disqualified' } }, expect: deny(400, 'unknown field `status`') },
  ],

  'POST /api/honourees/import': (ctx) => secretariatOnly(ctx, 'the honouree registry', '/api/honourees/import', { phase: PHASE.create, body: { csv: HONOUREE_CSV } }),

  'GET /api/honourees': (ctx) =>
    ctx.callers.map((c): Row => {
      const base = { caller: c.name, object: 'the honouree registry', path: '/api/honourees', phase: PHASE.check };
      const gate = accountGate(c);
      if (gate) return { ...base, expect: gate };
      if (has(c, 'secretariat') || has(c, 'auditor')) return { ...base, expect: allow('secretariat and auditors read the registry') };
      return { ...base, expect: deny(403, 'the registry is the secretariat’s and the auditors’') };
    }),

  'GET /api/inbox': (ctx) => [
    ...ctx.callers.map((c): Row => ({
      caller: c.name, object: 'own inbox', path: '/api/inbox', phase: PHASE.check,
      expect: accountGate(c) ?? allow('every account has an inbox, listing only what it may act on'), inspect: inboxLeak(ctx, c),
    })),
    ...ctx.callers
      .filter((c) => c.kind === 'user' && c.fields.length > 0)
      .map((c): Row => {
        const other = c.fields.includes(FIELD_X) ? FIELD_Y : FIELD_X;
        return { caller: c.name, object: `own inbox filtered to another field (${other})`, path: `/api/inbox?field=${other}`, phase: PHASE.check, expect: allow('a filter narrows, never widens'), inspect: inboxLeak(ctx, c) };
      }),
  ],

  'POST /api/tasks/{id}/claim': (ctx) => [
    ...taskRows(ctx, 'claim', PHASE.claim),
    // Tasks of later stages: each field's branch shortlist, and the secretariat's objection and fraud tasks.
    ...taskRows(ctx, 'claim', PHASE.branchTasks, [ctx.later.branchX, ctx.later.branchY], PHASE.branchTasks),
    ...taskRows(ctx, 'claim', PHASE.sideTasks, [ctx.later.objection, ctx.later.fraud], PHASE.sideTasks),
    { caller: 'wg-catering', object: `${ctx.f.tasks.fieldX.describe}, claimed in another's name (mass assignment)`, path: `/api/tasks/${ctx.f.tasks.fieldX.id}/claim`, phase: PHASE.check,
      body: { json: { claimedBy: ctx.userIds.secretariat } }, expect: deny(400, 'a claim takes no body: unknown field `claimedBy`'),
      applied: (res) => res.body?.task?.claimedBy === ctx.userIds.secretariat },
  ],

  'POST /api/tasks/{id}/release': (ctx) => taskRows(ctx, 'release', PHASE.release),

  'POST /api/tasks/{id}/complete': (ctx) => {
    const { seal, fieldX, fieldY, committee } = ctx.f.tasks;
    return [
      ...taskRows(ctx, 'complete', PHASE.complete),
      { caller: 'wg-catering', object: `${fieldX.describe}, with reviewerId (mass assignment)`, path: `/api/tasks/${fieldX.id}/complete`, phase: PHASE.check,
        body: { json: { decision: 'pass', reviewerId: ctx.userIds.secretariat } }, expect: deny(400, 'unknown field `reviewerId`') },
      { caller: 'secretariat', object: `${seal.describe}, with status (mass assignment)`, path: `/api/tasks/${seal.id}/complete`, phase: PHASE.check,
        body: { json: { decision: 'approve', status: 'completed' } }, expect: deny(400, 'unknown field `status`') },
      { caller: 'committee2', object: `${committee.describe}, with votes (mass assignment)`, path: `/api/tasks/${committee.id}/complete`, phase: PHASE.check,
        body: { json: { decision: 'approve', score: 80, votes: 3 } }, expect: deny(400, 'unknown field `votes`') },
      { caller: 'wg-energy', object: `${fieldY.describe}, with a score (not a committee approval)`, path: `/api/tasks/${fieldY.id}/complete`, phase: PHASE.check,
        body: { json: { decision: 'pass', score: 100 } }, expect: oneOf([400, 422], 'only a committee approval carries a score (score-not-allowed)') },
      { caller: 'secretariat', object: `${seal.describe}, with another kind's decision`, path: `/api/tasks/${seal.id}/complete`, phase: PHASE.check,
        body: { json: { decision: 'shortlist' } }, expect: deny(422, 'the secretariat may decide it, but not with that decision (decision-not-allowed)') },
    ];
  },

  'GET /api/public/campaigns/{id}/announcement': (ctx) =>
    ctx.callers.map((c) => ({ caller: c.name, object: 'the matrix campaign’s announced honourees', path: `/api/public/campaigns/${ctx.f.campaignId}/announcement`, phase: PHASE.check, expect: publicAnswer(c, allow('the announcement is public')) })),
  'GET /api/public/campaigns/{id}/notice': (ctx) =>
    ctx.callers.map((c) => ({ caller: c.name, object: 'the matrix campaign', path: `/api/public/campaigns/${ctx.f.campaignId}/notice`, phase: PHASE.check, expect: publicAnswer(c, allow('the notice is public')) })),

  // Objections are rate-limited per address (10 a minute): few attempts, after the round put case A on the notice.
  'POST /api/public/campaigns/{id}/objections': (ctx) => {
    const path = `/api/public/campaigns/${ctx.f.campaignId}/objections`;
    const { A, B } = ctx.f.cases;
    const objection = (caseId: string, extra: Record<string, unknown> = {}) => ({ json: { caseId, reason: '对公示有异议（矩阵测试）', ...extra } });
    const byName = new Map(ctx.callers.map((c) => [c.name, c]));
    return [
      ...['anonymous', 'bad-token', 'secretariat', 'member-1', 'wg-energy', 'applicant-of-C'].map((name): Row => ({
        caller: name, object: `${A.describe.split(' (')[0]}, on the public notice`, path, phase: PHASE.objection, body: objection(A.id), expect: publicAnswer(byName.get(name)!, allow('anyone may object during the notice period')),
      })),
      { caller: 'anonymous', object: `${B.describe.split(' (')[0]}, not on the notice`, path, phase: PHASE.objection, body: objection(B.id), expect: deny(404, 'a case not on the notice is not public') },
      { caller: 'anonymous', object: `${A.describe.split(' (')[0]}, with status (mass assignment)`, path, phase: PHASE.objection, body: objection(A.id, { status: 'upheld' }), expect: deny(400, 'unknown field `status`') },
    ];
  },

  // The audit log: auditors and the secretariat read it; only the secretariat signs a head now (auditors never write).
  'GET /api/audit': (ctx) => [
    ...rolesOnly(ctx, ['auditor', 'secretariat'], 'auditors and the secretariat read the audit log', 'the audit log', '/api/audit', { phase: PHASE.check }),
    ...rolesOnly(ctx, ['auditor', 'secretariat'], 'auditors and the secretariat read the audit log', `the audit log of ${ctx.f.cases.A.describe.split(' (')[0]}`, `/api/audit?caseId=${ctx.f.cases.A.id}`, { phase: PHASE.check }),
  ],
  'GET /api/audit/verify': (ctx) => rolesOnly(ctx, ['auditor', 'secretariat'], 'auditors and the secretariat verify the chain', 'the audit chain', '/api/audit/verify', { phase: PHASE.check }),
  'GET /api/audit/anchors': (ctx) => rolesOnly(ctx, ['auditor', 'secretariat'], 'auditors and the secretariat read the signed heads', 'the signed heads', '/api/audit/anchors', { phase: PHASE.check }),
  'POST /api/audit/anchors': (ctx) => rolesOnly(ctx, ['secretariat'], 'the secretariat signs the head now', 'the audit chain head', '/api/audit/anchors', { phase: PHASE.create }),

  // A case's full history and its replay: auditors and the secretariat, on any case (replay changes nothing).
  'GET /api/cases/{caseId}/history': (ctx) => auditorCaseRows(ctx, 'history'),
  'POST /api/cases/{caseId}/replay': (ctx) => auditorCaseRows(ctx, 'replay'),

  'GET /api/public/campaigns/{id}': (ctx) => ctx.callers.map((c) => ({ caller: c.name, object: 'the campaign’s public facts', path: `/api/public/campaigns/${ctx.f.campaignId}`, phase: PHASE.check, expect: publicAnswer(c, allow('title and dates are public')) })),
  'GET /api/labels': (ctx) => ctx.callers.map((c) => ({ caller: c.name, object: 'the vocabularies', path: '/api/labels', phase: PHASE.check, expect: publicAnswer(c, allow('the names of fields and statuses are public')) })),
  'GET /healthz': (ctx) => ctx.callers.map((c) => ({ caller: c.name, object: 'the service', path: '/healthz', phase: PHASE.check, expect: publicAnswer(c, allow('health is public')) })),
  'GET /api/outbox': (ctx) => rolesOnly(ctx, ['secretariat', 'auditor'], 'the secretariat and auditors read the outbox backlog', 'the outbox backlog', '/api/outbox', { phase: PHASE.check }),
  'GET /openapi.json': (ctx) => ctx.callers.map((c) => ({ caller: c.name, object: 'the contract', path: '/openapi.json', phase: PHASE.check, expect: publicAnswer(c, allow('the contract is public')) })),
  // Development only (absent in production): the caught mail.
  'GET /dev/mail': () => [{ caller: 'anonymous', object: 'the caught mail (development only)', path: '/dev/mail', phase: PHASE.check, expect: allow('a development tool, not served in production') }],
  // The codec server the Temporal Web UI and CLI call: it decrypts payloads, so readers of every case only; encoding serves writing from the Web UI.
  'POST /codec/decode': (ctx) => [
    ...rolesOnly(ctx, ['secretariat', 'auditor'], 'the secretariat and auditors read payloads in clear (each call audited)', 'Temporal payloads', '/codec/decode', { phase: PHASE.check, body: { json: { payloads: [] } } }),
    { caller: 'auditor', object: 'Temporal payloads, with an unknown field (mass assignment)', path: '/codec/decode', phase: PHASE.check, body: { json: { payloads: [], actorId: 'someone-else' } }, expect: deny(400, 'unknown field `actorId`') },
  ],
  'POST /codec/encode': (ctx) => rolesOnly(ctx, ['secretariat'], 'encoding serves writing into workflows from the Web UI: the secretariat’s, auditors write nothing', 'Temporal payloads', '/codec/encode', { phase: PHASE.check, body: { json: { payloads: [] } } }),
  // For Prometheus, not a person: open outside production unless METRICS_TOKEN is set (the test configuration sets none); no session token is asked for.
  'GET /metrics': (ctx) => ctx.callers.map((c) => ({ caller: c.name, object: 'the metrics', path: '/metrics', phase: PHASE.check, expect: allow('open outside production without METRICS_TOKEN; a session token is neither needed nor checked') })),
};

// ---- running it ----

let system: System;
/** The API's own log lines (a 500 names its cause here), shown with a failure. */
const serverLog: string[] = [];
let fixtures: AccessFixtures;
let callers: Caller[];
const badToken = `ls_${randomBytes(24).toString('base64url')}`;

beforeAll(async () => {
  system = await startSystem({ log: (line) => serverLog.push(line.length > 600 ? `${line.slice(0, 300)} … ${line.slice(-300)}` : line) });
  await system.startWorker();
  callers = callersFromSeed();
  fixtures = await buildAccessFixtures(system.baseUrl, [...USERS, ...FIXTURE_ONLY_USERS], 'access-matrix').catch((err: Error) => {
    throw new Error(`${err.message}\nAPI log:\n${serverLog.join('\n')}`);
  });
}, 600_000);

afterAll(async () => {
  await system?.stop();
});

function laterTask(key: string, kind: TaskFixture['kind'], k: CaseFixture): TaskFixture {
  return { key, id: '', kind, field: k.field, caseKey: k.key, recommendingUnit: k.recommendingUnit, describe: `${kind} task of ${k.describe.split(' (')[0]} (${k.field})` };
}

const endpointKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

function documentedEndpoints(): string[] {
  return Object.entries(openApiDocument(operationsTable(useCaseDeps({ db: system.db, temporal: system.env.client, config: system.config }))).paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => endpointKey(m, path)));
}

/** Every route the Express app serves, in the OpenAPI spelling (`:id` becomes `{id}`). */
function servedEndpoints(): string[] {
  const app = createApp({ db: system.db, temporal: system.env.client, config: system.config, log: () => {} });
  const found: string[] = [];
  const walk = (stack: any[]) => {
    for (const layer of stack ?? []) {
      if (layer.route && typeof layer.route.path === 'string')
        for (const m of Object.keys(layer.route.methods ?? {})) found.push(endpointKey(m, layer.route.path.replace(/:(\w+)/g, '{$1}')));
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as any).router?.stack ?? (app as any)._router?.stack);
  return [...new Set(found)];
}

test('every operation of the OpenAPI document and every route the app serves has a row in the access matrix, and no row is stale', () => {
  const documented = documentedEndpoints();
  const served = servedEndpoints();
  expect(served.length).toBeGreaterThan(10); // the route walk still understands Express's router
  const rows = new Set(Object.keys(MATRIX));
  const problems = [
    ...documented.filter((e) => !rows.has(e)).map((e) => `documented but no matrix row: ${e}`),
    ...served.filter((e) => !rows.has(e)).map((e) => `served but no matrix row: ${e}`),
    ...[...rows].filter((e) => !served.includes(e)).map((e) => `matrix row for a route the app does not serve: ${e}`),
  ];
  expect(problems).toEqual([]);
});

test('no unauthorised attempt succeeds: every role, anonymous, a forged token and another case’s applicant token get the answer class the policy gives them', async () => {
  const sessionOf = (name: string) => fixtures.sessions[name];
  const accounts = await system.db.user.findMany({ select: { id: true, username: true } });
  const userIds = Object.fromEntries(accounts.map((u) => [u.username, u.id]));
  const forms = await system.db.sealedForm.findMany({ select: { id: true, caseId: true } });
  const sealedFormIds = Object.fromEntries(Object.values(fixtures.cases).map((k) => [k.key, forms.find((f) => f.caseId === k.id)?.id ?? 'missing']));
  const ctx: Ctx = {
    f: fixtures,
    userIds,
    sealedFormIds,
    later: {
      branchX: laterTask('branchX', 'branch-shortlist', fixtures.cases.D),
      branchY: laterTask('branchY', 'branch-shortlist', fixtures.cases.B),
      objection: laterTask('objection', 'objection-review', fixtures.cases.A),
      fraud: laterTask('fraud', 'fraud-investigation', fixtures.cases.A),
    },
    callers,
    cases: [fixtures.cases.A, fixtures.cases.B, fixtures.cases.C],
    tasks: Object.values(fixtures.tasks),
    sessionOf,
  };
  const served = new Set(servedEndpoints());
  const attempts: Attempt[] = Object.entries(MATRIX)
    .filter(([endpoint]) => served.has(endpoint))
    .flatMap(([endpoint, rows]) => rows(ctx).map((r) => ({ ...r, endpoint, method: endpoint.split(' ')[0] })))
    .map((a, i) => ({ a, i }))
    .sort((x, y) => x.a.phase - y.a.phase || x.i - y.i)
    .map(({ a }) => a);

  const tokenOf = (a: Attempt): string | undefined => {
    if (a.token) return a.token();
    const c = callers.find((x) => x.name === a.caller);
    if (!c) throw new Error(`unknown caller ${a.caller}`);
    if (c.kind === 'bad-token') return badToken;
    if (c.kind === 'applicant') return fixtures.applicantToken;
    if (c.kind === 'user') return sessionOf(c.name);
    return undefined;
  };

  const secretariat = () => sessionOf('secretariat');
  const caseAsSecretariat = async (k: CaseFixture) => (await send(system.baseUrl, secretariat(), 'GET', `/api/nominations/${k.id}`)).body;
  const statusOfA = async () => (await caseAsSecretariat(fixtures.cases.A))?.status;
  /** Fills in the id of a task that opens after earlier attempts, once it is open. */
  const discover = async (t: TaskFixture) => {
    const k = fixtures.cases[t.caseKey as keyof AccessFixtures['cases']];
    const view = await eventually(() => caseAsSecretariat(k), (b) => b?.openTasks?.some((x: { kind: string }) => x.kind === t.kind));
    t.id = view.openTasks.find((x: { kind: string }) => x.kind === t.kind).id;
  };
  const beforePhase: Record<number, () => Promise<unknown>> = {
    [PHASE.branchTasks]: () => Promise.all([discover(ctx.later.branchX), discover(ctx.later.branchY)]),
    [PHASE.close]: () => eventually(statusOfA, (s) => s === 'awaiting-selection'),
    [PHASE.objection]: () => eventually(statusOfA, (s) => s === 'public-notice'),
    [PHASE.sideTasks]: () => Promise.all([discover(ctx.later.objection), discover(ctx.later.fraud)]),
  };

  const mismatches: string[] = [];
  const breaches: string[] = [];
  /** Every attempt and its answer, written to $ACCESS_MATRIX_REPORT when set (for review). */
  const log: string[] = [];
  let phase = -1;
  for (const a of attempts) {
    if (a.phase !== phase) {
      phase = a.phase;
      await beforePhase[phase]?.().catch((err: Error) => mismatches.push(`before phase ${phase}: ${err.message}`));
    }
    const label = `${a.endpoint} by ${a.caller} on ${a.object}`;
    const token = tokenOf(a);
    const path = typeof a.path === 'string' ? a.path : a.path();
    if ((a.token && token === undefined) || path === undefined) {
      mismatches.push(`${label}: not tried, the ${path === undefined ? 'object' : 'token'} it needs never came to be (an earlier attempt failed)`);
      continue;
    }
    const res = await send(system.baseUrl, token, a.method, path, a.body);
    const outcome: Outcome = res.status >= 200 && res.status < 300 ? 'ok' : res.status;
    const unauthorised = !a.expect.outcomes.includes('ok');
    const got = `${res.status}${outcome === 'ok' ? '' : ` ${res.body?.error?.code ?? ''}`}`.trim();
    log.push([a.phase, a.endpoint, a.caller, a.object, a.expect.outcomes.join('/'), got].join('\t'));
    const wanted = `expected ${a.expect.outcomes.join('/')} (${a.expect.why}), got ${got}`;
    if (unauthorised && outcome === 'ok') {
      if (a.applied && !a.applied(res)) mismatches.push(`${label}: ${wanted}; the unknown field was ignored, not applied`);
      else breaches.push(`${label}: ${wanted}`);
    } else if (!a.expect.outcomes.includes(outcome)) mismatches.push(`${label}: ${wanted}`);
    else if (outcome === 'ok' && a.inspect) {
      const leak = a.inspect(res);
      if (leak) breaches.push(`${label}: ${leak}`);
    }
    a.after?.(res);
  }

  if (process.env.ACCESS_MATRIX_REPORT) fs.writeFileSync(process.env.ACCESS_MATRIX_REPORT, log.join('\n') + '\n');
  console.log(`access matrix: ${attempts.length} attempts, ${breaches.length} unauthorised successes`);
  const report = [
    `access matrix: ${attempts.length} attempts, ${breaches.length} unauthorised successes, ${mismatches.length} other mismatches`,
    ...breaches.map((b) => `  UNAUTHORISED SUCCESS ${b}`),
    ...mismatches.map((m) => `  mismatch ${m}`),
    ...(serverLog.length ? ['API log:', ...serverLog.map((l) => `  ${l}`)] : []),
  ].join('\n');
  if (breaches.length > 0 || mismatches.length > 0) throw new Error(report);
  expect(attempts.length).toBeGreaterThan(300);
}, 900_000);

async function send(baseUrl: string, token: string | undefined, method: string, path: string, body?: Body): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: string | FormData | undefined;
  if (body && 'json' in body) {
    payload = JSON.stringify(body.json);
    headers['content-type'] = 'application/json';
  } else if (body && 'form' in body) payload = body.form();
  else if (body && 'csv' in body) {
    payload = body.csv;
    headers['content-type'] = 'text/csv; charset=utf-8';
  } else if (method !== 'GET') {
    payload = '{}';
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(baseUrl + path, { method, headers, body: payload });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed };
}
