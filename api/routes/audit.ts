import { Router } from 'express';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { anchorAuditHead, auditSigner, verifyAuditLog } from '../../db/audit-anchors';
import { auditQuery } from '../../domain/schemas';
import { requireRole } from '../http/authenticate';
import { noBody, parse } from '../http/validate';

/** The audit log, for auditors and the secretariat: read, verify, and the signed heads to keep elsewhere. */
export function auditRoutes({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();
  const readers = requireRole('auditor', 'secretariat');
  const signer = auditSigner(config);

  router.get('/api/audit', readers, async (req, res) => {
    const q = parse(auditQuery, req.query, 'query');
    const entries = await db.auditEntry.findMany({
      where: { ...(q.caseId && { caseId: q.caseId }), ...(q.action && { action: q.action }), ...(q.after !== undefined && { id: { gt: q.after } }) },
      orderBy: { id: 'asc' },
      take: q.limit,
    });
    const actorIds = [...new Set(entries.map((e) => e.actorId).filter((id): id is string => Boolean(id)))];
    const users = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, username: true } });
    const usernames = new Map(users.map((u) => [u.id, u.username]));
    res.json({
      entries: entries.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actorId: e.actorId,
        actor: e.actorId ? (usernames.get(e.actorId) ?? e.actorId) : null,
        action: e.action,
        caseId: e.caseId,
        details: JSON.parse(e.details) as unknown,
        prevHash: e.prevHash,
        hash: e.hash,
      })),
      ...(entries.length === q.limit && { next: entries[entries.length - 1].id }),
    });
  });

  router.get('/api/audit/verify', readers, async (_req, res) => {
    res.json(await verifyAuditLog(db, signer));
  });

  router.get('/api/audit/anchors', readers, async (_req, res) => {
    const anchors = await db.auditAnchor.findMany({ orderBy: { id: 'asc' } });
    res.json({
      keyId: signer.keyId,
      publicKey: signer.publicKeyPem,
      anchors: anchors.map((a) => ({ id: a.id, at: a.at.toISOString(), headId: a.headId, headHash: a.headHash, prevSignature: a.prevSignature, keyId: a.keyId, signature: a.signature })),
    });
  });

  // Anchoring is the system's own daily act; the secretariat may also anchor now, e.g. before an export.
  router.post('/api/audit/anchors', requireRole('secretariat'), async (req, res) => {
    noBody(req.body);
    const anchor = await anchorAuditHead(db, signer);
    res.json({ anchor: anchor && { id: anchor.id, at: anchor.at.toISOString(), headId: anchor.headId, headHash: anchor.headHash } });
  });

  return router;
}
