import zlib from 'node:zlib';
import { ImageRefused, stripJpegMetadata, stripPngMetadata } from '../../uploads/image-metadata';
import { GPS_LATITUDE, XMP_GPS, jpeg, jpegSegment, jpegWithGps, png, pngChunk, pngWithMetadata } from '../support/upload-fixtures';

function refusal(strip: () => Buffer): { problem: string; message: string } {
  try {
    strip();
  } catch (err) {
    if (err instanceof ImageRefused) return { problem: err.problem, message: err.message };
    throw err;
  }
  throw new Error('the image was not refused');
}

/** JPEG markers in file order, read back from a stripped file to prove what it is made of. */
function jpegMarkers(file: Buffer): string[] {
  const markers: string[] = [];
  let pos = 2;
  while (pos < file.length) {
    const marker = file[pos + 1];
    markers.push(marker.toString(16));
    if (marker === 0xd9) break;
    pos += 2 + file.readUInt16BE(pos + 2);
    if (marker === 0xda) while (!(file[pos] === 0xff && file[pos + 1] !== 0 && (file[pos + 1] < 0xd0 || file[pos + 1] > 0xd7))) pos += 1;
  }
  return markers;
}

function pngChunkTypes(file: Buffer): string[] {
  const types: string[] = [];
  for (let pos = 8; pos < file.length; pos += 12 + file.readUInt32BE(pos)) types.push(file.toString('latin1', pos + 4, pos + 8));
  return types;
}

describe('JPEG', () => {
  test('Exif, XMP, comments and maker segments are dropped; JFIF, the ICC profile and the image data stay', () => {
    const photo = jpegWithGps();
    const stripped = stripJpegMetadata(photo);
    expect(jpegMarkers(photo)).toEqual(['e0', 'e1', 'e1', 'e2', 'eb', 'fe', 'db', 'c0', 'c4', 'c4', 'da', 'd9']);
    expect(jpegMarkers(stripped)).toEqual(['e0', 'e2', 'db', 'c0', 'c4', 'c4', 'da', 'd9']);
    for (const leak of [Buffer.from('Exif'), GPS_LATITUDE, Buffer.from('GPSLatitude'), Buffer.from('example camera'), Buffer.from('maker notes')]) {
      expect(photo.includes(leak)).toBe(true);
      expect(stripped.includes(leak)).toBe(false);
    }
    expect(stripped.includes(Buffer.from('ICC_PROFILE\0'))).toBe(true);
  });

  test('a JPEG without metadata comes out byte for byte as it went in, and stripping twice changes nothing more', () => {
    expect(stripJpegMetadata(jpeg()).equals(jpeg())).toBe(true);
    const once = stripJpegMetadata(jpegWithGps());
    expect(stripJpegMetadata(once).equals(once)).toBe(true);
  });

  test('the JFIF thumbnail is cut, because it may show what a crop removed', () => {
    const thumbnail = Buffer.from([...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 2, 1, ...Array(6).fill(0x77)]);
    const withThumbnail = Buffer.concat([Buffer.from([0xff, 0xd8]), jpegSegment(0xe0, thumbnail), jpeg().subarray(2 + 18)]);
    const stripped = stripJpegMetadata(withThumbnail);
    expect(stripped.subarray(0, 2 + 18).equals(jpeg().subarray(0, 2 + 18))).toBe(true);
    expect(stripped.equals(jpeg())).toBe(true);
  });

  test("Adobe's colour-transform segment is kept; other application segments are not", () => {
    const stripped = stripJpegMetadata(jpeg({ segments: [jpegSegment(0xee, Buffer.from('Adobe\0\x64\0\0\0\0\x01', 'latin1')), jpegSegment(0xe0, 'JFXX\0\x10thumb'), jpegSegment(0xef, 'x')] }));
    expect(jpegMarkers(stripped)).toEqual(['e0', 'ee', 'db', 'c0', 'c4', 'c4', 'da', 'd9']);
  });

  test('entropy-coded data keeps its stuffed bytes and restart markers untouched', () => {
    const entropy = Buffer.from([0x3f, 0xff, 0x00, 0x12, 0xff, 0xd0, 0x3f, 0xff, 0xd7, 0x3f]);
    const stripped = stripJpegMetadata(jpeg({ entropy, segments: [jpegSegment(0xfe, 'comment')] }));
    expect(stripped.equals(jpeg({ entropy }))).toBe(true);
  });

  test('data after the end-of-image marker is refused as trailing data, whatever it is', () => {
    for (const tail of [Buffer.from('<html><script>alert(1)</script></html>'), Buffer.from('PK\x03\x04', 'latin1'), Buffer.from([0])]) {
      expect(refusal(() => stripJpegMetadata(Buffer.concat([jpeg(), tail])))).toEqual({ problem: 'trailing-data', message: `${tail.length} bytes follow the JPEG end-of-image marker` });
    }
  });

  test('structurally broken JPEGs are refused as malformed', () => {
    const good = jpeg();
    const broken: [string, Buffer, string][] = [
      ['truncated before the end marker', good.subarray(0, good.length - 2), 'the JPEG ends before its end-of-image marker'],
      ['cut inside a segment', good.subarray(0, 30), 'a JPEG segment at byte 20 runs past the end of the file'],
      ['a segment length past the end', Buffer.concat([good.subarray(0, 2), Buffer.from([0xff, 0xdb, 0xff, 0xff, 0])]), 'a JPEG segment at byte 2 runs past the end of the file'],
      ['a segment length below 2', Buffer.concat([good.subarray(0, 2), Buffer.from([0xff, 0xfe, 0, 1]), good.subarray(2)]), 'a JPEG segment at byte 2 has an impossible length'],
      ['no frame header', Buffer.from([0xff, 0xd8, ...jpegSegment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])), 0x3f, 0xff, 0xd9]), 'a JPEG scan comes before its frame header'],
      ['garbage where a marker belongs', Buffer.concat([good.subarray(0, 2), Buffer.from('junk'), good.subarray(2)]), 'no JPEG marker at byte 2'],
      ['a second start-of-image', Buffer.concat([good.subarray(0, 2), good]), 'unexpected JPEG marker 0xd8 at byte 3'],
      ['only the magic bytes', Buffer.from([0xff, 0xd8, 0xff]), 'the JPEG ends before its end-of-image marker'],
      ['two frame headers', jpeg({ segments: [jpegSegment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0]))] }), 'the JPEG has two frame headers'],
    ];
    for (const [what, file, message] of broken) expect({ what, ...refusal(() => stripJpegMetadata(file)) }).toEqual({ what, problem: 'malformed', message });
  });
});

