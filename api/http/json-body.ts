import { isUtf8 } from 'node:buffer';
import express from 'express';
import type { RequestHandler } from 'express';
import { AppError } from '../../domain/errors';
import { validationMessage } from '../../domain/validation-messages';
import { BODY_LIMITS } from './body-limits';

/**
 * JSON bodies up to their limit (over it: 413 json-too-large, from the error handler). A body that
 * is not UTF-8 is refused rather than read with U+FFFD in place of what was sent.
 */
export function jsonBody(): RequestHandler {
  return express.json({
    limit: BODY_LIMITS.json,
    verify(_req, _res, raw) {
      if (!isUtf8(raw)) throw new AppError(400, 'malformed-json', 'not UTF-8', (language) => [{ path: '(body)', message: validationMessage('not-utf8', language)! }]);
    },
  });
}
