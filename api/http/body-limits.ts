import { AppError } from '../../domain/errors';
import { sizeLimitMessage } from '../../domain/validation-messages';

/** The size limit of each kind of body the API reads; each 413 names its own. */
export const BODY_LIMITS = {
  /** A JSON request body. */
  json: 100 * 1024,
  /** The nomination's JSON part of a multipart submission. */
  nominationPart: 1024 * 1024,
  /** The sealed form (exactly 10 MB passes). */
  upload: 10 * 1024 * 1024,
} as const;

export type BodyKind = keyof typeof BODY_LIMITS;

const REFUSAL: Record<BodyKind, { code: string; path: string }> = {
  json: { code: 'json-too-large', path: '(body)' },
  nominationPart: { code: 'nomination-too-large', path: 'nomination' },
  // The contract's first 413, kept for the clients that know it.
  upload: { code: 'payload-too-large', path: 'sealedForm' },
};

/** 413 with the code of the kind of body, its detail naming the limit in the reader's language. */
export function bodyTooLarge(kind: BodyKind): AppError {
  const { code, path } = REFUSAL[kind];
  const limit = BODY_LIMITS[kind];
  return new AppError(413, code, `larger than ${limit} bytes`, (language) => [{ path, message: sizeLimitMessage(limit, language) }]);
}
