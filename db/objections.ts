import { randomUUID } from 'node:crypto';
import type { Db } from './client';

/** Stores the objection under `id` (a repeated request's id finds the one it stored) and answers its task, once opened. */
export async function createObjection(
  db: Db,
  o: { id?: string; caseId: string; campaignId: string; reason: string; contact?: string; lodgedBy: string | null },
): Promise<{ id: string; taskId: string | null }> {
  const id = o.id ?? randomUUID();
  return db.objection.upsert({
    where: { id },
    create: { id, caseId: o.caseId, campaignId: o.campaignId, reason: o.reason, contact: o.contact ?? null, lodgedBy: o.lodgedBy },
    update: {},
    select: { id: true, taskId: true },
  });
}

export async function removeObjection(db: Db, id: string): Promise<void> {
  await db.objection.delete({ where: { id } });
}

/** A case's objections, oldest first, in full: for the secretariat and auditors. */
export async function objectionsOf(db: Db, caseId: string) {
  return db.objection.findMany({ where: { caseId }, orderBy: { lodgedAt: 'asc' } });
}

/** The review task an objection opened, if it has. */
export async function objectionTask(db: Db, id: string): Promise<string | null> {
  return (await db.objection.findUnique({ where: { id }, select: { taskId: true } }))?.taskId ?? null;
}
