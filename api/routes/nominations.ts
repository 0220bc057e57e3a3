import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { fraudReportBody, nominationBody, withdrawBody } from '../../domain/schemas';
import { reportFraudUpdate, sealedFormResubmittedUpdate, withdrawUpdate } from '../../workflows/contract';
import { appendAudit } from '../audit';
import { currentUser, hasRole } from '../http/authenticate';
import { isCaseOwner } from '../../domain/access';
import { caseView, claimerNames, visibleCase } from '../cases';
import { AppError, badRequest, conflict, forbidden } from '../../domain/errors';
import type { Actor } from '../../workflows/contract';
import type { Principal } from '../../domain/access';
import { submitNomination } from '../../use-cases/submit-nomination';
import { discardStoredFile, multipartFields, storeSealedForm } from '../http/uploads';
import { parse } from '../http/validate';
import { callWorkflow } from '../workflow-calls';

function actorOf(p: Principal | undefined): Actor | undefined {
  if (p?.kind === 'user') return { id: p.user.id, username: p.user.username };
  if (p?.kind === 'applicant') return { id: `applicant:${p.caseId}`, username: 'applicant' };
  return undefined;
}

function nominationPart(raw: unknown): unknown {
  if (typeof raw !== 'string') throw badRequest('validation-failed', [{ path: 'nomination', message: 'a JSON part named "nomination" is required' }]);
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest('malformed-json', [{ path: 'nomination', message: 'not valid JSON' }]);
  }
}

export function nominationRoutes({ db, temporal, config }: { db: Db; temporal: Client; config: Config }): Router {
  const router = Router();

  router.post('/api/campaigns/:id/nominations', multipartFields(['nomination']), async (req, res) => {
    const nomination = parse(nominationBody, nominationPart(req.body?.nomination), 'nomination');
    const file = await storeSealedForm(config.uploadDir, req.file);
    const idempotencyKey = req.header('idempotency-key')?.trim().slice(0, 200) || undefined;
    try {
      const result = await submitNomination(
        { db, temporal, config },
        { campaignId: String(req.params.id), nomination, file, principal: req.principal, idempotencyKey },
      );
      if (result.replayed) await discardStoredFile(config.uploadDir, file.storedName);
      const { replayed, ...body } = result;
      res.status(replayed ? 200 : 201).location(`/api/nominations/${body.caseId}`).json(body);
    } catch (err) {
      const stored = await db.sealedForm.findUnique({ where: { storedName: file.storedName } });
      if (!stored) await discardStoredFile(config.uploadDir, file.storedName);
      throw err;
    }
  });

  router.get('/api/nominations/:caseId', async (req, res) => {
    const { kase } = await visibleCase(db, req.principal, String(req.params.caseId));
    res.json(caseView(kase, await claimerNames(db, kase.tasks)));
  });

  router.post('/api/nominations/:caseId/withdraw', async (req, res) => {
    const { kase, facts } = await visibleCase(db, req.principal, String(req.params.caseId));
    if (!isCaseOwner(req.principal, facts)) throw forbidden();
    const { reason } = parse(withdrawBody, req.body);
    const reply = await callWorkflow(() =>
      temporal.workflow.getHandle(kase.workflowId).executeUpdate(withdrawUpdate, { args: [{ actor: actorOf(req.principal), reason }] }),
      { db, actorId: actorOf(req.principal)?.id, caseId: kase.id, attempt: 'withdrawal' },
    );
    await appendAudit(db, { actorId: actorOf(req.principal)?.id, action: 'nomination-withdrawn', caseId: kase.id, details: { reason } });
    res.json({ caseId: kase.id, status: reply.caseStatus });
  });

  router.post('/api/nominations/:caseId/sealed-form', multipartFields([]), async (req, res) => {
    const { kase, facts } = await visibleCase(db, req.principal, String(req.params.caseId));
    if (!isCaseOwner(req.principal, facts)) throw forbidden();
    if (kase.status !== 'resubmission-requested') throw conflict('resubmission-not-requested');
    const file = await storeSealedForm(config.uploadDir, req.file);
    const sealedFormId = randomUUID();
    await db.sealedForm.create({ data: { id: sealedFormId, caseId: kase.id, ...file } });
    try {
      const reply = await callWorkflow(() =>
        temporal.workflow.getHandle(kase.workflowId).executeUpdate(sealedFormResubmittedUpdate, { args: [{ sealedFormId }] }),
        { db, actorId: actorOf(req.principal)?.id, caseId: kase.id, attempt: 'sealed-form-resubmission' },
      );
      await appendAudit(db, { actorId: actorOf(req.principal)?.id, action: 'sealed-form-resubmitted', caseId: kase.id, details: { sealedFormId, sha256: file.sha256 } });
      res.json({ caseId: kase.id, status: reply.caseStatus, sealedForm: { sha256: file.sha256, mediaType: file.mediaType, size: file.size } });
    } catch (err) {
      if (err instanceof AppError) {
        await db.sealedForm.delete({ where: { id: sealedFormId } });
        await discardStoredFile(config.uploadDir, file.storedName);
      }
      throw err;
    }
  });

  router.post('/api/nominations/:caseId/fraud-reports', async (req, res) => {
    const { kase } = await visibleCase(db, req.principal, String(req.params.caseId));
    const user = req.principal?.kind === 'user' ? req.principal.user : undefined;
    // Auditors read and never write; units and applicants report through the secretariat.
    if (!user || !hasRole(user, 'secretariat', 'working-group', 'branch', 'committee')) throw forbidden();
    const body = parse(fraudReportBody, req.body);
    const reportId = randomUUID();
    await db.fraudReport.create({ data: { id: reportId, caseId: kase.id, reason: body.reason, evidence: body.evidence ?? null, reportedBy: user.id } });
    try {
      const { taskId } = await callWorkflow(() =>
        temporal.workflow.getHandle(kase.workflowId).executeUpdate(reportFraudUpdate, { args: [{ reportId, actor: { id: user.id, username: user.username } }] }),
        { db, actorId: user.id, caseId: kase.id, attempt: 'fraud-report' },
      );
      await appendAudit(db, { actorId: user.id, action: 'fraud-reported', caseId: kase.id, details: { reportId, taskId } });
      res.status(202).json({ reportId, taskId, caseId: kase.id });
    } catch (err) {
      if (err instanceof AppError) await db.fraudReport.delete({ where: { id: reportId } });
      throw err;
    }
  });

  return router;
}
