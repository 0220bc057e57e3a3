import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Config } from '../config';
import { ConfigError } from '../config';
import { developmentSecret } from '../config/dev-secret';
import type { ChainProblem, ChainWalk } from './audit-log';
import { canonicalJson, walkAuditChain } from './audit-log';
import type { Db } from './client';

export const ANCHOR_EVERY_MS = 24 * 3_600_000;

export interface AuditSigner {
  keyId: string;
  publicKeyPem: string;
  sign(text: string): string;
  verify(text: string, signature: string): boolean;
}

export function signerFromPem(pem: string): AuditSigner {
  const privateKey: KeyObject = createPrivateKey(pem.replace(/\\n/g, '\n'));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new ConfigError('AUDIT_SIGNING_KEY must be an Ed25519 private key (PEM)');
  const publicKey = createPublicKey(privateKey);
  const keyId = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
  return {
    keyId,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (text) => sign(null, Buffer.from(text), privateKey).toString('base64'),
    verify: (text, signature) => verify(null, Buffer.from(text), publicKey, Buffer.from(signature, 'base64')),
  };
}

/** AUDIT_SIGNING_KEY, or outside production a development key kept in `<varDir>/audit-signing-key.pem`. */
export function auditSigner(config: Config): AuditSigner {
  if (config.auditSigningKey) return signerFromPem(config.auditSigningKey);
  if (config.production) throw new ConfigError('AUDIT_SIGNING_KEY is required in production');
  const pem = developmentSecret(config.varDir, 'audit-signing-key.pem', () =>
    generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
  return signerFromPem(pem);
}

interface AnchorContent {
  at: Date;
  headId: number;
  headHash: string;
  prevSignature: string | null;
  keyId: string;
}

function signedText(a: AnchorContent): string {
  return canonicalJson({ at: a.at.toISOString(), headId: a.headId, headHash: a.headHash, prevSignature: a.prevSignature, keyId: a.keyId });
}

/**
 * Signs the chain's current head and keeps it beside the chain: whoever cuts entries off the end
 * of the log cannot also forge the signed head that names them. Nothing is written when the head
 * has not moved since the last anchor.
 */
export async function anchorAuditHead(db: Db, signer: AuditSigner, at = new Date()) {
  const head = await db.auditEntry.findFirst({ where: { hash: { not: null } }, orderBy: { id: 'desc' }, select: { id: true, hash: true } });
  if (!head) return null;
  const last = await db.auditAnchor.findFirst({ orderBy: { id: 'desc' } });
  if (last && last.headId === head.id) return last;
  const content: AnchorContent = { at, headId: head.id, headHash: head.hash!, prevSignature: last?.signature ?? null, keyId: signer.keyId };
  return db.auditAnchor.create({ data: { ...content, signature: signer.sign(signedText(content)) } });
}

/** Anchors the head when the last anchor is a day old (or there is none). */
export async function anchorIfDue(db: Db, signer: AuditSigner, now = Date.now()) {
  const last = await db.auditAnchor.findFirst({ orderBy: { id: 'desc' }, select: { at: true } });
  if (last && now - last.at.getTime() < ANCHOR_EVERY_MS) return null;
  return anchorAuditHead(db, signer, new Date(now));
}

export type AuditProblem = ChainProblem | 'truncated' | 'rewritten' | 'anchor-forged';

export interface AuditVerdict {
  ok: boolean;
  entries: number;
  anchors: number;
  firstBadEntry?: number;
  problem?: AuditProblem;
  /** The newest signed head that the chain still matches. */
  anchoredHead?: { id: number; at: string };
}

/**
 * Walks the chain, then checks every signed anchor against it: an edit, a deletion or a reordering
 * breaks the chain itself; entries cut off the end, or a chain rewritten with fresh hashes, no
 * longer match the heads signed before.
 */
export async function verifyAuditLog(db: Db, signer: AuditSigner): Promise<AuditVerdict> {
  const walk: ChainWalk = await walkAuditChain(db);
  const anchors = await db.auditAnchor.findMany({ orderBy: { id: 'asc' } });
  const verdict = (extra: Partial<AuditVerdict>): AuditVerdict => ({ ok: false, entries: walk.entries, anchors: anchors.length, ...extra });
  if (walk.problem) return verdict({ firstBadEntry: walk.firstBadEntry, problem: walk.problem });

  let prevSignature: string | null = null;
  let anchoredHead: AuditVerdict['anchoredHead'];
  for (const anchor of anchors) {
    if (anchor.prevSignature !== prevSignature || anchor.keyId !== signer.keyId || !signer.verify(signedText(anchor), anchor.signature)) {
      return verdict({ problem: 'anchor-forged', firstBadEntry: anchor.headId });
    }
    prevSignature = anchor.signature;
    if (!walk.head || anchor.headId > walk.head.id) return verdict({ problem: 'truncated', firstBadEntry: (walk.head?.id ?? 0) + 1 });
    const entry = await db.auditEntry.findUnique({ where: { id: anchor.headId }, select: { hash: true } });
    if (entry?.hash !== anchor.headHash) return verdict({ problem: 'rewritten', firstBadEntry: anchor.headId });
    anchoredHead = { id: anchor.headId, at: anchor.at.toISOString() };
  }
  return { ok: true, entries: walk.entries, anchors: anchors.length, ...(anchoredHead && { anchoredHead }) };
}

/** Every signed head, oldest first. */
export async function auditAnchors(db: Db) {
  return db.auditAnchor.findMany({ orderBy: { id: 'asc' } });
}
