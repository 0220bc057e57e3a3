import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { STAFF_ROLES } from '../../domain/roles';
import { isCaseOwner } from '../../domain/access';
import { appendAudit } from '../audit';
import { visibleCase } from '../cases';
import { notFound, unauthorized } from '../../domain/errors';
import type { Principal } from '../../domain/access';
import { SEALED_FORM_TYPES, readStoredFile, sha256Hex } from '../http/uploads';
import type { SealedFormType } from '../http/uploads';
import { parse } from '../http/validate';

export const sealedFormQuery = z.strictObject({
  id: z.string().trim().min(1).max(100).optional().meta({ description: 'an earlier sealed form of the case; the current one when left out' }),
});

function isStaff(p: Principal | undefined): boolean {
  return p?.kind === 'user' && p.user.roles.some((r) => STAFF_ROLES.includes(r));
}

/**
 * The stored sealed form, as a download only: staff who may see the case, and the case's own
 * applicant or submitting unit. Without credentials 401; anyone else gets the 404 of a case they
 * cannot see.
 */
export function sealedFormRoutes({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();

  router.get('/api/nominations/:caseId/sealed-form', async (req, res) => {
    if (!req.principal) throw unauthorized();
    const { kase, facts } = await visibleCase(db, req.principal, String(req.params.caseId));
    if (!isStaff(req.principal) && !isCaseOwner(req.principal, facts)) throw notFound();
    const { id } = parse(sealedFormQuery, req.query);
    const form = id === undefined ? kase.sealedForms[0] : kase.sealedForms.find((f) => f.id === id);
    if (!form) throw notFound();
    const extension = SEALED_FORM_TYPES[form.mediaType as SealedFormType];
    if (!extension) throw new Error(`sealed form ${form.id} has an unexpected media type`);
    const content = await readStoredFile(config.uploadDir, form.storedName);
    if (sha256Hex(content) !== form.sha256) throw new Error(`sealed form ${form.id} no longer matches its recorded SHA-256`);
    const p = req.principal;
    await appendAudit(db, {
      actorId: p?.kind === 'user' ? p.user.id : `applicant:${kase.id}`,
      action: 'sealed-form-downloaded',
      caseId: kase.id,
      details: { sealedFormId: form.id, sha256: form.sha256 },
    });
    res
      .status(200)
      .set({
        'Content-Type': form.mediaType,
        'Content-Length': String(content.length),
        'Content-Disposition': `attachment; filename="sealed-form-${kase.id.replace(/[^\w-]/g, '_')}.${extension}"`,
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "sandbox; default-src 'none'",
        'Cross-Origin-Resource-Policy': 'same-origin',
        'Cache-Control': 'private, no-store',
        'Repr-Digest': `sha-256=:${Buffer.from(form.sha256, 'hex').toString('base64')}:`,
      })
      .end(content);
  });

  return router;
}
