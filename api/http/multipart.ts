import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import { AppError, badRequest } from '../../domain/errors';
import { BODY_LIMITS, bodyTooLarge } from './body-limits';
import { displayFileName } from './file-names';

export const MAX_UPLOAD_BYTES = BODY_LIMITS.upload;

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * A client may send a file name with a NUL or other control characters (a script's `File`, not a
 * browser's); the multipart parser would refuse the whole request for it. This replaces them with
 * `_` in each part's headers, in place, byte for byte, and leaves the parts' contents alone.
 */
export function partHeaderSanitiser(boundary: string): (chunk: Buffer) => void {
  const delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  let inHeaders = false;
  let matched = 2; // the body begins as if after a CRLF: its first delimiter has none
  let blankLine = 0;
  return (chunk) => {
    for (let i = 0; i < chunk.length; i++) {
      if (inHeaders) {
        const b = chunk[i];
        if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) chunk[i] = 0x5f;
        blankLine = b === HEADER_END[blankLine] ? blankLine + 1 : b === 0x0d ? 1 : 0;
        if (blankLine === HEADER_END.length) {
          inHeaders = false;
          blankLine = 0;
        }
        continue;
      }
      if (matched === 0) {
        i = chunk.indexOf(0x0d, i);
        if (i < 0) return;
      }
      // A CR opens the delimiter and occurs nowhere else in it, so a mismatch restarts the match.
      matched = chunk[i] === delimiter[matched] ? matched + 1 : chunk[i] === 0x0d ? 1 : 0;
      if (matched === delimiter.length) {
        inHeaders = true;
        matched = 0;
      }
    }
  };
}

/** Multipart parsing with the contract's limits; multer's errors become the contract's codes. */
export function multipartFields(fields: string[]): RequestHandler {
  const options: multer.Options & { streamHandler: (req: Request, busboy: NodeJS.WritableStream) => void } = {
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: fields.length, fieldSize: BODY_LIMITS.nominationPart },
    // A browser sends a file name in UTF-8 without saying so; read as Latin-1 it would be mojibake.
    defParamCharset: 'utf8',
    streamHandler(req, busboy) {
      const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(req.headers['content-type'] ?? '');
      // Registered before the pipe, so the parser sees each chunk after it was cleaned.
      if (boundary) req.on('data', partHeaderSanitiser(boundary[1] ?? boundary[2]));
      req.pipe(busboy);
    },
  };
  const upload = multer(options).single('sealedForm');
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next(new AppError(415, 'multipart-required', 'send multipart/form-data'));
    upload(req, res, (err: unknown) => {
      if (!err) {
        // Whatever shows the name later shows it clean; nothing stores under it (uploads/ names files itself).
        if (req.file) req.file.originalname = displayFileName(req.file.originalname);
        return next();
      }
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') return next(bodyTooLarge('upload'));
        if (err.code === 'LIMIT_FIELD_VALUE') return next(bodyTooLarge('nominationPart'));
        return next(badRequest('validation-failed', [{ path: err.field ?? '(body)', message: err.message }]));
      }
      if (err instanceof AppError) return next(err);
      // Memory storage never fails: anything else is the multipart parser refusing the body
      // (no boundary, a malformed part header, a body cut short), the client's fault.
      next(badRequest('malformed-multipart', [{ path: '(body)', message: err instanceof Error ? err.message : String(err) }]));
    });
  };
}

