import type { RequestHandler } from 'express';
import type { Language } from '../../domain/channels';
import { AppError } from '../../domain/errors';
import { validationMessage } from '../../domain/validation-messages';
import type { Operation } from '../operation';
import { operationMatcher } from './operation-match';
import { textProblem } from './text-rules';

type Refusal = { name: string; code: 'malformed-percent-encoding' | 'lone-surrogate' | 'control-character' };

/** A URL part as decoded: refused when its %-encoding is not UTF-8, or it holds any control character. */
function refusal(name: string, raw: string): Refusal | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { name, code: 'malformed-percent-encoding' };
  }
  const problem = textProblem(decoded, { oneLine: true });
  return problem ? { name, code: problem } : null;
}

function queryRefusals(query: string): Refusal[] {
  return query
    .split('&')
    .filter(Boolean)
    .flatMap((pair) => {
      const [key, value = ''] = pair.split(/=(.*)/s).map((part) => part.replace(/\+/g, ' '));
      const keyRefused = refusal('query', key);
      if (keyRefused) return [keyRefused];
      const valueRefused = refusal(`query.${decodeURIComponent(key)}`, value);
      return valueRefused ? [valueRefused] : [];
    });
}

/**
 * Path parameters and query values refused before any route sees them, named like body fields
 * (`caseId`, `query.q`): a %-encoding that is not UTF-8 (an encoded surrogate is not) would be a
 * bare 400 from the router or a U+FFFD from the query parser, and a control character — line
 * breaks too, a URL part is one line — would reach the database.
 */
export function urlCheck(operations: readonly Pick<Operation, 'method' | 'path'>[]): RequestHandler {
  const match = operationMatcher(operations);
  return (req, _res, next) => {
    const query = req.originalUrl.split(/\?(.*)/s)[1] ?? '';
    const refused = [
      ...(match(req.method, req.originalUrl)?.params ?? []).flatMap(([name, raw]) => refusal(name, raw) ?? []),
      ...queryRefusals(query),
    ];
    if (refused.length === 0) return next();
    next(
      new AppError(400, 'validation-failed', undefined, (language: Language) =>
        refused.map((r) => ({ path: r.name, message: validationMessage(r.code, language)! })),
      ),
    );
  };
}
