import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { Language } from '../../domain/channels';
import type { ErrorDetail } from '../../domain/errors';
import { AppError } from '../../domain/errors';
import { validationMessage } from '../../domain/validation-messages';
import type { Operation } from '../operation';
import { fieldPath, zodDetails } from './errors';
import type { TextProblem } from './text-rules';
import { findTextProblems, textProblem } from './text-rules';

const nothing = z.strictObject({});

/** For endpoints that take no body: a field sent anyway is refused, never silently ignored. */
export function noBody(value: unknown): void {
  parse(nothing, value);
}

/**
 * Parses at the edge: handlers only ever see values that passed their schema, and no string that
 * holds an unpaired surrogate or a control character, whatever the schema (each named by its path).
 */
export function parse<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const input = value ?? {};
  const badText = findTextProblems(input).map((t) => ({ path: fieldPath(prefix, t.path), problem: t.problem }));
  const result = schema.safeParse(input);
  if (result.success && badText.length === 0) return result.data;
  const schemaDetails = result.success ? () => [] : zodDetails(result.error, prefix);
  throw new AppError(400, 'validation-failed', undefined, (language) => {
    const textDetails = badText.map((t) => ({ path: t.path, message: validationMessage(t.problem, language)! }));
    // A field refused for its characters is not told about again by its schema.
    return [...textDetails, ...schemaDetails(language).filter((d) => !badText.some((t) => t.path === d.path))];
  });
}

/** The problems of a text body (a CSV sheet), by the physical line they are on, as the sheet's own errors are named. */
function textBodyProblems(text: string): { line: number; problem: TextProblem }[] {
  const found: { line: number; problem: TextProblem }[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const problem = textProblem(line);
    if (problem) found.push({ line: i + 1, problem });
  });
  return found;
}

/** At most this many lines are named: a binary file sent as text would otherwise be named line by line. */
const MAX_LINES_NAMED = 20;

/** After a text body's own parser: a sheet holding a refused character is refused, naming its lines. */
const textBodyCheck: RequestHandler = (req, _res, next) => {
  if (typeof req.body !== 'string') return next();
  const problems = textBodyProblems(req.body).slice(0, MAX_LINES_NAMED);
  if (problems.length === 0) return next();
  next(
    new AppError(400, 'validation-failed', undefined, (language: Language): ErrorDetail[] =>
      problems.map((p) => ({ path: `line ${p.line}`, message: validationMessage(p.problem, language)! })),
    ),
  );
};

/** An operation taking a text body (a CSV import) gets the same character rules as every JSON value. */
export function withTextBodyCheck(op: Operation): Operation {
  return op.text ? { ...op, before: [...(op.before ?? []), textBodyCheck] } : op;
}
