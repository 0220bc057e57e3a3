import { z } from 'zod';
import { auditQuery } from '../../domain/schemas';
import { auditLog } from '../../use-cases/audit-log';
import type { UseCaseDeps } from '../../use-cases/deps';
import { operation } from '../operation';

const auditEntrySchema = z
  .object({
    id: z.int(), at: z.string(), actorId: z.string().nullable(), actor: z.string().nullable(), action: z.string(), caseId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()), prevHash: z.string().nullable(), hash: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

interface StoredEntry {
  id: number;
  at: Date;
  actorId: string | null;
  action: string;
  caseId: string | null;
  details: string;
  prevHash: string | null;
  hash: string | null;
}

function auditEntryView(e: StoredEntry, actors: Map<string, string>) {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actor: e.actorId ? (actors.get(e.actorId) ?? e.actorId) : null,
    action: e.action,
    caseId: e.caseId,
    details: JSON.parse(e.details) as unknown,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

const auditVerdictSchema = z
  .object({
    ok: z.boolean(), entries: z.int(), anchors: z.int(), firstBadEntry: z.int().optional(),
    problem: z.enum(['edited', 'missing', 'broken-link', 'unsealed', 'truncated', 'rewritten', 'anchor-forged']).optional(),
    anchoredHead: z.object({ id: z.int(), at: z.string() }).optional(),
  })
  .meta({ id: 'AuditVerdict' });

const anchorSchema = z.object({ id: z.int(), at: z.string(), headId: z.int(), headHash: z.string() }).meta({ id: 'AuditAnchor' });

const anchorListSchema = z.object({
  keyId: z.string(),
  publicKey: z.string(),
  anchors: z.array(anchorSchema.extend({ prevSignature: z.string().nullable(), keyId: z.string(), signature: z.string() })),
});

interface StoredAnchor {
  id: number;
  at: Date;
  headId: number;
  headHash: string;
}

const anchorView = (a: StoredAnchor) => ({ id: a.id, at: a.at.toISOString(), headId: a.headId, headHash: a.headHash });

/** The audit log, for auditors and the secretariat: read, verify, and the signed heads to keep elsewhere. */
export function auditOperations(deps: UseCaseDeps) {
  const log = auditLog(deps);
  return [
    operation({
      method: 'get',
      path: '/api/audit',
      summary: 'Audit entries in chain order (auditor, secretariat); page with after=<last id>',
      roles: ['auditor', 'secretariat'],
      query: auditQuery,
      ok: 200,
      response: z.object({ entries: z.array(auditEntrySchema), next: z.int().optional() }),
      errors: [400, 401, 403],
      async handle({ query }) {
        const { entries, actors, next } = await log.entries(query);
        return { entries: entries.map((e) => auditEntryView(e, actors)), ...(next !== undefined && { next }) };
      },
    }),
    operation({
      method: 'get',
      path: '/api/audit/verify',
      summary: 'Walk the hash chain and check it against the signed heads: an edited, deleted, reordered or truncated entry is found (auditor, secretariat)',
      roles: ['auditor', 'secretariat'],
      ok: 200,
      response: auditVerdictSchema,
      errors: [401, 403],
      handle: () => log.verify(),
    }),
    operation({
      method: 'get',
      path: '/api/audit/anchors',
      summary: "The signed heads of the chain and the server's public key, to keep outside Laurel (auditor, secretariat)",
      roles: ['auditor', 'secretariat'],
      ok: 200,
      response: anchorListSchema,
      errors: [401, 403],
      async handle() {
        const { keyId, publicKey, anchors } = await log.anchors();
        return { keyId, publicKey, anchors: anchors.map((a) => ({ ...anchorView(a), prevSignature: a.prevSignature, keyId: a.keyId, signature: a.signature })) };
      },
    }),
    // Anchoring is the system's own daily act; the secretariat may also anchor now, e.g. before an export.
    operation({
      method: 'post',
      path: '/api/audit/anchors',
      summary: 'Sign the current head now (secretariat; the API also does it daily); unchanged since the last anchor, that one is returned',
      roles: ['secretariat'],
      ok: 200,
      response: z.object({ anchor: anchorSchema.nullable() }),
      errors: [401, 403],
      async handle() {
        const anchor = await log.anchorNow();
        return { anchor: anchor && anchorView(anchor) };
      },
    }),
  ];
}
