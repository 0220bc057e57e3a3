import { z } from 'zod';
import type { Operation } from './operation';

// The OpenAPI document, built from the same table of operations the router serves.

type Schema = z.ZodType;

const error = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.array(z.object({ path: z.string(), message: z.string() })).optional() }) })
  .meta({ id: 'Error' });

/** Named schemas (those with a meta id) collected for `components.schemas`. */
const components: Record<string, unknown> = {};

/** JSON Schema of a zod schema, its named parts hoisted into the document's components. */
function jsonSchema(schema: Schema): Record<string, unknown> {
  const converted = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema: _dialect, $defs, ...rest } = JSON.parse(JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<string, unknown>;
  Object.assign(components, $defs ?? {});
  return rest;
}

function operationObject(op: Operation) {
  const path = op.path;
  const parameters = [
    ...[...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
    ...Object.entries(op.query?.shape ?? {}).map(([name, s]) => ({ name, in: 'query', required: false, schema: jsonSchema(s as Schema) })),
  ];
  const auth = op.auth ?? 'bearer';
  const errors = new Set(op.errors ?? []);
  // A JSON body may be malformed (400) or over express.json's limit (413), whatever the operation.
  if (op.body) [400, 413].forEach((s) => errors.add(s));
  // Path and query values are checked for invalid characters before any route (400 naming the parameter).
  if (/\{\w+\}/.test(path) || op.query) errors.add(400);
  // A request with an Idempotency-Key may reuse it for another request (422) or find its first attempt still running (409).
  if (op.idempotent) [400, 409, 422].forEach((s) => errors.add(s));
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
export function openApiDocument(operations: readonly Operation[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operationObject(op);
  return {
    openapi: '3.1.0',
    info: { title: 'Laurel', version: '1', description: 'Durable case management for award nomination campaigns.' },
    components: { schemas: components, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'session token from /api/auth/login, or an applicant access token' } } },
    paths,
  };
}
