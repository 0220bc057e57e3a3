import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../config';
import { createDb } from '../../db/client';
import { applyMigrations, migrationsDir, readMigrations } from '../../db/migrate';
import { createEmptyDatabase } from '../support/database';

// Runs on whichever database DATABASE_URL selects: SQLite by default, PostgreSQL in `npm run test:db` on CI.

let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
let tmp: string;

beforeEach(async () => {
  database = await createEmptyDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-migrations-'));
});
afterEach(async () => {
  await database.remove();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A private copy of the project's migrations, free to edit. */
function copyOfMigrations(): string {
  const dir = path.join(tmp, 'migrations');
  fs.cpSync(migrationsDir(database.url), dir, { recursive: true });
  return dir;
}

function addMigration(dir: string, name: string, sql: string) {
  fs.mkdirSync(path.join(dir, name));
  fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
}

/** Runs the runner in its own process, starting at `startAt` so that several runs overlap. */
function migrateInChildProcess(dir: string, startAt: number): Promise<string[]> {
  const code = `
    const { applyMigrations } = require('./db/migrate');
    setTimeout(async () => {
      const names = await applyMigrations(process.env.DATABASE_URL, { dir: process.env.MIGRATIONS_DIR });
      process.stdout.write(JSON.stringify(names));
    }, ${startAt} - Date.now());`;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '-e', code],
      { cwd: projectRoot, env: { ...process.env, DATABASE_URL: database.url, MIGRATIONS_DIR: dir } },
      (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(JSON.parse(stdout))),
    );
  });
}

test('on an empty database every migration is applied, in order, and the schema is usable', async () => {
  const expected = readMigrations(migrationsDir(database.url)).map((m) => m.name);
  expect(expected.length).toBeGreaterThan(0);

  expect(await applyMigrations(database.url)).toEqual(expected);

  const db = createDb(database.url);
  try {
    expect(await db.campaign.count()).toBe(0);
  } finally {
    await db.$disconnect();
  }
});

test('a second run applies nothing', async () => {
  await applyMigrations(database.url);
  expect(await applyMigrations(database.url)).toEqual([]);
});

test('a migration added later is applied on the next run, alone', async () => {
  const dir = copyOfMigrations();
  await applyMigrations(database.url, { dir });
  addMigration(dir, '99990101000000_add_note', 'CREATE TABLE "Note" ("id" INTEGER NOT NULL PRIMARY KEY);');

  expect(await applyMigrations(database.url, { dir })).toEqual(['99990101000000_add_note']);
});

test('when an applied migration was edited afterwards, the run is refused and names it', async () => {
  const dir = copyOfMigrations();
  const [first] = await applyMigrations(database.url, { dir });
  fs.appendFileSync(path.join(dir, first, 'migration.sql'), '\n-- edited after the fact\n');
  addMigration(dir, '99990101000000_add_note', 'CREATE TABLE "Note" ("id" INTEGER NOT NULL PRIMARY KEY);');

  await expect(applyMigrations(database.url, { dir })).rejects.toThrow(`migration ${first} was changed after it was applied`);
  // Refused before anything else ran: the pending migration is still pending.
  fs.writeFileSync(path.join(dir, first, 'migration.sql'), fs.readFileSync(path.join(migrationsDir(database.url), first, 'migration.sql')));
  expect(await applyMigrations(database.url, { dir })).toEqual(['99990101000000_add_note']);
});

test('a failing migration is rolled back and named, and the ones before it stay applied', async () => {
  const dir = copyOfMigrations();
  addMigration(dir, '99990101000000_broken', 'CREATE TABLE "Note" ("id" INTEGER NOT NULL PRIMARY KEY);\nSELECT * FROM "NoSuchTable";');

  await expect(applyMigrations(database.url, { dir })).rejects.toThrow('migration 99990101000000_broken failed');

  fs.writeFileSync(path.join(dir, '99990101000000_broken', 'migration.sql'), 'CREATE TABLE "Note" ("id" INTEGER NOT NULL PRIMARY KEY);');
  expect(await applyMigrations(database.url, { dir })).toEqual(['99990101000000_broken']);
});

test('when several processes migrate at once, each migration is applied exactly once', async () => {
  const dir = copyOfMigrations();
  // Migrations that take a while, so that the runs really overlap.
  const slowTable = (i: number) => `CREATE TABLE "T${i}" AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000) SELECT x FROM n;`;
  for (let i = 1; i <= 5; i++) addMigration(dir, `9999010100000${i}_table_${i}`, slowTable(i));
  const expected = readMigrations(dir).map((m) => m.name);

  const startAt = Date.now() + 2_000;
  const runs = await Promise.all([1, 2, 3].map(() => migrateInChildProcess(dir, startAt)));

  expect(runs.flat().sort()).toEqual(expected);
  expect(await applyMigrations(database.url, { dir })).toEqual([]);
});
