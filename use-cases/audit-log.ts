import { anchorAuditHead, auditAnchors, auditSigner, verifyAuditLog } from '../db/audit-anchors';
import type { AuditEntryFilter } from '../db/audit-log';
import { auditEntries } from '../db/audit-log';
import { usernames } from '../db/users';
import type { UseCaseDeps } from './deps';

/** The audit log for its readers: the entries, the chain's verdict, and the signed heads to keep elsewhere. */
export function auditLog({ db, config }: UseCaseDeps) {
  // Made as the API is built, so that production without a signing key stops at start.
  const signer = auditSigner(config);
  return {
    /** A page of entries in chain order, with the usernames of their actors; `next` when there may be more. */
    async entries(filter: AuditEntryFilter) {
      const entries = await auditEntries(db, filter);
      return { entries, actors: await usernames(db, entries.map((e) => e.actorId)), next: entries.length === filter.limit ? entries[entries.length - 1].id : undefined };
    },

    verify: () => verifyAuditLog(db, signer),

    async anchors() {
      return { keyId: signer.keyId, publicKey: signer.publicKeyPem, anchors: await auditAnchors(db) };
    },

    /** Signs the current head now; unchanged since the last anchor, that one is answered. */
    anchorNow: () => anchorAuditHead(db, signer),
  };
}
