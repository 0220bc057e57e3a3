import { z } from 'zod';
import { honoureeQuery, importCountsView } from './routes/honourees';
import {
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
  errors?: number[];
}

const error = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.array(z.object({ path: z.string(), message: z.string() })).optional() }) })
  .meta({ id: 'Error' });

const task = z
  .object({
    id: z.string(), caseId: z.string(), campaignId: z.string(), kind: z.enum(TASK_KIND_NAMES), field: z.string(), status: z.string(),
    dueAt: z.string(), overdue: z.boolean(), claimedBy: z.string().nullable(), createdAt: z.string(), summary: z.string(),
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

const sealedFormPart = z.string().meta({ format: 'binary', description: 'scanned form with the unit seal: PDF, JPEG or PNG, at most 10 MB' });

const operations: Record<string, Record<string, Operation>> = {
  '/api/auth/login': { post: { summary: 'Sign in', auth: 'none', body: loginBody, ok: 200, response: z.object({ token: z.string(), expiresAt: z.string(), user }), errors: [400, 401] } },
  '/api/auth/logout': { post: { summary: 'Sign out (revokes the token)', ok: 204, errors: [401] } },
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
  '/api/campaigns/{id}/nominations': {
    post: {
      summary: 'Submit a nomination (unit login for organisation/branch channels; none for self). Idempotency-Key makes retries safe.',
      auth: 'optional',
      multipart: z.object({ nomination: nominationBody, sealedForm: sealedFormPart }),
      ok: 201,
      response: z.object({ caseId: z.string(), status: z.enum(CASE_STATUSES), accessToken: z.string().optional() }),
      errors: [400, 401, 403, 404, 409, 413, 415, 422, 503],
    },
  },
  '/api/nominations/{caseId}': { get: { summary: 'A case, as its caller may see it', auth: 'bearer', ok: 200, response: caseView, errors: [401, 404] } },
  '/api/nominations/{caseId}/withdraw': {
    post: { summary: 'Withdraw before announcement (applicant or unit)', body: withdrawBody, ok: 200, errors: [401, 403, 404, 409] },
  },
  '/api/nominations/{caseId}/sealed-form': {
    post: { summary: 'Resubmit the sealed form when asked', multipart: z.object({ sealedForm: sealedFormPart }), ok: 200, errors: [400, 401, 403, 404, 409, 413, 415] },
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
  '/api/inbox': { get: { summary: 'Open tasks the caller may act on, soonest due first', query: inboxQuery, ok: 200, response: z.object({ tasks: z.array(task) }), errors: [400, 401] } },
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
      [op.ok]: { description: 'success', ...(op.response && { content: { 'application/json': { schema: jsonSchema(op.response) } } }) },
      ...Object.fromEntries((op.errors ?? []).map((s) => [s, { description: 'error', content: { 'application/json': { schema: jsonSchema(error) } } }])),
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
