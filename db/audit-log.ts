import { createHash } from 'node:crypto';
import type { Db, Tx } from './client';
import { onPostgres } from './client';
import type { SqlTx } from './direct-sql';

/** The `prevHash` of the chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  actorId?: string | null;
  action: string;
  caseId?: string | null;
  details?: Record<string, unknown>;
  /** When it happened, if not now (a compensation records the time it took effect). */
  at?: Date;
}

export interface ChainedEntry {
  id: number;
  at: Date;
  actorId: string | null;
  action: string;
  caseId: string | null;
  details: string;
  prevHash: string | null;
  hash: string | null;
}

/** JSON with object keys sorted at every level: one text per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The entry's hash: SHA-256 over the canonical form of everything it says, its predecessor's hash included. */
export function entryHash(e: Omit<ChainedEntry, 'hash'>): string {
  const canonical = canonicalJson({ id: e.id, at: e.at.toISOString(), actorId: e.actorId, action: e.action, caseId: e.caseId, details: e.details, prevHash: e.prevHash });
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appenders may queue for the head behind many others: wait longer than Prisma's default 2 s and 5 s. */
const TRANSACTION_LIMITS = { maxWait: 30_000, timeout: 30_000 };

/** For a transaction that appends its change's entry (appendAuditEntryIn): room to queue behind other appenders. */
export const AUDITED_TRANSACTION = { maxWait: 15_000, timeout: 30_000 };

/** Conflicts between two appenders: the loser reads the new head and tries again. */
function isAppendConflict(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === 'P2002' || e?.code === 'P2034' || /SQLITE_BUSY|database is locked|unique constraint|could not serialize/i.test(e?.message ?? '');
}

/**
 * Appends one entry to the chain inside the caller's transaction, so that the entry and the change
 * it records are written together or not at all. On PostgreSQL appenders queue for the head (an
 * advisory lock held to the end of the transaction); on SQLite the transaction holds the write lock.
 */
export async function appendAuditEntryIn(tx: Tx, onPg: boolean, event: AuditEvent): Promise<{ id: number; hash: string }> {
  if (onPg) await tx.$executeRawUnsafe(QUEUE_FOR_THE_HEAD);
  const entry = chained(await tx.auditEntry.findFirst({ orderBy: { id: 'desc' }, select: { id: true, hash: true } }), event);
  await tx.auditEntry.create({ data: entry });
  return { id: entry.id, hash: entry.hash };
}

/** appendAuditEntryIn for a transaction of direct SQL: the same entry, the same queueing for the head. */
export async function appendAuditEntrySql(tx: SqlTx, event: AuditEvent): Promise<{ id: number; hash: string }> {
  if (tx.onPostgres) await tx.rows(QUEUE_FOR_THE_HEAD);
  const [head] = await tx.rows<{ id: number; hash: string | null }>('SELECT "id", "hash" FROM "AuditEntry" ORDER BY "id" DESC LIMIT 1');
  const e = chained(head, event);
  await tx.run('INSERT INTO "AuditEntry" ("id", "at", "actorId", "action", "caseId", "details", "prevHash", "hash") VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [e.id, e.at, e.actorId, e.action, e.caseId, e.details, e.prevHash, e.hash]);
  return { id: e.id, hash: e.hash };
}

/** On PostgreSQL appenders queue for the head: an advisory lock held to the end of the transaction. */
const QUEUE_FOR_THE_HEAD = "SELECT pg_advisory_xact_lock(hashtext('laurel_audit_chain'))";

/** The entry that follows `head` in the chain. */
function chained(head: { id: number; hash: string | null } | null | undefined, event: AuditEvent): ChainedEntry & { hash: string; prevHash: string } {
  const entry = {
    id: (head?.id ?? 0) + 1,
    at: event.at ?? new Date(),
    actorId: event.actorId ?? null,
    action: event.action,
    caseId: event.caseId ?? null,
    details: canonicalJson(event.details ?? {}),
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  return { ...entry, hash: entryHash(entry) };
}

/**
 * Appends one entry to the chain. The next id and the previous hash are both unique, so two
 * processes appending at once can never fork the chain: one of them conflicts and retries.
 */
export async function appendAuditEntry(db: Db, event: AuditEvent): Promise<{ id: number; hash: string }> {
  const head = await db.auditEntry.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } });
  if (head && head.hash === null) await sealLegacyEntries(db);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction((tx) => appendAuditEntryIn(tx, onPostgres(db), event), TRANSACTION_LIMITS);
    } catch (err) {
      if (!isAppendConflict(err) || attempt >= 50) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * Math.min(attempt + 1, 5)));
    }
  }
}

/**
 * Chains the entries written before the log was a chain, in their order. Their one permitted
 * update (the triggers refuse any change to an entry that has a hash).
 */
export async function sealLegacyEntries(db: Db): Promise<number> {
  const unsealed = await db.auditEntry.findMany({ where: { hash: null }, orderBy: { id: 'asc' } });
  if (unsealed.length === 0) return 0;
  const before = await db.auditEntry.findFirst({ where: { id: { lt: unsealed[0].id } }, orderBy: { id: 'desc' } });
  let prevHash = before?.hash ?? GENESIS_HASH;
  for (const row of unsealed) {
    const details = canonicalJson(JSON.parse(row.details));
    const hash = entryHash({ ...row, details, prevHash });
    await db.auditEntry.update({ where: { id: row.id }, data: { details, prevHash, hash } });
    prevHash = hash;
  }
  return unsealed.length;
}

/**
 * `edited`: the entry's content no longer matches its hash. `missing`: an id is skipped (deleted).
 * `broken-link`: an intact entry does not follow the one before it (reordered, or deleted and renumbered).
 */
export type ChainProblem = 'edited' | 'missing' | 'broken-link' | 'unsealed';

export interface ChainWalk {
  entries: number;
  head: { id: number; hash: string } | null;
  firstBadEntry?: number;
  problem?: ChainProblem;
}

/** Walks the chain in id order, recomputing every hash; stops at the first entry that does not fit. */
export async function walkAuditChain(db: Db, batch = 2000): Promise<ChainWalk> {
  let expectedId = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  let head: ChainWalk['head'] = null;
  for (let after = 0; ; ) {
    const rows = await db.auditEntry.findMany({ where: { id: { gt: after } }, orderBy: { id: 'asc' }, take: batch });
    if (rows.length === 0) return { entries, head };
    for (const row of rows) {
      const fail = (problem: ChainProblem): ChainWalk => ({ entries, head, firstBadEntry: row.id, problem });
      if (row.hash === null || row.prevHash === null) return fail('unsealed');
      if (row.id !== expectedId) return fail('missing');
      if (entryHash(row) !== row.hash) return fail('edited');
      if (row.prevHash !== prevHash) return fail('broken-link');
      entries += 1;
      head = { id: row.id, hash: row.hash };
      prevHash = row.hash;
      expectedId = row.id + 1;
    }
    after = rows[rows.length - 1].id;
  }
}

export interface AuditEntryFilter {
  caseId?: string;
  action?: string;
  /** Entries after this id, for the next page. */
  after?: number;
  limit: number;
}

/** Entries in chain order, as they are stored. */
export async function auditEntries(db: Db, f: AuditEntryFilter): Promise<ChainedEntry[]> {
  return db.auditEntry.findMany({
    where: { ...(f.caseId && { caseId: f.caseId }), ...(f.action && { action: f.action }), ...(f.after !== undefined && { id: { gt: f.after } }) },
    orderBy: { id: 'asc' },
    take: f.limit,
  });
}
