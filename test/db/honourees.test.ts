import { findHonouree, importHonourees, searchHonourees } from '../../db/honourees';
import type { HonoureeInput } from '../../db/honourees';
import { honoureeKey } from '../../domain/honourees';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';

// Every name and unit here is made up.
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});
beforeEach(async () => {
  await database.db.honouree.deleteMany();
});

const person = (name: string, overrides: Partial<HonoureeInput> = {}): HonoureeInput => ({
  year: 2021,
  title: '2021年度最美后勤人',
  category: 'individual',
  name,
  unit: '示例大学后勤处',
  ...overrides,
});

test('imports new rows, leaves identical ones alone and updates changed ones, keyed as the submission check looks up', async () => {
  const { db } = database;
  expect(await importHonourees(db, [person('测试人员甲'), person('测试人员乙'), person('示例保障团队', { category: 'team' })])).toEqual({ imported: 3, updated: 0, unchanged: 0 });
  expect(await importHonourees(db, [person('测试人员甲'), person('测试人员乙'), person('示例保障团队', { category: 'team' })])).toEqual({ imported: 0, updated: 0, unchanged: 3 });

  // Same person (spaces and width do not matter to the key), a corrected year; and one new person.
  const counts = await importHonourees(db, [person('测试人员 甲', { year: 2022 }), person('测试人员乙'), person('测试人员丙')]);
  expect(counts).toEqual({ imported: 1, updated: 1, unchanged: 1 });
  expect(await db.honouree.count()).toBe(4);

  const found = await findHonouree(db, 'individual', ' 测试人员甲 ', '示例大学后勤处');
  expect(found).toMatchObject({ year: 2022, name: '测试人员 甲', lookupKey: honoureeKey('individual', '测试人员甲', '示例大学后勤处') });
  expect(await findHonouree(db, 'team', '测试人员甲', '示例大学后勤处')).toBeNull();
  expect(await findHonouree(db, 'team', '示例保障团队', '示例大学后勤处')).toMatchObject({ category: 'team' });
});

test('all or nothing: a failing import leaves the registry as it was', async () => {
  const { db } = database;
  await importHonourees(db, [person('测试人员甲')]);
  // A row the client refuses when it is written, after the update of 测试人员甲 inside the transaction.
  const broken = person('测试人员乙', { title: null as unknown as string });
  await expect(importHonourees(db, [person('测试人员丙'), person('测试人员甲', { year: 2023 }), broken])).rejects.toThrow();
  expect((await db.honouree.findMany()).map((h) => [h.name, h.year])).toEqual([['测试人员甲', 2021]]);
});

test('the same honouree twice in one import is refused before anything is written', async () => {
  await expect(importHonourees(database.db, [person('测试人员甲'), person('测试人员甲', { year: 2022 })])).rejects.toThrow(/listed twice/);
  expect(await database.db.honouree.count()).toBe(0);
});

test('two imports of the same new rows at once: both succeed, each honouree is stored once', async () => {
  const rows = Array.from({ length: 50 }, (_, i) => person(`测试人员${i}`));
  const results = await Promise.all([importHonourees(database.db, rows), importHonourees(database.db, rows)]);
  expect(results.map((r) => r.imported + r.unchanged)).toEqual([50, 50]);
  expect(results[0].imported + results[1].imported).toBe(50);
  expect(await database.db.honouree.count()).toBe(50);
});

test('a large registry imports in one go', async () => {
  const rows = Array.from({ length: 3000 }, (_, i) => person(`测试人员${i}`, { unit: `示例学校${i % 37}` }));
  expect(await importHonourees(database.db, rows)).toEqual({ imported: 3000, updated: 0, unchanged: 0 });
  expect(await importHonourees(database.db, rows)).toEqual({ imported: 0, updated: 0, unchanged: 3000 });
});

test('search by a substring of name or unit, newest year first, limited', async () => {
  const { db } = database;
  await importHonourees(db, [
    person('测试人员甲', { year: 2021 }),
    person('测试人员乙', { year: 2023, unit: '示例中学' }),
    person('示例维修团队', { year: 2022, category: 'team', unit: '示例职业学院' }),
  ]);
  expect((await searchHonourees(db, '人员', 10)).map((h) => h.name)).toEqual(['测试人员乙', '测试人员甲']);
  expect((await searchHonourees(db, '职业', 10)).map((h) => h.name)).toEqual(['示例维修团队']);
  expect((await searchHonourees(db, undefined, 10)).map((h) => h.year)).toEqual([2023, 2022, 2021]);
  expect(await searchHonourees(db, '', 2)).toHaveLength(2);
  expect(await searchHonourees(db, '无此人', 10)).toEqual([]);
});
