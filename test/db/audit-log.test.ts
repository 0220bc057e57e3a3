import { generateKeyPairSync } from 'node:crypto';
import { anchorAuditHead, signerFromPem, verifyAuditLog } from '../../db/audit-anchors';
import { GENESIS_HASH, appendAuditEntry, canonicalJson } from '../../db/audit-log';
import { isPostgres } from '../../config';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';

const pem = (): string => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const signer = signerFromPem(pem());
const figures: string[] = [];

let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database?.drop();
});
afterAll(() => {
  if (figures.length) console.log(`audit tamper tests (${isPostgres(database.url) ? 'PostgreSQL' : 'SQLite'}):\n${figures.join('\n')}`);
});

async function appendSome(n: number): Promise<void> {
  for (let i = 1; i <= n; i++) {
    await appendAuditEntry(database.db, { actorId: `user-${i % 3}`, action: i % 2 ? 'decision' : 'email-sent', caseId: `case-${i % 4}`, details: { n: i, comment: `第${i}条` } });
  }
}

/** Tampering needs the append-only triggers out of the way first, as an intruder with the database's owner rights would do. */
async function withoutTriggers(work: () => Promise<unknown>): Promise<void> {
  const { db, url } = database;
  if (isPostgres(url)) {
    await db.$executeRawUnsafe('ALTER TABLE "AuditEntry" DISABLE TRIGGER USER');
    await work();
    await db.$executeRawUnsafe('ALTER TABLE "AuditEntry" ENABLE TRIGGER USER');
  } else {
    for (const t of ['AuditEntry_no_update', 'AuditEntry_no_delete']) await db.$executeRawUnsafe(`DROP TRIGGER "${t}"`);
    await work();
  }
}

test('canonical JSON is the same whatever the order of the keys', () => {
  expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }));
});

test('entries chain from the genesis hash, each naming the hash before it', async () => {
  await appendSome(3);
  const rows = await database.db.auditEntry.findMany({ orderBy: { id: 'asc' } });
  expect(rows.map((r) => r.id)).toEqual([1, 2, 3]);
  expect(rows[0].prevHash).toBe(GENESIS_HASH);
  expect(rows[1].prevHash).toBe(rows[0].hash);
  expect(rows[2].prevHash).toBe(rows[1].hash);
  expect(await verifyAuditLog(database.db, signer)).toEqual({ ok: true, entries: 3, anchors: 0 });
});

test('appenders racing each other never fork the chain', async () => {
  await Promise.all(Array.from({ length: 40 }, (_, i) => appendAuditEntry(database.db, { action: 'race', details: { i } })));
  const verdict = await verifyAuditLog(database.db, signer);
  expect(verdict).toEqual({ ok: true, entries: 40, anchors: 0 });
});

test('the database refuses to update or delete an audit entry, or an anchor', async () => {
  await appendSome(2);
  await anchorAuditHead(database.db, signer);
  const { db } = database;
  // The SQLite driver adapter reports a trigger's refusal as a constraint violation, without its text: what counts is that nothing changed.
  await expect(db.auditEntry.update({ where: { id: 1 }, data: { action: 'forged' } })).rejects.toThrow();
  await expect(db.auditEntry.delete({ where: { id: 2 } })).rejects.toThrow();
  await expect(db.auditEntry.deleteMany()).rejects.toThrow();
  await expect(db.auditEntry.create({ data: { id: 3, action: 'no hash' } })).rejects.toThrow();
  await expect(db.auditAnchor.updateMany({ data: { headId: 1 } })).rejects.toThrow();
  await expect(db.auditAnchor.deleteMany()).rejects.toThrow();
  if (isPostgres(database.url)) await expect(db.$executeRawUnsafe('TRUNCATE "AuditEntry"')).rejects.toThrow(/append-only/);
  expect((await db.auditEntry.findMany({ orderBy: { id: 'asc' } })).map((e) => e.action)).toEqual(['decision', 'email-sent']);
  expect(await db.auditAnchor.count()).toBe(1);
  expect(await verifyAuditLog(db, signer)).toMatchObject({ ok: true, entries: 2, anchors: 1 });
});

