import { ApiClient, nominationForm, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

// The registry of earlier honourees over HTTP. Every name and unit here is made up.
let system: System;
let api: ApiClient;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await startSystem();
  api = new ApiClient(system.baseUrl);
  for (const username of ['secretariat', 'auditor', 'assoc-1']) {
    const res = await api.post('/api/auth/login', { username, password: 'demo-password' });
    expect(res.status).toBe(200);
    tokens[username] = res.body.token;
  }
});
afterAll(async () => {
  await system?.stop();
});

/** Posts a CSV body as a browser's file upload or `curl --data-binary` would. */
async function postCsv(as: string, csv: string | Uint8Array, contentType = 'text/csv; charset=utf-8', headers: Record<string, string> = {}) {
  const res = await fetch(`${system.baseUrl}/api/honourees/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[as]}`, 'content-type': contentType, ...headers },
    body: csv,
  });
  return { status: res.status, body: (await res.json()) as any };
}

const get = (as: string, path: string) => api.as(tokens[as]).get(path);

const REGISTRY = [
  '\uFEFF年度,荣誉,类别,姓名或团队名称,单位',
  '2020,2020年度感动人物,个人,测试人员甲,示例大学后勤处',
  '2021,2021年度最美后勤人,个人,测试人员乙,示例中学',
  '2022,2022年度最美后勤人,团队,"示例食堂保障团队",示例大学后勤处',
  '',
].join('\r\n');

test('the secretariat imports a CSV; importing it again reports every row unchanged', async () => {
  const first = await postCsv('secretariat', REGISTRY);
  expect(first).toEqual({ status: 200, body: { imported: 3, updated: 0, unchanged: 0, eligibilityReviews: [] } });

  const again = await postCsv('secretariat', REGISTRY, 'text/plain');
  expect(again).toEqual({ status: 200, body: { imported: 0, updated: 0, unchanged: 3, eligibilityReviews: [] } });

  const corrected = await postCsv('secretariat', 'year,title,category,name,unit\n2023,2023年度最美后勤人,individual,测试人员乙,示例中学\n2023,2023年度最美后勤人,individual,测试人员丙,示例职业学院\n');
  expect(corrected).toEqual({ status: 200, body: { imported: 1, updated: 1, unchanged: 0, eligibilityReviews: [] } });
  expect(await system.db.honouree.count()).toBe(4);
});

test('secretariat and auditors search the registry by name or unit; others may not read it', async () => {
  const all = await get('auditor', '/api/honourees');
  expect(all.status).toBe(200);
  expect(all.body.truncated).toBe(false);
  expect(all.body.honourees.map((h: { name: string }) => h.name)).toEqual(expect.arrayContaining(['测试人员甲', '测试人员乙', '示例食堂保障团队']));

  const byUnit = await get('secretariat', `/api/honourees?q=${encodeURIComponent('大学后勤')}`);
  expect(byUnit.status).toBe(200);
  expect(byUnit.body.honourees).toEqual([
    { id: expect.any(String), year: 2022, title: '2022年度最美后勤人', category: 'team', name: '示例食堂保障团队', unit: '示例大学后勤处', importedAt: expect.any(String) },
    { id: expect.any(String), year: 2020, title: '2020年度感动人物', category: 'individual', name: '测试人员甲', unit: '示例大学后勤处', importedAt: expect.any(String) },
  ]);
  const byName = await get('auditor', `/api/honourees?q=${encodeURIComponent('人员乙')}`);
  expect(byName.body.honourees).toMatchObject([{ name: '测试人员乙', year: 2023 }]);
  expect((await get('auditor', `/api/honourees?q=${encodeURIComponent('无此人')}`)).body.honourees).toEqual([]);

  const unit = await get('assoc-1', '/api/honourees');
  expect(unit.status).toBe(403);
  expect(unit.body.error.code).toBe('forbidden');
  expect((await api.get('/api/honourees')).status).toBe(401);

  const unknownParam = await get('auditor', '/api/honourees?name=x');
  expect(unknownParam.status).toBe(400);
  expect(unknownParam.body.error.details).toEqual([{ path: 'query.name', message: '不认识的字段' }]);
});

