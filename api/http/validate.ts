import { z } from 'zod';
import { zodDetails } from './errors';
import { AppError } from '../../domain/errors';

const nothing = z.strictObject({});

/** For endpoints that take no body: a field sent anyway is refused, never silently ignored. */
export function noBody(value: unknown): void {
  parse(nothing, value);
}

/** Parses at the edge: handlers only ever see values that passed their schema. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new AppError(400, 'validation-failed', undefined, zodDetails(result.error, prefix));
  return result.data;
}
