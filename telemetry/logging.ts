import { AsyncLocalStorage } from 'node:async_hooks';
import { asyncLocalStorage as activityStorage } from '@temporalio/activity';
import pino from 'pino';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';
import { redactPersonalData } from '../domain/personal-data';

// The one logger of the API and the worker: pino, one JSON object a line on stdout (or readable
// lines while developing), each line naming its process, the request or case it concerns, and
// none carrying personal data.

export type LogFormat = 'json' | 'pretty';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type { Logger };

export interface LoggingOptions {
  /** The process, `api` or `worker`: every line names it. */
  service: string;
  level?: LogLevel;
  format?: LogFormat;
  /** Where the lines go; stdout unless given (tests give their own). */
  destination?: DestinationStream;
}

/** What a line inside an HTTP request carries: its request id and, where the path names one, the case. */
export interface RequestScope {
  requestId: string;
  caseId?: string;
}

const requestScope = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` (the rest of a request's handling) with every line it logs carrying `scope`. */
export function withinRequest<T>(scope: RequestScope, fn: () => T): T {
  return requestScope.run(scope, fn);
}

/** A case workflow's id is `nomination-<caseId>` (workflows/contract.ts, caseWorkflowId). */
const CASE_WORKFLOW_ID = /^nomination-(.+)$/;

/** The case a workflow id belongs to, if it is a case's workflow. */
export function caseIdOfWorkflow(workflowId: string | undefined): string | undefined {
  return workflowId ? CASE_WORKFLOW_ID.exec(workflowId)?.[1] : undefined;
}

/** The request, or the activity (its workflow and case), that the current line is logged within. */
function where(): Record<string, unknown> {
  const request = requestScope.getStore();
  if (request) return request.caseId ? { requestId: request.requestId, caseId: request.caseId } : { requestId: request.requestId };
  const activity = activityStorage.getStore();
  if (!activity) return {};
  const workflowId = activity.info.workflowExecution?.workflowId;
  const caseId = caseIdOfWorkflow(workflowId);
  return { ...(workflowId && { workflowId }), ...(caseId && { caseId }), activityType: activity.info.activityType };
}

/**
 * Keys whose values are personal data or free text, wherever a caller puts them (at the top of a
 * line or one level down): they are replaced, never written.
 */
const PERSONAL_KEYS = [
  'email', 'applicantEmail', 'recipient', 'to', 'phone', 'contactPhone', 'mobile', 'age', 'name', 'nomineeName', 'displayName', 'contactName',
  'ethnicity', 'politicalAffiliation', 'subject', 'text', 'comment', 'note', 'reason', 'evidence',
  'password', 'token', 'accessToken', 'authorization', 'cookie',
];
const REDACT_PATHS = [...PERSONAL_KEYS, ...PERSONAL_KEYS.map((k) => `*.${k}`), 'req.headers.authorization', 'req.headers.cookie'];

const MAX_MESSAGE = 1_000;

/** UUIDs (case, run, request and message ids) are ids, never a phone number: their digit runs are left alone. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Emails, long numbers and ages redacted (domain/personal-data.ts), the UUIDs in the text kept whole. */
export function redactText(text: string): string {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(UUID)) {
    out += redactPersonalData(text.slice(from, match.index)) + match[0];
    from = match.index + match[0].length;
  }
  return out + redactPersonalData(text.slice(from));
}

/** Fields that hold Laurel's and Temporal's own ids: written as they are. */
const ID_KEYS = new Set(['requestId', 'caseId', 'workflowId', 'runId', 'activityId', 'outboxId', 'taskId', 'campaignId', 'updateId', 'messageId', 'taskQueue']);
const ID_LIKE = /^[\w.:@<>-]{1,200}$/;

/**
 * A message fit for one log line: Prisma's errors quote the call with a code frame (the values of
 * the query among them) before the reason, so only the call's name and the reason are kept; then
 * emails, long numbers and ages are redacted, and the rest is cut at 1,000 characters.
 */
export function tidyMessage(message: string): string {
  let text = message;
  const prismaCall = /Invalid `([^`]+)` invocation/.exec(text);
  if (prismaCall) {
    const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    text = `${prismaCall[1]}: ${paragraphs[paragraphs.length - 1]}`;
  }
  text = redactText(text.trim());
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

/** An error as a line shows it: its type, code and tidied message, and the top of its stack. */
function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: tidyMessage(String(err)) };
  const code = (err as { code?: unknown }).code;
  const stack = err.stack?.split('\n').slice(1, 6).map((l) => l.trim()).filter((l) => l.startsWith('at '));
  return {
    type: err.constructor?.name ?? err.name,
    message: tidyMessage(err.message),
    ...((typeof code === 'string' || typeof code === 'number') && { code }),
    ...(stack?.length && { stack: stack.map(redactText) }),
  };
}

