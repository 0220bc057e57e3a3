import { z } from 'zod';
import { campaignSummaryView, committeePreviewView } from './routes/campaign-overview';
import { caseHistoryQuery, caseHistoryView, replayReportView } from './routes/case-histories';
import { honoureeQuery, importCountsView } from './routes/honourees';
import { sealedFormQuery } from './routes/sealed-forms';
import { SEALED_FORM_TYPES } from './http/uploads';
import {
  auditQuery,
  caseListQuery,
  completeTaskBody,
  createCampaignBody,
  deadlinesBody,
  fraudReportBody,
  inboxQuery,
  objectionBody,
  loginBody,
  nominationBody,
  withdrawBody,
} from '../domain/schemas';
import { CASE_STATUSES } from '../domain/statuses';
import { TASK_KIND_NAMES } from '../domain/tasks';

type Schema = z.ZodType;

interface Operation {
  summary: string;
  auth?: 'bearer' | 'optional' | 'none';
  body?: Schema;
  multipart?: Schema;
  query?: z.ZodObject;
  /** A plain-text body of this media type (e.g. text/csv). */
  text?: string;
  ok: number;
  response?: Schema;
  /** A file in the response, of one of these media types. */
  binary?: string[];
  errors?: number[];
}

const error = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.array(z.object({ path: z.string(), message: z.string() })).optional() }) })
  .meta({ id: 'Error' });

const task = z
  .object({
    id: z.string(), caseId: z.string(), campaignId: z.string(), kind: z.enum(TASK_KIND_NAMES), field: z.string(), status: z.string(),
    dueAt: z.string(), overdue: z.boolean(), claimedBy: z.string().nullable(), claimedByName: z.string().optional(), createdAt: z.string(), summary: z.string(),
  })
  .meta({ id: 'Task' });

const caseView = z
  .object({
    caseId: z.string(), campaignId: z.string(), status: z.enum(CASE_STATUSES), field: z.string(), channel: z.string(),
    openTasks: z.array(task), timeline: z.array(z.object({ at: z.string(), status: z.string(), note: z.string().optional() })),
  })
  .meta({ id: 'Case' });

const campaign = z
  .object({
    id: z.string(), code: z.string(), title: z.string(), submissionDeadline: z.string(), reviewDeadline: z.string(),
    winnerCap: z.int(), publicNoticePeriod: z.string(), committeeQuorum: z.int(),
    quotas: z.object({ association: z.int(), memberUnit: z.int(), branch: z.int() }),
  })
  .meta({ id: 'Campaign' });

const user = z.object({ id: z.string(), username: z.string(), roles: z.array(z.string()), fields: z.array(z.string()), unit: z.string().optional() });

const account = user.extend({ unitKind: z.string().optional(), disabled: z.boolean() }).meta({ id: 'Account' });

const caseListItem = z
  .object({
    caseId: z.string(), campaignId: z.string(), status: z.enum(CASE_STATUSES), field: z.string(), channel: z.string(), category: z.string(),
    nomineeName: z.string(), recommendingUnit: z.string(), phone: z.string().nullable().meta({ description: 'masked' }), submittedAt: z.string(),
  })
  .meta({ id: 'CaseListItem' });

