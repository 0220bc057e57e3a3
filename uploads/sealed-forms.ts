import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError, badRequest } from '../domain/errors';
import type { SealedFormType } from '../domain/sealed-forms';
import { ImageRefused, stripJpegMetadata, stripPngMetadata } from './image-metadata';


const SIGNATURES: { mediaType: SealedFormType; magic: number[] }[] = [
  { mediaType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mediaType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
];

/** The type is judged by the file's first bytes, never by its name or the client's claim. */
export function sniffMediaType(content: Buffer): SealedFormType | null {
  return SIGNATURES.find((s) => s.magic.every((b, i) => content[i] === b))?.mediaType ?? null;
}

/**
 * Content no sealed form needs, found anywhere in the file. Each pattern is long or constrained
 * enough that random-looking bytes (compressed image or PDF data) match one by chance less than
 * once in 100,000 files of 10 MB; shorter tags such as `<svg` or `<html` would not be.
 */
const EMBEDDED_PAYLOADS: { what: string; pattern: RegExp }[] = [
  {
    what: 'HTML or script',
    pattern: /<(?:script|iframe|object|embed|frameset)[\s>/]|<!doctype\s+html|<\?php\s|javascript:|\son(?:load|error|mouseover|focus|click|begin|toggle)\s*=/i,
  },
  { what: 'a Windows executable', pattern: /This program cannot be run in DOS mode/ },
  { what: 'an ELF executable', pattern: /\x7fELF[\x01\x02][\x01\x02]\x01/ },
  { what: 'a Mach-O executable', pattern: /\xcf\xfa\xed\xfe[\x07\x0c]\x00\x00\x01/ },
  { what: 'a shell script', pattern: /#!\/(?:usr\/)?bin\// },
  { what: 'a ZIP archive', pattern: /PK\x03\x04[\x0a\x14\x2d]\x00/ },
  { what: 'a RAR or 7z archive', pattern: /Rar!\x1a\x07|7z\xbc\xaf\x27\x1c/ },
];

export function findEmbeddedPayload(content: Buffer): string | null {
  const text = content.toString('latin1');
  return EMBEDDED_PAYLOADS.find((p) => p.pattern.test(text))?.what ?? null;
}

/** The PDF's object syntax with every stream's bytes left out: names are looked for there only. */
function pdfOutsideStreams(text: string): string {
  const parts: string[] = [];
  let pos = 0;
  for (;;) {
    let start = text.indexOf('stream', pos);
    while (start >= 0 && (text.startsWith('end', start - 3) || !/[\r\n]/.test(text[start + 6] ?? ''))) start = text.indexOf('stream', start + 6);
    if (start < 0) {
      parts.push(text.slice(pos));
      return parts.join(' ');
    }
    parts.push(text.slice(pos, start));
    const end = text.indexOf('endstream', start + 6);
    if (end < 0) return parts.join(' ');
    pos = end + 'endstream'.length;
  }
}

/** Actions that run code, launch programs or carry files: a scanned form has none of them. */
const PDF_ACTIVE_CONTENT = /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)(?![A-Za-z0-9])/;

/**
 * A PDF is kept byte for byte. It must start with `%PDF-x.y` at offset 0, end with `%%EOF` followed
 * by nothing but white space, and name no active content outside its streams (names written with
 * `#xx` escapes included).
 */
export function checkPdf(content: Buffer): { problem: 'malformed' | 'unsafe'; reason: string } | null {
  if (!/^%PDF-[12]\.\d/.test(content.toString('latin1', 0, 8))) return { problem: 'malformed', reason: 'no PDF header at the start of the file' };
  const eof = content.lastIndexOf('%%EOF');
  if (eof < 0) return { problem: 'malformed', reason: 'the PDF has no %%EOF marker' };
  if (!/^[\s\0]*$/.test(content.toString('latin1', eof + 5))) return { problem: 'unsafe', reason: 'data follows the final %%EOF of the PDF' };
  const objects = pdfOutsideStreams(content.toString('latin1')).replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const active = PDF_ACTIVE_CONTENT.exec(objects);
  if (active) return { problem: 'unsafe', reason: `the PDF contains active content (/${active[1]})` };
  return null;
}

const refused = (problem: 'malformed' | 'unsafe', reason: string) =>
  new AppError(415, problem === 'malformed' ? 'malformed-upload' : 'unsafe-upload', reason, [{ path: 'sealedForm', message: reason }]);

/**
 * What is stored of an upload: its sniffed type and the bytes to keep, images without their
 * metadata. Anything that is not a well-formed PDF, JPEG or PNG and nothing else is 415.
 */
export function inspectSealedForm(upload: Buffer): { mediaType: SealedFormType; content: Buffer } {
  const mediaType = sniffMediaType(upload);
  if (!mediaType) throw new AppError(415, 'unsupported-media-type');
  let content = upload;
  if (mediaType === 'application/pdf') {
    const problem = checkPdf(upload);
    if (problem) throw refused(problem.problem, problem.reason);
  } else {
    try {
      content = mediaType === 'image/png' ? stripPngMetadata(upload) : stripJpegMetadata(upload);
    } catch (err) {
      if (err instanceof ImageRefused) throw refused(err.problem === 'malformed' ? 'malformed' : 'unsafe', err.message);
      throw err;
    }
  }
  // The original too: a payload hidden in metadata shows the upload was made to be something else.
  const payload = findEmbeddedPayload(upload) ?? (content === upload ? null : findEmbeddedPayload(content));
  if (payload) throw refused('unsafe', `the file contains ${payload}`);
  return { mediaType, content };
}

export interface StoredFile {
  storedName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/** Stored names are generated here and nowhere else; the client's file name is never used or kept. */
const STORED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function storedPath(uploadDir: string, storedName: string): string {
  if (!STORED_NAME.test(storedName)) throw new Error(`not a stored upload name: ${JSON.stringify(storedName.slice(0, 60))}`);
  return path.join(uploadDir, storedName);
}

/** Checks the upload (415 for anything but a clean PDF, JPEG or PNG) and stores it under a generated name. */
export async function storeSealedForm(uploadDir: string, upload: Buffer | undefined): Promise<StoredFile> {
  if (!upload) throw badRequest('sealed-form-missing', [{ path: 'sealedForm', message: 'required' }]);
  const { mediaType, content } = inspectSealedForm(upload);
  const storedName = randomUUID();
  await fs.mkdir(uploadDir, { recursive: true });
  await fs.writeFile(storedPath(uploadDir, storedName), content, { flag: 'wx', mode: 0o600 });
  return { storedName, mediaType, size: content.length, sha256: sha256Hex(content) };
}

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export async function readStoredFile(uploadDir: string, storedName: string): Promise<Buffer> {
  return fs.readFile(storedPath(uploadDir, storedName));
}

export async function discardStoredFile(uploadDir: string, storedName: string): Promise<void> {
  await fs.rm(storedPath(uploadDir, storedName), { force: true });
}
