import multer from 'multer';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { HttpError, badRequest } from './errors';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const SIGNATURES: { mediaType: string; magic: number[] }[] = [
  { mediaType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mediaType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
];

/** The type is judged by the file's first bytes, never by its name or the client's claim. */
export function sniffMediaType(content: Buffer): string | null {
  return SIGNATURES.find((s) => s.magic.every((b, i) => content[i] === b))?.mediaType ?? null;
}

/** Multipart parsing with the contract's limits; multer's errors become the contract's codes. */
export function multipartFields(fields: string[]): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: fields.length, fieldSize: 1024 * 1024 },
  }).single('sealedForm');
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next(new HttpError(415, 'multipart-required', 'send multipart/form-data'));
    upload(req, res, (err: unknown) => {
      if (!err) return next();
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') return next(new HttpError(413, 'payload-too-large'));
        return next(badRequest('validation-failed', [{ path: err.field ?? '(body)', message: err.message }]));
      }
      next(err);
    });
  };
}

export interface StoredFile {
  storedName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export async function storeSealedForm(uploadDir: string, file: Express.Multer.File | undefined): Promise<StoredFile> {
  if (!file) throw badRequest('sealed-form-missing', [{ path: 'sealedForm', message: 'required' }]);
  const mediaType = sniffMediaType(file.buffer);
  if (!mediaType) throw new HttpError(415, 'unsupported-media-type');
  const storedName = randomUUID();
  await fs.mkdir(uploadDir, { recursive: true });
  await fs.writeFile(path.join(uploadDir, storedName), file.buffer, { flag: 'wx', mode: 0o600 });
  return { storedName, mediaType, size: file.size, sha256: createHash('sha256').update(file.buffer).digest('hex') };
}

export async function discardStoredFile(uploadDir: string, storedName: string): Promise<void> {
  await fs.rm(path.join(uploadDir, storedName), { force: true });
}