test('only the secretariat may import: a unit account gets 403, an auditor too, no login 401', async () => {
  const csv = 'year,title,category,name,unit\n2021,T,individual,测试人员丁,示例学校\n';
  for (const as of ['assoc-1', 'auditor']) {
    const res = await postCsv(as, csv);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  }
  const anonymous = await fetch(`${system.baseUrl}/api/honourees/import`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
  expect(anonymous.status).toBe(401);
  expect(await system.db.honouree.findFirst({ where: { name: '测试人员丁' } })).toBeNull();
});

test('a CSV with bad lines is refused with 400 naming each line, and nothing of it is imported', async () => {
  const before = await system.db.honouree.findMany({ orderBy: { id: 'asc' } });
  const csv = [
    '年度,荣誉,类别,姓名或团队名称,单位',
    '2024,2024年度最美后勤人,个人,测试人员戊,示例学校', // good, but must not land
    '2024,2024年度最美后勤人,集体,示例班组,示例学校',
    '1999,感动人物,个人,测试人员己,示例学校',
    '2024,2024年度最美后勤人,个人,,示例学校',
    '2024,2024年度最美后勤人,个人,测试人员庚',
    '2025,2025年度最美后勤人,个人,测试人员甲,示例大学后勤处', // an update, but must not land
  ].join('\n');
  const res = await postCsv('secretariat', csv);
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('invalid-csv');
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.details).toEqual([
    { path: 'line 3', message: expect.stringContaining('集体') },
    { path: 'line 4', message: expect.stringContaining('between 2000 and 2100') },
    { path: 'line 5', message: '姓名或团队名称/name is empty' },
    { path: 'line 6', message: expect.stringContaining('missing 单位/unit') },
  ]);
  expect(await system.db.honouree.findMany({ orderBy: { id: 'asc' } })).toEqual(before);

  const noHeader = await postCsv('secretariat', '2021,T,individual,测试人员辛,示例学校\n');
  expect(noHeader.status).toBe(400);
  expect(noHeader.body.error.details).toEqual([{ path: 'line 1', message: expect.stringContaining('header row lacks columns') }]);
});

test('a body that is not CSV text gets 415; a body over 2 MB gets 413; neither imports anything', async () => {
  const count = await system.db.honouree.count();
  const json = await api.as(tokens.secretariat).post('/api/honourees/import', { year: 2021, name: '测试人员壬' });
  expect(json.status).toBe(415);
  expect(json.body.error.code).toBe('unsupported-csv-type');

  const excel = await postCsv('secretariat', new Uint8Array([0x50, 0x4b, 0x03, 0x04]), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(excel.status).toBe(415);

  const huge = 'year,title,category,name,unit\n' + '2021,T,individual,测试人员癸,示例学校\n'.repeat(60_000);
  expect(Buffer.byteLength(huge)).toBeGreaterThan(2 * 1024 * 1024);
  const tooLarge = await postCsv('secretariat', huge);
  expect(tooLarge.status).toBe(413);
  expect(tooLarge.body.error.code).toBe('csv-too-large');
  expect(await system.db.honouree.count()).toBe(count);
});

test('a CSV declared in another charset (GBK, as Excel on Chinese Windows saves it) is decoded by its charset', async () => {
  const header = Buffer.from('year,title,category,name,unit\n2021,T,individual,');
  const name = Buffer.from('b2e2cad4c8cbd4b1d7d3', 'hex'); // 测试人员子 in GBK
  const body = Buffer.concat([header, name, Buffer.from(',Example School\n')]);
  const res = await postCsv('secretariat', new Uint8Array(body), 'text/csv; charset=gbk');
  expect(res).toEqual({ status: 200, body: { imported: 1, updated: 0, unchanged: 0, eligibilityReviews: [] } });
  expect(await system.db.honouree.findFirst({ where: { unit: 'Example School' } })).toMatchObject({ name: '测试人员子' });

  const undeclared = await postCsv('secretariat', new Uint8Array(Buffer.concat([header, Buffer.from('b2e2cad4', 'hex'), Buffer.from(',Example School 2\n')])), 'text/csv');
  expect(undeclared.status).toBe(400);
  expect(undeclared.body.error.details).toEqual([{ path: 'line 2', message: expect.stringContaining('not valid UTF-8') }]);
});

test('a person imported from the CSV is refused at submission as previously honoured, whoever recommends them', async () => {
  const campaign = await api.as(tokens.secretariat).post('/api/campaigns', {
    committeeQuorum: 1,
    code: 'honourees-test',
    title: '往届名单测试',
    submissionDeadline: new Date(Date.now() + 86_400_000).toISOString(),
    reviewDeadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
  });
  expect(campaign.status).toBe(201);
  const imported = await postCsv('secretariat', '年度,荣誉,类别,姓名或团队名称,单位\n2023,2023年度最美后勤人,个人,往届测试人,示例师范大学\n');
  expect(imported.body).toEqual({ imported: 1, updated: 0, unchanged: 0, eligibilityReviews: [] });

  // The match is on the nominee's own unit, not on who recommends; spaces, width and punctuation do not matter.
  const nomination = sampleNomination({ channel: 'self', recommendingUnit: '示例省教育后勤协会', nomineeUnit: '示例·师范大学 ', nominee: { ...sampleNomination().nominee, name: '往届 测试人' } });
  const res = await api.post('/api/campaigns/honourees-test/nominations', nominationForm(nomination));
  expect(res.status).toBe(409);
  expect(res.body.error.code).toBe('previously-honoured');
});
