import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { Principal, StaffUser } from '../domain/access';
import type { Language } from '../domain/channels';
import type { Role } from '../domain/roles';

export type Method = 'get' | 'post' | 'patch' | 'delete';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface HandlerContext<Body, Query> {
  body: Body;
  query: Query;
  params: Record<string, string>;
  principal: Principal | undefined;
  /** The signed-in account; reading it without one answers 401. */
  readonly user: StaffUser;
  /** The reader's language, from Accept-Language: Chinese unless English is asked for. */
  language: Language;
  req: Request;
  res: Response;
  /** For an idempotent operation called with an Idempotency-Key: the request's id, which its Update carries. */
  requestId?: string;
}

/**
 * One HTTP operation: its path and method, who may call it, the schemas that parse its input and
 * describe its output, and its handler. The router and `/openapi.json` are both built from the one
 * table of these, so the document cannot drift from what is served.
 */
export interface OperationSpec<BodySchema extends z.ZodType | undefined, QuerySchema extends z.ZodObject | undefined> {
  method: Method;
  /** OpenAPI style: `/api/tasks/{id}/complete`. */
  path: string;
  summary: string;
  /** `bearer` (the default): a session or applicant token is required; `optional`; `none`. */
  auth?: 'bearer' | 'optional' | 'none';
  /** Only signed-in accounts with one of these roles: the anonymous get 401, others 403, before any body is read. */
  roles?: Role[];
  body?: BodySchema;
  query?: QuerySchema;
  /** A multipart/form-data body (parsed by a `before` handler), described by this schema. */
  multipart?: z.ZodType;
  /** A plain-text body of this media type (e.g. text/csv), parsed by a `before` handler. */
  text?: string;
  /**
   * A state-changing call through a workflow: it takes an `Idempotency-Key`, a retry is answered
   * the first answer, and the key is the Update's id.
   */
  idempotent?: true;
  /** Request handlers run after the access check and before the handler: rate limits, body parsers. */
  before?: RequestHandler[];
  /** The success status; a handler's return value is sent as JSON with it. */
  ok: number;
  response?: z.ZodType;
  /** The success response is a file of one of these media types (the handler writes it). */
  binary?: string[];
  errors?: number[];
  handle(ctx: HandlerContext<Parsed<BodySchema>, Parsed<QuerySchema>>): unknown;
}

export type Operation = OperationSpec<z.ZodType | undefined, z.ZodObject | undefined>;

/** Declares an operation, inferring the handler's body and query types from the schemas. */
export function operation<BodySchema extends z.ZodType | undefined = undefined, QuerySchema extends z.ZodObject | undefined = undefined>(
  spec: OperationSpec<BodySchema, QuerySchema>,
): Operation {
  return spec as unknown as Operation;
}
