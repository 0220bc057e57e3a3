import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../config';
import { findHonouree } from '../../db/honourees';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';

// `npm run honourees:import -- <file.csv>` as an operator runs it: a real child process on a real
// database. Every name and unit here is made up.
let database: TestDatabase;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-honourees-'));
});
afterAll(async () => {
  await database?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function runImport(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import-honourees.ts', ...args], {
      cwd: projectRoot,
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: database.url },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function csvFile(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const GOOD = '\uFEFF年度,荣誉,类别,姓名或团队名称,单位\r\n2021,2021年度最美后勤人,个人,测试人员甲,示例大学后勤处\r\n2020,2020年度感动人物,团队,"示例食堂保障团队",示例中学\r\n';

test('imports a CSV file into the configured database and prints the counts; a second run changes nothing', async () => {
  const file = csvFile('honourees.csv', GOOD);
  const first = await runImport(file);
  expect(first).toMatchObject({ code: 0, stderr: '' });
  expect(first.stdout).toMatch(/imported 2, updated 0, unchanged 0/);
  expect(await findHonouree(database.db, 'individual', '测试人员甲', '示例大学后勤处')).toMatchObject({ year: 2021, title: '2021年度最美后勤人' });
  expect(await findHonouree(database.db, 'team', '示例食堂保障团队', '示例中学')).toMatchObject({ year: 2020, category: 'team' });

  const again = await runImport('--', file);
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/imported 0, updated 0, unchanged 2/);
  expect(await database.db.honouree.count()).toBe(2);
}, 60_000);

test('a file with bad lines imports nothing, prints every bad line and exits non-zero', async () => {
  const before = await database.db.honouree.count();
  const file = csvFile('bad.csv', 'year,title,category,name,unit\n2022,T,individual,Test Person B,Example School\n1999,T,individual,Test Person C,Example School\n2022,T,group,Test Team D,Example School\n2022,T,team,Test Team E\n');
  const result = await runImport(file);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/3 bad lines; nothing was imported/);
  expect(result.stderr).toMatch(/line 3: 年度\/year "1999"/);
  expect(result.stderr).toMatch(/line 4: 类别\/category "group"/);
  expect(result.stderr).toMatch(/line 5: has 4 values/);
  expect(await database.db.honouree.count()).toBe(before);
}, 60_000);

test('a file that is not UTF-8, a missing file and a missing argument are refused with a message', async () => {
  // "测试" in GBK: what Excel writes for "CSV" on a Chinese Windows.
  const gbk = csvFile('gbk.csv', Buffer.concat([Buffer.from('year,title,category,name,unit\n2022,T,individual,'), Buffer.from([0xb2, 0xe2, 0xca, 0xd4]), Buffer.from(',Example School\n')]));
  const notUtf8 = await runImport(gbk);
  expect(notUtf8.code).toBe(1);
  expect(notUtf8.stderr).toMatch(/is not UTF-8 text/);

  const missing = await runImport(path.join(dir, 'no-such-file.csv'));
  expect(missing.code).not.toBe(0);
  expect(missing.stderr).toMatch(/cannot read .*no-such-file\.csv: ENOENT/);

  const usage = await runImport();
  expect(usage.code).toBe(64);
  expect(usage.stderr).toMatch(/usage: npm run honourees:import -- <file\.csv>/);
}, 60_000);