test('an edited entry is detected at its id', async () => {
  await appendSome(6);
  await withoutTriggers(() => database.db.auditEntry.update({ where: { id: 4 }, data: { details: canonicalJson({ n: 4, comment: '改过的' }) } }));
  const verdict = await verifyAuditLog(database.db, signer);
  figures.push(`edit: ${verdict.ok ? 'NOT detected' : `detected (${verdict.problem} at ${verdict.firstBadEntry})`}`);
  expect(verdict).toMatchObject({ ok: false, firstBadEntry: 4, problem: 'edited' });
});

test('a deleted entry is detected where the gap is', async () => {
  await appendSome(6);
  await withoutTriggers(() => database.db.auditEntry.delete({ where: { id: 3 } }));
  const verdict = await verifyAuditLog(database.db, signer);
  figures.push(`delete: ${verdict.ok ? 'NOT detected' : `detected (${verdict.problem} at ${verdict.firstBadEntry})`}`);
  expect(verdict).toMatchObject({ ok: false, firstBadEntry: 4, problem: 'missing' });
});

test('two entries swapped in order are detected', async () => {
  await appendSome(6);
  const { db } = database;
  await withoutTriggers(async () => {
    const [a, b] = await Promise.all([db.auditEntry.findUniqueOrThrow({ where: { id: 2 } }), db.auditEntry.findUniqueOrThrow({ where: { id: 3 } })]);
    await db.auditEntry.delete({ where: { id: 2 } });
    await db.auditEntry.delete({ where: { id: 3 } });
    // Each row moves to the other's place; a renumbered row's own hash no longer holds.
    await db.auditEntry.create({ data: { ...b, id: 2 } });
    await db.auditEntry.create({ data: { ...a, id: 3 } });
  });
  const verdict = await verifyAuditLog(database.db, signer);
  figures.push(`reorder: ${verdict.ok ? 'NOT detected' : `detected (${verdict.problem} at ${verdict.firstBadEntry})`}`);
  expect(verdict).toMatchObject({ ok: false, firstBadEntry: 2 });
});

test('entries cut off the end are detected against the signed head', async () => {
  await appendSome(6);
  await anchorAuditHead(database.db, signer);
  await withoutTriggers(() => database.db.auditEntry.deleteMany({ where: { id: { gt: 4 } } }));
  const verdict = await verifyAuditLog(database.db, signer);
  figures.push(`truncate: ${verdict.ok ? 'NOT detected' : `detected (${verdict.problem} at ${verdict.firstBadEntry})`}`);
  expect(verdict).toMatchObject({ ok: false, firstBadEntry: 5, problem: 'truncated' });
});

test('a chain rewritten with fresh hashes no longer matches the signed head', async () => {
  await appendSome(4);
  await anchorAuditHead(database.db, signer);
  await withoutTriggers(() => database.db.auditEntry.deleteMany());
  // The intruder rebuilds a consistent chain of their own, one entry different.
  for (let i = 1; i <= 4; i++) await appendAuditEntry(database.db, { action: 'decision', details: { n: i, rewritten: i === 2 } });
  const verdict = await verifyAuditLog(database.db, signer);
  figures.push(`rewrite with fresh hashes: ${verdict.ok ? 'NOT detected' : `detected (${verdict.problem} at ${verdict.firstBadEntry})`}`);
  expect(verdict).toMatchObject({ ok: false, problem: 'rewritten', firstBadEntry: 4 });
});

test('an anchor signed with another key is refused as forged', async () => {
  await appendSome(2);
  await anchorAuditHead(database.db, signerFromPem(pem()));
  expect(await verifyAuditLog(database.db, signer)).toMatchObject({ ok: false, problem: 'anchor-forged' });
});

test('anchors chain, and a head that has not moved is not anchored twice', async () => {
  await appendSome(2);
  const first = await anchorAuditHead(database.db, signer);
  expect(await anchorAuditHead(database.db, signer)).toEqual(first);
  await appendSome(1);
  const second = await anchorAuditHead(database.db, signer);
  expect(second?.prevSignature).toBe(first?.signature);
  expect(await verifyAuditLog(database.db, signer)).toMatchObject({ ok: true, entries: 3, anchors: 2, anchoredHead: { id: 3 } });
});
