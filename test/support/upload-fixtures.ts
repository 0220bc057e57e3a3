import zlib from 'node:zlib';

/**
 * Upload fixtures built byte by byte, so the corpus lives in code and no binary file is committed.
 * Every place, coordinate and text in them is made up.
 */

export function pngChunk(type: string, data: Buffer | string = Buffer.alloc(0)): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), Buffer.from(data)]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(body.length - 4, 0);
  body.copy(out, 4);
  out.writeUInt32BE(zlib.crc32(body), body.length + 4);
  return out;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A real 8-bit grey PNG (a gradient), with extra chunks before and after its image data. */
export function png({ width = 16, height = 16, before = [] as Buffer[], after = [] as Buffer[] } = {}): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.concat(Array.from({ length: height }, (_, y) => Buffer.from([0, ...Array.from({ length: width }, (_, x) => (x * 16 + y * 8) & 0xff)])));
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), ...before, pngChunk('IDAT', zlib.deflateSync(rows)), ...after, pngChunk('IEND')]);
}

export function jpegSegment(marker: number, payload: Buffer | string): Buffer {
  const data = Buffer.from(payload);
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
}

const JFIF = jpegSegment(0xe0, Buffer.from([...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]));

/**
 * A real 8×8 grey baseline JPEG: all-ones quantisation, one-code Huffman tables, one block whose
 * DC difference and AC run are both zero — two bits, padded with ones.
 */
export function jpeg({ segments = [] as Buffer[], entropy = Buffer.from([0x3f]) } = {}): Buffer {
  const huffman = (tableClass: number) => jpegSegment(0xc4, Buffer.from([tableClass << 4, 1, ...Array(15).fill(0), 0]));
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    JFIF,
    ...segments,
    jpegSegment(0xdb, Buffer.from([0, ...Array(64).fill(1)])),
    jpegSegment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])),
    huffman(0),
    huffman(1),
    jpegSegment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    entropy,
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** The latitude 39°54'27.36" as three big-endian rationals: the bytes a leak would show. */
export const GPS_LATITUDE = Buffer.from([0, 0, 0, 39, 0, 0, 0, 1, 0, 0, 0, 54, 0, 0, 0, 1, 0, 0, 0x0a, 0xb0, 0, 0, 0, 100]);

/** A TIFF structure as Exif stores it: IFD0 pointing to a GPS IFD with a latitude. */
export function exifTiffWithGps(): Buffer {
  const tiff = Buffer.alloc(56 + GPS_LATITUDE.length);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  // IFD0: one entry, GPSInfo (0x8825, LONG) → offset 26
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x8825, 10);
  tiff.writeUInt16BE(4, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(26, 18);
  tiff.writeUInt32BE(0, 22);
  // GPS IFD: GPSLatitudeRef "N", GPSLatitude (3 RATIONAL at offset 56)
  tiff.writeUInt16BE(2, 26);
  tiff.writeUInt16BE(1, 28);
  tiff.writeUInt16BE(2, 30);
  tiff.writeUInt32BE(2, 32);
  tiff.write('N\0', 36, 'latin1');
  tiff.writeUInt16BE(2, 40);
  tiff.writeUInt16BE(5, 42);
  tiff.writeUInt32BE(3, 44);
  tiff.writeUInt32BE(56, 48);
  tiff.writeUInt32BE(0, 52);
  GPS_LATITUDE.copy(tiff, 56);
  return tiff;
}

export const XMP_GPS = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="39,54.456N"/></rdf:RDF></x:xmpmeta>';

/** A phone photo's metadata: Exif with GPS, XMP with GPS, a comment and a maker's APP segment. */
export function jpegWithGps(): Buffer {
  return jpeg({
    segments: [
      jpegSegment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiffWithGps()])),
      jpegSegment(0xe1, `http://ns.adobe.com/xap/1.0/\0${XMP_GPS}`),
      jpegSegment(0xe2, Buffer.concat([Buffer.from('ICC_PROFILE\0', 'latin1'), Buffer.from([1, 1]), Buffer.alloc(16, 0x11)])),
      jpegSegment(0xeb, 'maker notes: serial 0000'),
      jpegSegment(0xfe, 'example camera comment'),
    ],
  });
}

/** A PNG carrying its metadata in every text and Exif chunk, a timestamp and a private chunk. */
export function pngWithMetadata(): Buffer {
  const time = Buffer.from([0x07, 0xe9, 1, 2, 3, 4, 5]);
  return png({
    before: [
      pngChunk('pHYs', Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1])),
      pngChunk('eXIf', exifTiffWithGps()),
      pngChunk('tEXt', 'Comment\0example location text'),
      pngChunk('zTXt', Buffer.concat([Buffer.from('Author\0\0', 'latin1'), zlib.deflateSync('Example Author')])),
      pngChunk('iTXt', `XML:com.adobe.xmp\0\0\0\0\0${XMP_GPS}`),
      pngChunk('tIME', time),
      pngChunk('prVt', 'private vendor data'),
    ],
    after: [pngChunk('tEXt', 'Software\0example scanner')],
  });
}

/** A minimal well-formed PDF, padded to `size` bytes with a stream of seeded pseudo-random bytes (like compressed data). */
export function pdf(size?: number): Buffer {
  const head = '%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n';
  const tail = 'trailer<</Root 1 0 R>>\n%%EOF\n';
  if (size === undefined) return Buffer.from(head + tail);
  const streamHead = '3 0 obj<</Length 0000000000>>stream\n';
  const streamTail = '\nendstream\nendobj\n';
  const fill = size - head.length - tail.length - streamHead.length - streamTail.length;
  const noise = Buffer.alloc(fill);
  let x = 0x2545f491;
  for (let i = 0; i < fill; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    noise[i] = x & 0xff;
  }
  return Buffer.concat([Buffer.from(head + streamHead.replace('0000000000', String(fill).padStart(10, '0'))), noise, Buffer.from(streamTail + tail)]);
}