/** The PNG with another colour type in its header, the header's CRC made right again. */
function withColourType(file: Buffer, colourType: number): Buffer {
  const edited = Buffer.from(file);
  edited[8 + 8 + 9] = colourType;
  edited.writeUInt32BE(zlib.crc32(edited.subarray(12, 29)), 29);
  return edited;
}

describe('PNG', () => {
  test('eXIf, tEXt, zTXt, iTXt, tIME and private chunks are dropped; the image and its pixel density stay', () => {
    const file = pngWithMetadata();
    const stripped = stripPngMetadata(file);
    expect(pngChunkTypes(file)).toEqual(['IHDR', 'pHYs', 'eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME', 'prVt', 'IDAT', 'tEXt', 'IEND']);
    expect(pngChunkTypes(stripped)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
    expect(stripped.equals(png({ before: [pngChunk('pHYs', Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]))] }))).toBe(true);
    for (const leak of [GPS_LATITUDE, Buffer.from(XMP_GPS), Buffer.from('example location'), Buffer.from('example scanner'), Buffer.from('private vendor')]) {
      expect(file.includes(leak)).toBe(true);
      expect(stripped.includes(leak)).toBe(false);
    }
  });

  test('a PNG without metadata comes out byte for byte as it went in', () => {
    expect(stripPngMetadata(png()).equals(png())).toBe(true);
  });

  test('data after the IEND chunk is refused as trailing data', () => {
    const zip = Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00payload', 'latin1');
    expect(refusal(() => stripPngMetadata(Buffer.concat([png(), zip])))).toEqual({ problem: 'trailing-data', message: `${zip.length} bytes follow the PNG end chunk` });
  });

  test('structurally broken PNGs are refused as malformed', () => {
    const good = png();
    const badCrc = Buffer.from(good);
    badCrc[good.length - 20] ^= 0x01; // inside the IDAT data
    const idatAt = good.indexOf('IDAT') - 4;
    const broken: [string, Buffer, string][] = [
      ['a chunk whose CRC does not match', badCrc, 'the PNG chunk IDAT fails its CRC'],
      ['truncated before IEND', good.subarray(0, good.length - 12), 'the PNG ends before its IEND chunk'],
      ['cut inside a chunk', good.subarray(0, 40), 'a PNG chunk runs past the end of the file'],
      ['a chunk length past the end', Buffer.concat([good.subarray(0, idatAt), Buffer.from([0x7f, 0, 0, 0]), good.subarray(idatAt + 4)]), 'a PNG chunk at byte 33 runs past the end of the file'],
      ['IHDR not first', Buffer.concat([good.subarray(0, 8), pngChunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f])), good.subarray(8)]), 'the PNG must begin with exactly one IHDR chunk'],
      ['an unknown critical chunk', png({ before: [pngChunk('ABCD', 'x')] }), 'the PNG has an unknown critical chunk ABCD'],
      ['image data chunks split by another chunk', Buffer.concat([good.subarray(0, good.length - 12), pngChunk('tEXt', 'a\0b'), pngChunk('IDAT', Buffer.alloc(0)), pngChunk('IEND')]), 'the PNG image data chunks are not consecutive'],
      ['no image data', Buffer.concat([good.subarray(0, 33), pngChunk('IEND')]), 'the PNG has no image data'],
      ['an impossible colour type and depth', withColourType(good, 5), 'the PNG has an impossible colour type or bit depth'],
      ['a palette image without a palette', withColourType(good, 3), 'the PNG palette image has no palette'],
      ['a non-empty IEND', Buffer.concat([good.subarray(0, good.length - 12), pngChunk('IEND', 'x')]), 'the PNG end chunk is not empty'],
    ];
    for (const [what, file, message] of broken) expect({ what, ...refusal(() => stripPngMetadata(file)) }).toEqual({ what, problem: 'malformed', message });
  });
});
