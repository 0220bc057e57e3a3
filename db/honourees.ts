import { randomUUID } from 'node:crypto';
import type { HonoureeCategory } from '../domain/honouree-csv';
import { honoureeKey } from '../domain/honourees';
import type { Db } from './client';
import { directSql } from './client';
import { isUniqueViolation } from './direct-sql';
import { timeOf } from './raw-values';

/** One honouree to put in the registry (a parsed CSV row fits). */
export interface HonoureeInput {
  year: number;
  title: string;
  category: HonoureeCategory;
  name: string;
  unit: string;
}

export interface ImportCounts {
  /** New to the registry. */
  imported: number;
  /** Already there (same person or team and unit), with a different year, title or spelling. */
  updated: number;
  /** Already there exactly so: nothing written. */
  unchanged: number;
}

export type HonoureeRecord = NonNullable<Awaited<ReturnType<Db['honouree']['findUnique']>>>;

const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Puts the rows into the registry in one transaction, keyed by `honoureeKey` (recomputed here, so
 * the key always matches what the submission check looks up): a row already there is updated if
 * its year, title or spelling differ, and left alone otherwise. Importing the same rows twice
 * changes nothing the second time. Either every row lands or none does.
 */
export async function importHonourees(db: Db, rows: readonly HonoureeInput[], now = new Date()): Promise<ImportCounts> {
  const byKey = new Map<string, HonoureeInput>();
  for (const row of rows) {
    const key = honoureeKey(row.category, row.name, row.unit);
    if (byKey.has(key)) throw new Error(`importHonourees: ${row.category} "${row.name}" of "${row.unit}" is listed twice`);
    byKey.set(key, row);
  }
  const keys = [...byKey.keys()];

  // Two imports at once may both try to create the same honouree; the loser retries and then
  // finds the winner's row.
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          const existing = new Map<string, HonoureeRecord>();
          for (const part of chunks(keys)) {
            for (const found of await tx.honouree.findMany({ where: { lookupKey: { in: part } } })) existing.set(found.lookupKey, found);
          }
          const counts: ImportCounts = { imported: 0, updated: 0, unchanged: 0 };
          const fresh: { id: string; lookupKey: string; year: number; title: string; category: string; name: string; unit: string; importedAt: Date }[] = [];
          for (const [lookupKey, row] of byKey) {
            const data = { year: row.year, title: row.title, category: row.category, name: row.name, unit: row.unit };
            const before = existing.get(lookupKey);
            if (!before) {
              fresh.push({ id: randomUUID(), lookupKey, ...data, importedAt: now });
              counts.imported += 1;
            } else if (before.year === data.year && before.title === data.title && before.category === data.category && before.name === data.name && before.unit === data.unit) {
              counts.unchanged += 1;
            } else {
              await tx.honouree.update({ where: { lookupKey }, data: { ...data, importedAt: now } });
              counts.updated += 1;
            }
          }
          for (const part of chunks(fresh)) await tx.honouree.createMany({ data: part });
          return counts;
        },
        { maxWait: 15_000, timeout: 120_000 },
      );
    } catch (err) {
      if (attempt < 3 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}

/** The registry entry for this person or team of this unit, matched as the submission check matches. */
export async function findHonouree(db: Db, category: HonoureeCategory, name: string, unit: string): Promise<HonoureeRecord | null> {
  // Direct SQL (db/direct-sql.ts): every submission asks.
  const [row] = await directSql(db).rows<Omit<HonoureeRecord, 'importedAt'> & { importedAt: Date | string }>(
    'SELECT "id", "lookupKey", "year", "title", "category", "name", "unit", "importedAt", "caseId" FROM "Honouree" WHERE "lookupKey" = ?',
    [honoureeKey(category, name, unit)],
  );
  return row ? { ...row, importedAt: timeOf(row.importedAt) } : null;
}

/** Registry entries whose name or unit contains `q` (all when `q` is empty), newest year first. */
export async function searchHonourees(db: Db, q: string | undefined, limit: number): Promise<HonoureeRecord[]> {
  const text = q?.trim();
  return db.honouree.findMany({
    where: text ? { OR: [{ name: { contains: text } }, { unit: { contains: text } }] } : {},
    orderBy: [{ year: 'desc' }, { name: 'asc' }, { id: 'asc' }],
    take: limit,
  });
}

/**
 * Recomputes every entry's lookup key after the matching rule changed (punctuation is now ignored):
 * entries that now share a key are one honouree, the newest year kept. Answers how many changed.
 */
export async function rekeyRegistry(db: Db): Promise<number> {
  const entries = await db.honouree.findMany({ orderBy: [{ year: 'desc' }, { id: 'asc' }] });
  const stale = entries.filter((e) => e.lookupKey !== honoureeKey(e.category as HonoureeCategory, e.name, e.unit));
  if (stale.length === 0) return 0;
  await db.$transaction(async (tx) => {
    const kept = new Set(entries.filter((e) => !stale.includes(e)).map((e) => e.lookupKey));
    for (const e of stale) {
      const key = honoureeKey(e.category as HonoureeCategory, e.name, e.unit);
      if (kept.has(key)) await tx.honouree.delete({ where: { id: e.id } });
      else {
        await tx.honouree.update({ where: { id: e.id }, data: { lookupKey: key } });
        kept.add(key);
      }
    }
  });
  return stale.length;
}
