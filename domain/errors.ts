import type { Language } from './channels';
import { describeError } from './error-messages';

export interface ErrorDetail {
  path: string;
  message: string;
}

/**
 * The one error type: an HTTP status, a stable code (the API's error texts are keyed by it), and
 * optional per-field details. Use cases and the gateway throw it; the API's error handler answers it.
 */
export class AppError extends Error {
  /** Sent as Retry-After with a 429 or 503. */
  retryAfterSeconds?: number;

  constructor(
    readonly status: number,
    readonly code: string,
    message?: string,
    /** Per field; a function when the words depend on the reader's language. */
    readonly details?: ErrorDetail[] | ((language: Language) => ErrorDetail[]),
  ) {
    super(message ?? code);
  }
}

export const badRequest = (code: string, details?: ErrorDetail[]) => new AppError(400, code, undefined, details);
export const unauthorized = (code = 'unauthenticated') => new AppError(401, code);
export const forbidden = (code = 'forbidden') => new AppError(403, code);
export const notFound = (code = 'not-found') => new AppError(404, code);
export const conflict = (code: string, message?: string) => new AppError(409, code, message);
export const unprocessable = (code: string, message?: string) => new AppError(422, code, message);


/** 409: the name or code in `path` is taken already; the detail says so beside that field. */
export function takenBy(code: string, path: string): AppError {
  return new AppError(409, code, undefined, (language) => [{ path, message: describeError(code, language) ?? code }]);
}