const auditEntry = z
  .object({
    id: z.int(), at: z.string(), actorId: z.string().nullable(), actor: z.string().nullable(), action: z.string(), caseId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()), prevHash: z.string().nullable(), hash: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

const auditVerdict = z
  .object({
    ok: z.boolean(), entries: z.int(), anchors: z.int(), firstBadEntry: z.int().optional(),
    problem: z.enum(['edited', 'missing', 'broken-link', 'unsealed', 'truncated', 'rewritten', 'anchor-forged']).optional(),
    anchoredHead: z.object({ id: z.int(), at: z.string() }).optional(),
  })
  .meta({ id: 'AuditVerdict' });

const anchor = z.object({ id: z.int(), at: z.string(), headId: z.int(), headHash: z.string() }).meta({ id: 'AuditAnchor' });
const anchorList = z.object({
  keyId: z.string(),
  publicKey: z.string(),
  anchors: z.array(anchor.extend({ prevSignature: z.string().nullable(), keyId: z.string(), signature: z.string() })),
});

const labelMap = z.record(z.string(), z.object({ zh: z.string(), en: z.string() }));

const sealedFormPart = z.string().meta({ format: 'binary', description: 'scanned form with the unit seal: PDF, JPEG or PNG, at most 10 MB' });

const operations: Record<string, Record<string, Operation>> = {
  '/api/auth/login': {
    post: {
      summary: 'Sign in. Past 3 failures for a username each attempt waits longer (429 login-throttled); at 10 the username is locked for 15 minutes (429 account-locked)',
      auth: 'none',
      body: loginBody,
      ok: 200,
      response: z.object({ token: z.string(), expiresAt: z.string(), user }),
      errors: [400, 401, 429],
    },
  },
  '/api/auth/logout': { post: { summary: 'Sign out (revokes the token)', ok: 204, errors: [401] } },
  '/api/auth/me': { get: { summary: 'The signed-in account', ok: 200, response: z.object({ user }), errors: [401] } },
  '/api/users': { get: { summary: 'Accounts (secretariat)', ok: 200, response: z.object({ users: z.array(account) }), errors: [401, 403] } },
  '/api/users/{id}/disable': {
    post: { summary: 'Disable an account; all its sessions end at once (secretariat)', ok: 200, response: z.object({ user: account, revokedSessions: z.int() }), errors: [401, 403, 404, 409] },
  },
  '/api/users/{id}/enable': { post: { summary: 'Enable an account and lift a sign-in lock (secretariat)', ok: 200, response: z.object({ user: account }), errors: [401, 403, 404] } },
  '/api/campaigns': {
    post: { summary: 'Create a campaign (secretariat)', body: createCampaignBody, ok: 201, response: campaign, errors: [400, 401, 403, 409] },
    get: { summary: 'List campaigns', ok: 200, response: z.object({ campaigns: z.array(campaign) }), errors: [401] },
  },
  '/api/campaigns/{id}': { get: { summary: 'One campaign', ok: 200, response: campaign, errors: [401, 404] } },
  '/api/campaigns/{id}/deadlines': {
    patch: { summary: 'Move deadlines; every running case follows (secretariat)', body: deadlinesBody, ok: 200, response: campaign, errors: [400, 401, 403, 404, 422] },
  },
  '/api/campaigns/{id}/committee/close': {
    post: {
      summary: 'Close the committee round: best scores first up to winnerCap; ties by media awards, then submission time, then case id',
      ok: 200,
      response: z.object({ winners: z.array(z.string()), notSelected: z.array(z.string()), noticeEndsAt: z.string() }),
      errors: [401, 403, 404, 409],
    },
  },
  '/api/campaigns/{id}/summary': {
    get: {
      summary: 'The campaign at a glance (secretariat, auditor): cases by status and by field, deadlines, whether the committee round is closed, open objections and open incidents (fraud investigations, compensation incidents)',
      ok: 200,
      response: campaignSummaryView,
      errors: [401, 403, 404],
    },
  },
  '/api/campaigns/{id}/committee/preview': {
    get: {
      summary: 'The winners the committee round would choose now, in order, and the rest, without closing it (secretariat): the same ranking the close uses. Once closed, the stored outcome (roundClosed: true)',
      ok: 200,
      response: committeePreviewView,
      errors: [401, 403, 404],
    },
  },
  '/api/campaigns/{id}/winners.csv': {
    get: {
      summary: "The winners (cases in public notice or announced) as CSV, UTF-8 with a byte-order mark: rank, name, unit, field, category, score; no phone, age or email (secretariat). Chinese headers unless Accept-Language asks for English",
      ok: 200,
      binary: ['text/csv'],
      errors: [401, 403, 404],
    },
  },
  '/api/campaigns/{id}/nominations': {
    post: {
      summary: 'Submit a nomination (unit login for organisation/branch channels; none for self). Idempotency-Key makes retries safe.',
      auth: 'optional',
      multipart: z.object({ nomination: nominationBody, sealedForm: sealedFormPart }),
      ok: 201,
      response: z.object({ caseId: z.string(), status: z.enum(CASE_STATUSES), accessToken: z.string().optional() }),
      errors: [400, 401, 403, 404, 409, 413, 415, 422, 429, 503],
    },
  },
  '/api/nominations': {
    get: {
      summary: 'Cases the caller may see, newest first; phones masked (138****0000)',
      query: caseListQuery,
      ok: 200,
      response: z.object({ cases: z.array(caseListItem) }),
      errors: [400, 401],
    },
  },
  '/api/nominations/{caseId}/access-token': {
    post: {
      summary: "Replace the applicant's access token (the applicant, with the current token); the old one stops working",
      ok: 201,
      response: z.object({ caseId: z.string(), accessToken: z.string() }),
      errors: [401, 403, 404, 409],
    },
    delete: { summary: "Revoke the applicant's access token (the applicant or the secretariat)", ok: 204, errors: [401, 403, 404, 409] },
  },
  '/api/nominations/{caseId}': { get: { summary: 'A case, as its caller may see it', auth: 'bearer', ok: 200, response: caseView, errors: [401, 404] } },
  '/api/nominations/{caseId}/withdraw': {
    post: { summary: 'Withdraw before announcement (applicant or unit)', body: withdrawBody, ok: 200, errors: [401, 403, 404, 409] },
  },
  '/api/nominations/{caseId}/sealed-form': {
    post: { summary: 'Resubmit the sealed form when asked', multipart: z.object({ sealedForm: sealedFormPart }), ok: 200, errors: [400, 401, 403, 404, 409, 413, 415] },
    get: {
      summary: 'Download the sealed form (metadata stripped from images) as an attachment: staff who may see the case, its applicant or unit; anyone else 404',
      query: sealedFormQuery,
      ok: 200,
      binary: Object.keys(SEALED_FORM_TYPES),
      errors: [400, 401, 404],
    },
  },
  '/api/nominations/{caseId}/fraud-reports': {
    post: {
      summary: 'Report fraud (staff, not auditors): opens a fraud-investigation task; upheld, the case is disqualified and every completed step undone',
      body: fraudReportBody,
      ok: 202,
      response: z.object({ reportId: z.string(), taskId: z.string(), caseId: z.string() }),
      errors: [400, 401, 403, 404, 409],
    },
  },
  '/api/honourees/import': {
    post: {
      summary: 'Import earlier honourees from CSV (secretariat): 年度/year, 荣誉/title, 类别/category, 姓名或团队名称/name, 单位/unit',
      text: 'text/csv',
      ok: 200,
      response: importCountsView,
      errors: [400, 401, 403, 413, 415],
    },
  },
  '/api/honourees': { get: { summary: 'Search the registry of earlier honourees (secretariat, auditor)', query: honoureeQuery, ok: 200, errors: [400, 401, 403] } },
  '/api/inbox': { get: { summary: 'Open tasks the caller may act on, soonest due first', query: inboxQuery, ok: 200, response: z.object({ tasks: z.array(task.extend({ phone: z.string().nullable().meta({ description: 'masked' }) })) }), errors: [400, 401] } },
  '/api/tasks/{id}/claim': { post: { summary: 'Claim a task', ok: 200, errors: [401, 404, 409] } },
  '/api/tasks/{id}/release': { post: { summary: 'Release a claimed task', ok: 200, errors: [401, 404, 409] } },
  '/api/tasks/{id}/complete': {
    post: {
      summary: 'Decide a task',
      body: completeTaskBody,
      ok: 200,
      response: z.object({ task, caseStatus: z.enum(CASE_STATUSES) }),
      errors: [400, 401, 404, 409, 422],
    },
  },
  '/api/public/campaigns/{id}': {
    get: {
      summary: 'A campaign as anyone may read it: title and dates (no quotas, no counts)',
      auth: 'none',
      ok: 200,
      response: z.object({ id: z.string(), title: z.string(), submissionDeadline: z.string(), reviewDeadline: z.string(), noticeEndsAt: z.string().nullable() }),
      errors: [404],
    },
  },
  '/api/public/campaigns/{id}/notice': {
    get: {
      summary: 'The public notice list (no personal data)',
      auth: 'none',
      ok: 200,
      response: z.object({
        entries: z.array(z.object({ caseId: z.string(), name: z.string(), unit: z.string(), field: z.string(), category: z.string() })),
        endsAt: z.string().nullable(),
        corrections: z.array(z.object({ caseId: z.string(), kind: z.enum(['notice-withdrawn', 'announcement-revoked']), name: z.string(), unit: z.string(), reason: z.string(), publishedAt: z.string() })),
      }),
      errors: [404],
    },
  },
  '/api/public/campaigns/{id}/objections': {
    post: {
      summary: 'Lodge an objection to a winner during the notice period (anyone; rate-limited); opens an objection-review task',
      auth: 'optional',
      body: objectionBody,
      ok: 202,
      response: z.object({ objectionId: z.string(), caseId: z.string() }),
      errors: [400, 404, 409, 429],
    },
  },
  '/api/cases/{caseId}/history': {
    get: {
      summary: "The case's history in time order — workflow events (decrypted), audit entries, timeline — as who, what, why (auditor, secretariat); Chinese unless Accept-Language asks for English; CSV with ?format=csv or Accept: text/csv",
      query: caseHistoryQuery,
      ok: 200,
      response: caseHistoryView,
      binary: ['text/csv'],
      errors: [400, 401, 404],
    },
  },
  '/api/cases/{caseId}/replay': {
    post: {
      summary: "Replay the case's recorded history (from the Temporal server, or Laurel's archive) against the current workflow code: deterministic or not, the status reached, and every disagreement with the history and the database (auditor, secretariat)",
      ok: 200,
      response: replayReportView,
      errors: [401, 404],
    },
  },
  '/api/audit': {
    get: {
      summary: 'Audit entries in chain order (auditor, secretariat); page with after=<last id>',
      query: auditQuery,
      ok: 200,
      response: z.object({ entries: z.array(auditEntry), next: z.int().optional() }),
      errors: [400, 401, 403],
    },
  },
  '/api/audit/verify': {
    get: {
      summary: 'Walk the hash chain and check it against the signed heads: an edited, deleted, reordered or truncated entry is found (auditor, secretariat)',
      ok: 200,
      response: auditVerdict,
      errors: [401, 403],
    },
  },
  '/api/audit/anchors': {
    get: { summary: "The signed heads of the chain and the server's public key, to keep outside Laurel (auditor, secretariat)", ok: 200, response: anchorList, errors: [401, 403] },
    post: { summary: 'Sign the current head now (secretariat; the API also does it daily); unchanged since the last anchor, that one is returned', ok: 200, response: z.object({ anchor: anchor.nullable() }), errors: [401, 403] },
  },
  '/api/labels': {
    get: {
      summary: 'The vocabularies (fields, statuses, task kinds and their decisions, channels, categories) with their Chinese and English names',
      auth: 'none',
      ok: 200,
      response: z.object({ fields: labelMap, statuses: labelMap, taskKinds: z.record(z.string(), z.object({ zh: z.string(), en: z.string(), decisions: z.array(z.string()), role: z.string(), byField: z.boolean() })), decisions: labelMap, channels: labelMap, categories: labelMap }),
    },
  },
  '/healthz': { get: { summary: 'Reachability of Temporal and the database', auth: 'none', ok: 200, errors: [503] } },
};

/** Named schemas (those with a meta id) collected for `components.schemas`. */
const components: Record<string, unknown> = {};

/** JSON Schema of a zod schema, its named parts hoisted into the document's components. */
function jsonSchema(schema: Schema): Record<string, unknown> {
  const converted = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema: _dialect, $defs, ...rest } = JSON.parse(JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<string, unknown>;
  Object.assign(components, $defs ?? {});
  return rest;
}

function operationObject(path: string, op: Operation) {
  const parameters = [
    ...[...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
    ...Object.entries(op.query?.shape ?? {}).map(([name, s]) => ({ name, in: 'query', required: false, schema: jsonSchema(s as Schema) })),
  ];
  const auth = op.auth ?? 'bearer';
  const errors = new Set(op.errors ?? []);
  // A JSON body may be malformed (400) or over express.json's limit (413), whatever the operation.
  if (op.body) [400, 413].forEach((s) => errors.add(s));
  // A bearer token that is present but bad is refused before any route, public ones included.
  if (path.startsWith('/api/')) errors.add(401);
  return {
    summary: op.summary,
    ...(auth === 'bearer' && { security: [{ bearer: [] }] }),
    ...(auth === 'optional' && { security: [{ bearer: [] }, {}] }),
    ...(parameters.length && { parameters }),
    ...(op.body && { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } }),
    ...(op.text && { requestBody: { required: true, content: { [op.text]: { schema: { type: 'string' } } } } }),
    ...(op.multipart && {
      requestBody: {
        required: true,
        content: { 'multipart/form-data': { schema: jsonSchema(op.multipart), encoding: { nomination: { contentType: 'application/json' } } } },
      },
    }),
    responses: {
      [op.ok]: {
        description: 'success',
        // JSON, a file, or either (the case history answers JSON or CSV).
        ...((op.response || op.binary) && {
          content: {
            ...(op.response && { 'application/json': { schema: jsonSchema(op.response) } }),
            ...Object.fromEntries((op.binary ?? []).map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
          },
        }),
      },
      ...Object.fromEntries([...errors].sort().map((s) => [s, { description: 'error', content: { 'application/json': { schema: jsonSchema(error) } } }])),
    },
  };
}

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function openApiDocument() {
  const paths = Object.fromEntries(
    Object.entries(operations).map(([path, ops]) => [path, Object.fromEntries(Object.entries(ops).map(([m, op]) => [m, operationObject(path, op)]))]),
  );
  return {
    openapi: '3.1.0',
    info: { title: 'Laurel', version: '1', description: 'Durable case management for award nomination campaigns.' },
    components: { schemas: components, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'session token from /api/auth/login, or an applicant access token' } } },
    paths,
  };
}
