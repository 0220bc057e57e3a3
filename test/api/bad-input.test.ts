import express from 'express';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { errorHandler } from '../../api/http/errors';
import { MAX_FILE_NAME_LENGTH } from '../../api/http/file-names';
import { multipartFields } from '../../api/http/multipart';
import { ApiClient, eventually, nominationForm, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';
import { pdf } from '../support/upload-fixtures';

// Issue 13, items 4, 5 and 9: bad input answered 400 (or 413) naming what was wrong, never 500.

let system: System;
let api: ApiClient;
let token = '';

beforeAll(async () => {
  system = await startSystem();
  await system.startWorker();
  api = new ApiClient(system.baseUrl);
  token = (await api.request('POST', '/api/auth/login', { username: 'secretariat', password: 'demo-password' })).body.token;
});
afterAll(async () => {
  await system?.stop();
});

const secretariat = () => api.as(token);
const english = { 'accept-language': 'en' };
const CHINESE = /[\u4e00-\u9fff]/;

/** Raw HTTP, for bodies the client helper would not send: UTF-16 text, bytes. */
async function send(method: string, url: string, body?: string | Buffer | FormData, headers: Record<string, string> = {}) {
  const res = await fetch(system.baseUrl + url, { method, body, headers: { authorization: `Bearer ${token}`, ...headers } });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as { error: { code: string; message: string; details?: { path: string; message: string }[] } } };
}

function expectRefusedField(res: { status: number; body: { error: { code: string; details?: { path: string; message: string }[] } } }, field: string, words: RegExp) {
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('validation-failed');
  expect(res.body.error.details).toContainEqual({ path: field, message: expect.stringMatching(words) });
}

function campaign(title: string) {
  return {
    code: `bad-input-${Math.random().toString(36).slice(2, 8)}`,
    title,
    submissionDeadline: new Date(Date.now() + 86_400_000).toISOString(),
    reviewDeadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
  };
}