/** Every string in a line's fields redacted, however deep; errors are left to their serializer. */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 5 || value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ID_KEYS.has(k) && typeof v === 'string' && ID_LIKE.test(v) ? v : scrub(v, depth + 1)]));
}

function options({ service, level = 'info' }: LoggingOptions): LoggerOptions {
  return {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => scrub(object) as Record<string, unknown>,
    },
    mixin: where,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
    hooks: {
      // The message itself (and any format arguments) may quote a value too.
      logMethod(args, method) {
        const tidy = args.map((a) => (typeof a === 'string' ? tidyMessage(a) : a)) as Parameters<typeof method>;
        method.apply(this, tidy);
      },
    },
  };
}

const COLOURS: Record<string, string> = { fatal: '35', error: '31', warn: '33', info: '32', debug: '36', trace: '90' };
/** Fields a readable line leaves out: already shown in front, or the same on every line. */
const SHOWN_IN_FRONT = new Set(['level', 'time', 'service', 'msg', 'pid', 'hostname']);

/** One JSON line as a person reads it: `12:03:04.512 INFO  api  listening …  requestId=… caseId=…`. */
export function prettyLine(json: string, colour = false): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json);
  } catch {
    return json.trimEnd();
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  const level = String(entry.level ?? '');
  const shownLevel = colour ? `\x1b[${COLOURS[level] ?? '0'}m${level.toUpperCase().padEnd(5)}\x1b[0m` : level.toUpperCase().padEnd(5);
  const fields = Object.entries(entry)
    .filter(([k]) => !SHOWN_IN_FRONT.has(k))
    .map(([k, v]) => {
      if ((k === 'err' || k === 'error') && v && typeof v === 'object') {
        const e = v as { type?: string; message?: string; code?: string };
        return `${k}=${e.type ?? 'Error'}${e.code ? `(${e.code})` : ''}: ${e.message ?? ''}`;
      }
      return `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`;
    });
  return [time, shownLevel, String(entry.msg ?? ''), ...fields].filter(Boolean).join('  ');
}

/** A destination that turns each JSON line into a readable one, written synchronously like pino's own. */
function prettyStdout(): DestinationStream {
  const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  return { write: (line: string) => void process.stdout.write(`${prettyLine(line, colour)}\n`) };
}

export function createLogger(opts: LoggingOptions): Logger {
  const destination = opts.destination ?? (opts.format === 'pretty' ? prettyStdout() : pino.destination({ dest: 1, sync: true }));
  return pino(options(opts), destination);
}

let root: Logger = createLogger({ service: 'laurel' });

/** Sets up the process's logger from its configuration, once, at start. */
export function configureLogging(opts: LoggingOptions): Logger {
  root = createLogger(opts);
  return root;
}

/** The process's logger, or a child of it naming a part (`logger({ component: 'temporal' })`). */
export function logger(bindings?: Record<string, unknown>): Logger {
  return bindings ? root.child(bindings) : root;
}
