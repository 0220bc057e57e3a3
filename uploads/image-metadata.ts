/**
 * Pure JPEG and PNG metadata strippers. Each walks the file's own structure, refuses a file that is
 * not well formed or that carries data after its end marker (a polyglot), and returns the image
 * with only the parts needed to show it.
 */

export type ImageProblem = 'malformed' | 'trailing-data';

export class ImageRefused extends Error {
  constructor(
    readonly problem: ImageProblem,
    message: string,
  ) {
    super(message);
  }
}

const malformed = (message: string) => new ImageRefused('malformed', message);

const startsWith = (data: Buffer, ascii: string) => data.length >= ascii.length && data.toString('latin1', 0, ascii.length) === ascii;

// ---------------------------------------------------------------- JPEG

/** Start-of-frame markers (SOF0–SOF15 less DHT, JPG and DAC, which share the range). */
const JPEG_FRAME_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const JPEG_SOS = 0xda;
const JPEG_EOI = 0xd9;
const JPEG_COM = 0xfe;
const JFIF_HEADER_LENGTH = 14;

/**
 * The segment as stored, or null to drop it. Application segments are kept only where rendering
 * needs them: JFIF (without its thumbnail, which may show what a crop removed), the ICC colour
 * profile and Adobe's colour-transform flag. Exif, XMP, maker notes, other APPn and comments go.
 */
function keptJpegSegment(marker: number, segment: Buffer): Buffer | null {
  const payload = segment.subarray(4);
  if (marker === JPEG_COM) return null;
  if (marker < 0xe0 || marker > 0xef) return segment;
  if (marker === 0xe0 && startsWith(payload, 'JFIF\0') && payload.length >= JFIF_HEADER_LENGTH) {
    const header = Buffer.from(segment.subarray(0, 4 + JFIF_HEADER_LENGTH));
    header.writeUInt16BE(2 + JFIF_HEADER_LENGTH, 2);
    header[4 + 12] = 0; // thumbnail width
    header[4 + 13] = 0; // thumbnail height
    return header;
  }
  if (marker === 0xe2 && startsWith(payload, 'ICC_PROFILE\0')) return segment;
  if (marker === 0xee && startsWith(payload, 'Adobe')) return segment;
  return null;
}

/** Index just past a scan's entropy-coded data: the next marker that is not a stuffed 0xFF or a restart. */
function endOfEntropyData(input: Buffer, from: number): number {
  let pos = from;
  for (;;) {
    pos = input.indexOf(0xff, pos);
    if (pos < 0) return input.length;
    const next = input[pos + 1];
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) pos += 2;
    else return pos;
  }
}

export function stripJpegMetadata(input: Buffer): Buffer {
  if (input[0] !== 0xff || input[1] !== 0xd8) throw malformed('no JPEG start-of-image marker');
  const kept: Buffer[] = [Buffer.from([0xff, 0xd8])];
  let pos = 2;
  let frame = false;
  let scanned = false;
  for (;;) {
    if (input[pos] !== 0xff) throw malformed(pos >= input.length ? 'the JPEG ends before its end-of-image marker' : `no JPEG marker at byte ${pos}`);
    while (input[pos] === 0xff) pos += 1; // fill bytes
    if (pos >= input.length) throw malformed('the JPEG ends before its end-of-image marker');
    const marker = input[pos];
    pos += 1;
    if (marker === JPEG_EOI) {
      if (!frame || !scanned) throw malformed('the JPEG has no image data');
      if (pos !== input.length) throw new ImageRefused('trailing-data', `${input.length - pos} bytes follow the JPEG end-of-image marker`);
      kept.push(Buffer.from([0xff, JPEG_EOI]));
      return Buffer.concat(kept);
    }
    // SOI again, TEM, a restart outside a scan, or a stuffed zero: none belongs here.
    if (marker === 0xd8 || marker === 0x01 || marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7))
      throw malformed(`unexpected JPEG marker 0x${marker.toString(16)} at byte ${pos - 1}`);
    if (pos + 2 > input.length) throw malformed('a JPEG segment runs past the end of the file');
    const length = input.readUInt16BE(pos);
    const end = pos + length;
    if (length < 2) throw malformed(`a JPEG segment at byte ${pos - 2} has an impossible length`);
    if (end > input.length) throw malformed(`a JPEG segment at byte ${pos - 2} runs past the end of the file`);
    const segment = input.subarray(pos - 2, end);
    pos = end;
    if (JPEG_FRAME_MARKERS.has(marker)) {
      if (frame) throw malformed('the JPEG has two frame headers');
      frame = true;
    }
    if (marker === JPEG_SOS) {
      if (!frame) throw malformed('a JPEG scan comes before its frame header');
      scanned = true;
      const dataEnd = endOfEntropyData(input, pos);
      kept.push(segment, input.subarray(pos, dataEnd));
      pos = dataEnd;
      continue;
    }
    const keep = keptJpegSegment(marker, segment);
    if (keep) kept.push(keep);
  }
}