describe('item 4: invalid strings are refused at the edge with the field named', () => {
  test('a lone surrogate in the sign-in username is 400 validation-failed naming username, in Chinese by default', async () => {
    const res = await api.request('POST', '/api/auth/login', { username: 'a\ud800', password: 'demo-password' });
    expectRefusedField(res, 'username', /代理项/);
    expect(res.body.error.message).toMatch(CHINESE);
  });

  test('the same refusal in English when Accept-Language asks for it', async () => {
    const res = await api.request('POST', '/api/auth/login', { username: 'a\ud800', password: 'demo-password' }, english);
    expectRefusedField(res, 'username', /unpaired UTF-16 surrogate/);
    expect(res.body.error.message).not.toMatch(CHINESE);
  });

  test.each([
    ['a lone high surrogate', 'a\ud800b', /代理项/],
    ['a lone low surrogate', 'a\udfffb', /代理项/],
    ['a NUL', 'a\u0000b', /控制字符/],
    ['an escape character', 'a\u001bb', /控制字符/],
    ['a C1 control character', 'a\u0085b', /控制字符/],
    ['a line break in a one-line field', 'a\nb', /只能填写一行/],
  ])('a campaign title with %s is 400 naming title, and no campaign is created', async (_what, title, words) => {
    const body = campaign(title);
    const res = await secretariat().post('/api/campaigns', body);
    expectRefusedField(res, 'title', words);
    expect(await system.db.campaign.findUnique({ where: { code: body.code } })).toBeNull();
  });

  test('a surrogate pair (an emoji) is a valid character and is kept', async () => {
    const body = campaign('最美后勤人 😀');
    const res = await secretariat().post('/api/campaigns', body);
    expect(res.status).toBe(201);
    expect((await system.db.campaign.findUnique({ where: { code: body.code } }))?.title).toBe('最美后勤人 😀');
  });

  test('a bad string nested in an array is named by its full path', async () => {
    const res = await secretariat().post('/api/campaigns', { ...campaign('标题'), criteria: ['第一条', 'x\u0000y'] });
    expectRefusedField(res, 'criteria.1', /控制字符/);
  });

  test('an unknown key holding a surrogate is refused and named without the surrogate', async () => {
    const res = await api.request('POST', '/api/auth/login', { username: 'secretariat', password: 'demo-password', 'k\ud800': 1 });
    expectRefusedField(res, 'k\ufffd', /代理项/);
    expect(res.body.error.details.map((d: { path: string }) => d.path).join('')).not.toMatch(/[\ud800-\udfff]/);
  });

  test('a lone surrogate in the nominee name of the multipart nomination part is 400 naming nomination.nominee.name', async () => {
    const nomination = sampleNomination({ channel: 'self', recommendingUnit: '示例大学' });
    nomination.nominee.name = 'x\udfffy';
    const res = await api.request('POST', '/api/campaigns/demo/nominations', nominationForm(nomination), english);
    expectRefusedField(res, 'nomination.nominee.name', /surrogate/);
  });

  test('free text keeps its line breaks and tabs: a story over several lines is accepted', async () => {
    const nomination = sampleNomination({ channel: 'self', recommendingUnit: '示例大学', story: '第一段。\n\t第二段。\r\n第三段。' });
    const res = await api.request('POST', '/api/campaigns/demo/nominations', nominationForm(nomination));
    expect(res.status).toBe(201);
  });

  test.each([
    ['a NUL', '/api/nominations?q=a%00b', 'query.q', /控制字符/],
    ['a line break', '/api/nominations?q=a%0Ab', 'query.q', /控制字符/],
    ['a malformed %-encoding', '/api/nominations?q=%E0%A4%A', 'query.q', /% 编码无效/],
    ['an encoded surrogate (not UTF-8)', '/api/nominations?q=%ED%A0%80', 'query.q', /% 编码无效/],
  ])('a query value with %s is 400 naming it', async (_what, url, field, words) => {
    expectRefusedField(await send('GET', url), field, words);
  });

  test.each([
    ['a malformed %-encoding', '/api/nominations/%E0%A4%A', /% 编码无效/],
    ['an encoded surrogate (not UTF-8)', '/api/nominations/%ED%A0%80', /% 编码无效/],
    ['a NUL', '/api/nominations/a%00b', /控制字符/],
  ])('a path id with %s is 400 naming the parameter, not 500', async (_what, url, words) => {
    expectRefusedField(await send('GET', url), 'caseId', words);
  });

  test('a path id is named in English too', async () => {
    expectRefusedField(await send('POST', '/api/tasks/%E0%A4%A/claim', undefined, english), 'id', /invalid %-encoding/);
  });

  test('a honourees sheet in UTF-16 holding a lone surrogate is 400 naming its line, and nothing is imported', async () => {
    const before = await system.db.honouree.count();
    const sheet = Buffer.from('year,title,category,name,unit\n2021,最美后勤人,individual,测试\ud800人员,示例学校\n', 'utf16le');
    const res = await send('POST', '/api/honourees/import', sheet, { 'content-type': 'text/csv; charset=utf-16le' });
    expectRefusedField(res, 'line 2', /代理项/);
    expect(await system.db.honouree.count()).toBe(before);
  });

  test('an accounts sheet with a NUL in a name is 400 naming its line, and no account is created', async () => {
    const sheet = 'username,displayName,email,roles\nnul-in-name,测试\u0000人员,nul@example.test,auditor\n';
    const res = await send('POST', '/api/users/import', sheet, { 'content-type': 'text/csv', ...english });
    expectRefusedField(res, 'line 2', /control character/);
    expect(await system.db.user.findUnique({ where: { username: 'nul-in-name' } })).toBeNull();
  });

  test('a JSON body that is not UTF-8 is refused as malformed rather than read with replacement characters', async () => {
    const body = Buffer.concat([Buffer.from('{"username":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","password":"x"}')]);
    const res = await send('POST', '/api/auth/login', body, { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed-json');
  });
});

describe('item 5: each size limit names its own size', () => {
  test('a JSON body over 100 KB is 413 json-too-large naming 100 KB, not the upload’s 10 MB', async () => {
    const res = await secretariat().post('/api/campaigns', { ...campaign('x'), title: 'y'.repeat(110 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('json-too-large');
    expect(res.body.error.message).toMatch(/100 KB/);
    expect(res.body.error.message).not.toMatch(/10 MB|上传/);
    expect(res.body.error.details).toEqual([{ path: '(body)', message: '不得超过 100 KB' }]);
    const en = await api.request('POST', '/api/auth/login', { username: 'x', password: 'y'.repeat(110 * 1024) }, english);
    expect(en.status).toBe(413);
    expect(en.body.error.message).toBe('The JSON request body is larger than 100 KB.');
  });

  test('a sealed form over 10 MB is 413 payload-too-large naming 10 MB on the sealedForm part', async () => {
    const nomination = sampleNomination({ channel: 'self', recommendingUnit: '示例大学' });
    const res = await api.request('POST', '/api/campaigns/demo/nominations', nominationForm(nomination, pdf(10 * 1024 * 1024 + 1)), english);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload-too-large');
    expect(res.body.error.message).toMatch(/10 MB/);
    expect(res.body.error.details).toEqual([{ path: 'sealedForm', message: 'at most 10 MB' }]);
  });

  test('a nomination part over 1 MB is 413 nomination-too-large naming 1 MB, not a 400 in English only', async () => {
    const nomination = sampleNomination({ channel: 'self', recommendingUnit: '示例大学', story: '长'.repeat(400_000) });
    const res = await api.request('POST', '/api/campaigns/demo/nominations', nominationForm(nomination));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('nomination-too-large');
    expect(res.body.error.message).toMatch(/1 MB/);
    expect(res.body.error.details).toEqual([{ path: 'nomination', message: '不得超过 1 MB' }]);
  });
});

describe('item 9: a client’s file name is never a stored name and is shown only clean', () => {
  const MARKER = `hostile-${Date.now()}`;
  const HOSTILE_NAMES = [`../../../${MARKER}.pdf`, `<script>alert('${MARKER}')</script>.pdf`, `..\\..\\${MARKER}\u202Efdp.exe`];

  test.each(HOSTILE_NAMES)('a sealed form sent as %j is stored under a generated name inside the upload folder, and no answer, history or email carries the name', async (name) => {
    const nomination = sampleNomination({ channel: 'self', recommendingUnit: '示例大学' });
    const submitted = await api.request('POST', '/api/campaigns/demo/nominations', nominationForm(nomination, undefined, name));
    expect(submitted.status).toBe(201);
    const caseId = submitted.body.caseId as string;

    const stored = fs.readdirSync(system.config.uploadDir);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.filter((file) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(file))).toEqual([]);
    expect(fs.readdirSync(system.config.varDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.includes(MARKER))).toEqual([]);
    expect(fs.existsSync(path.resolve(system.config.uploadDir, name))).toBe(false);

    const staff = secretariat();
    const answers = [
      JSON.stringify(submitted.body),
      JSON.stringify((await staff.get(`/api/nominations/${caseId}`)).body),
      JSON.stringify((await staff.get(`/api/cases/${caseId}/history`)).body),
    ];
    const download = await fetch(`${system.baseUrl}/api/nominations/${caseId}/sealed-form`, { headers: { authorization: `Bearer ${token}` } });
    answers.push(download.headers.get('content-disposition') ?? '');
    const mails = await eventually(system.mail, (all) => all.some((m) => m.to.includes(nomination.applicantEmail)));
    answers.push(JSON.stringify(mails.filter((m) => m.to.includes(nomination.applicantEmail))));
    for (const answer of answers) expect(answer).not.toContain(MARKER);
  });

  describe('the name a handler is given', () => {
    let server: Server;
    let url = '';
    beforeAll(async () => {
      const app = express();
      app.post('/upload', multipartFields(['nomination']), (req, res) => {
        res.json({ name: req.file?.originalname });
      });
      app.use(errorHandler({ log: () => {} }));
      server = await new Promise((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
      });
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    async function uploadedAs(name: string): Promise<string> {
      const res = await fetch(url, { method: 'POST', body: nominationForm({}, undefined, name) });
      return ((await res.json()) as { name: string }).name;
    }

    test.each([
      ['path parts', '../../etc/passwd.pdf', 'passwd.pdf'],
      ['Windows path parts', 'C:\\Users\\扫描件\\报名表.pdf', '报名表.pdf'],
      ['markup', '<img src=x onerror=alert(1)>.pdf', 'img src=x onerror=alert(1).pdf'],
      ['a script tag split by its slash', '<script>alert(1)</script>.pdf', 'script.pdf'],
      ['a right-to-left override', 'report\u202Efdp.exe', 'reportfdp.exe'],
      // C0 controls and DEL are already replaced by `_` in the part's headers, before parsing.
      ['control characters', 'a\u0001b\u0085c\u009bd.pdf', 'a_bcd.pdf'],
      ['a hidden-file dot', '.htaccess', 'htaccess'],
      ['nothing left', '...<>', 'upload'],
    ])('is cleaned of %s', async (_what, name, shown) => {
      expect(await uploadedAs(name)).toBe(shown);
    });

    test('is cut to the length limit, keeping its extension', async () => {
      const shown = await uploadedAs(`${'很长的文件名'.repeat(40)}.pdf`);
      expect([...shown].length).toBe(MAX_FILE_NAME_LENGTH);
      expect(shown.endsWith('….pdf')).toBe(true);
    });

    test('keeps a Chinese name readable (UTF-8, not read as Latin-1)', async () => {
      expect(await uploadedAs('最美后勤人报名表.pdf')).toBe('最美后勤人报名表.pdf');
    });
  });
});
