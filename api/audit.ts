import type { Db } from '../db/client';

export interface AuditEvent {
  actorId?: string;
  action: string;
  caseId?: string;
  details?: Record<string, unknown>;
}

/** Appends a business event; the API records what the workflow cannot, such as refused attempts. */
export async function appendAudit(db: Db, e: AuditEvent): Promise<void> {
  await db.auditEntry.create({ data: { actorId: e.actorId ?? null, action: e.action, caseId: e.caseId ?? null, details: JSON.stringify(e.details ?? {}) } });
}
