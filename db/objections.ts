import { randomUUID } from 'node:crypto';
import type { Db } from './client';

export async function createObjection(db: Db, o: { caseId: string; campaignId: string; reason: string; contact?: string; lodgedBy: string | null }): Promise<string> {
  const id = randomUUID();
  await db.objection.create({ data: { id, caseId: o.caseId, campaignId: o.campaignId, reason: o.reason, contact: o.contact ?? null, lodgedBy: o.lodgedBy } });
  return id;
}

export async function removeObjection(db: Db, id: string): Promise<void> {
  await db.objection.delete({ where: { id } });
}

/** A case's objections, oldest first, in full: for the secretariat and auditors. */
export async function objectionsOf(db: Db, caseId: string) {
  return db.objection.findMany({ where: { caseId }, orderBy: { lodgedAt: 'asc' } });
}