// ---------------------------------------------------------------- PNG

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Chunks that shape how the image looks. Everything else ancillary is dropped: eXIf, tEXt, zTXt,
 * iTXt and tIME by name, and any private or unknown chunk, which could carry the same data.
 */
const KEPT_PNG_CHUNKS = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'cHRM', 'gAMA', 'iCCP', 'sBIT', 'sRGB', 'cICP', 'mDCV', 'cLLI', 'bKGD', 'hIST', 'pHYs', 'sPLT']);

/** Allowed bit depths per colour type (PNG specification, table 11.1). */
const PNG_BIT_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function checkPngHeader(data: Buffer): number {
  if (data.length !== 13) throw malformed('the PNG header chunk has the wrong length');
  const width = data.readUInt32BE(0);
  const height = data.readUInt32BE(4);
  const [depth, colourType, compression, filter, interlace] = data.subarray(8);
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) throw malformed('the PNG has an impossible size');
  if (!PNG_BIT_DEPTHS[colourType]?.includes(depth)) throw malformed('the PNG has an impossible colour type or bit depth');
  if (compression !== 0 || filter !== 0 || interlace > 1) throw malformed('the PNG names an unknown compression, filter or interlace method');
  return colourType;
}

export function stripPngMetadata(input: Buffer): Buffer {
  if (!input.subarray(0, 8).equals(PNG_SIGNATURE)) throw malformed('no PNG signature');
  const kept: Buffer[] = [PNG_SIGNATURE];
  let pos = PNG_SIGNATURE.length;
  let colourType = -1;
  let palette = false;
  let dataState: 'before' | 'in' | 'after' = 'before';
  while (pos < input.length) {
    if (pos + 12 > input.length) throw malformed('a PNG chunk runs past the end of the file');
    const length = input.readUInt32BE(pos);
    const end = pos + 12 + length;
    if (length > 0x7fffffff || end > input.length) throw malformed(`a PNG chunk at byte ${pos} runs past the end of the file`);
    const type = input.toString('latin1', pos + 4, pos + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw malformed(`a PNG chunk at byte ${pos} has no valid type`);
    const data = input.subarray(pos + 8, pos + 8 + length);
    if (crc32(input.subarray(pos + 4, pos + 8 + length)) !== input.readUInt32BE(pos + 8 + length)) throw malformed(`the PNG chunk ${type} fails its CRC`);
    if ((colourType < 0) !== (type === 'IHDR')) throw malformed('the PNG must begin with exactly one IHDR chunk');
    const critical = type.charCodeAt(0) < 0x61;
    if (critical && !KEPT_PNG_CHUNKS.has(type)) throw malformed(`the PNG has an unknown critical chunk ${type}`);
    if (type === 'IHDR') colourType = checkPngHeader(data);
    if (type === 'PLTE') palette = true;
    if (type === 'IDAT') {
      if (dataState === 'after') throw malformed('the PNG image data chunks are not consecutive');
      if (colourType === 3 && !palette) throw malformed('the PNG palette image has no palette');
      dataState = 'in';
    } else if (dataState === 'in') dataState = 'after';
    if (type === 'IEND') {
      if (dataState === 'before') throw malformed('the PNG has no image data');
      if (length !== 0) throw malformed('the PNG end chunk is not empty');
      if (end !== input.length) throw new ImageRefused('trailing-data', `${input.length - end} bytes follow the PNG end chunk`);
      kept.push(input.subarray(pos, end));
      return Buffer.concat(kept);
    }
    if (KEPT_PNG_CHUNKS.has(type)) kept.push(input.subarray(pos, end));
    pos = end;
  }
  throw malformed('the PNG ends before its IEND chunk');
}
