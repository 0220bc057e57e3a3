import { z } from 'zod';
import { badRequest } from '../../domain/errors';
import { caseListQuery, fraudReportBody, nominationBody, withdrawBody } from '../../domain/schemas';
import { CASE_STATUSES } from '../../domain/statuses';
import type { UseCaseDeps } from '../../use-cases/deps';
import {
  downloadSealedForm,
  exportVisibleCases,
  listVisibleCases,
  readCase,
  replaceAccessToken,
  reportFraud,
  resubmitSealedForm,
  revokeApplicantToken,
  submitNomination,
  withdrawNomination,
} from '../../use-cases/nominations';
import { SEALED_FORM_TYPES } from '../../domain/sealed-forms';
import type { SealedFormType } from '../../domain/sealed-forms';
import { multipartFields } from '../http/multipart';
import { rateLimit } from '../http/rate-limit';
import { parse } from '../http/validate';
import { operation } from '../operation';
import type { RequestHandler } from 'express';
import { caseListCsv } from '../case-list-csv';
import { caseListItem, caseListItemSchema, caseSchema, caseView } from '../views';

const sealedFormPart = z.string().meta({ format: 'binary', description: 'scanned form with the unit seal: PDF, JPEG or PNG, at most 10 MB' });

export const sealedFormQuery = z.strictObject({
  id: z.string().trim().min(1).max(100).optional().meta({ description: 'an earlier sealed form of the case; the current one when left out' }),
});

function nominationPart(raw: unknown): unknown {
  if (typeof raw !== 'string') throw badRequest('validation-failed', [{ path: 'nomination', message: 'a JSON part named "nomination" is required' }]);
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest('malformed-json', [{ path: 'nomination', message: 'not valid JSON' }]);
  }
}

/** Nominations: submitting, reading, withdrawing, resubmitting the sealed form, reporting fraud, the applicant's token. */
export function nominationOperations(deps: UseCaseDeps) {
  const anonymousLimit = rateLimit(deps.rateCounters, { name: 'self-nomination', limit: deps.config.rateLimits.selfNominationsPerHour, windowMs: 3_600_000 });
  // Units sign in and have quotas; anyone may self-nominate, so only the anonymous are limited.
  const selfNominationLimit: RequestHandler = (req, res, next) => (req.principal?.kind === 'user' ? next() : anonymousLimit(req, res, next));
  return [
    operation({
      method: 'post',
      path: '/api/campaigns/{id}/nominations',
      summary: 'Submit a nomination (unit login for organisation/branch channels; none for self). Idempotency-Key makes retries safe.',
      auth: 'optional',
      before: [selfNominationLimit, multipartFields(['nomination'])],
      multipart: z.object({ nomination: nominationBody, sealedForm: sealedFormPart }),
      ok: 201,
      response: z.object({ caseId: z.string(), status: z.enum(CASE_STATUSES), accessToken: z.string().optional() }),
      errors: [400, 401, 403, 404, 409, 413, 415, 422, 429, 503],
      async handle({ req, res, params, principal }) {
        const nomination = parse(nominationBody, nominationPart(req.body?.nomination), 'nomination');
        const idempotencyKey = req.header('idempotency-key')?.trim().slice(0, 200) || undefined;
        const { replayed, ...body } = await submitNomination(deps, { campaignId: params.id, nomination, sealedForm: req.file?.buffer, principal, idempotencyKey });
        res.status(replayed ? 200 : 201).location(`/api/nominations/${body.caseId}`).json(body);
      },
    }),
    operation({
      method: 'get',
      path: '/api/nominations',
      summary: 'Cases the caller may see, newest first; phones masked (138****0000)',
      query: caseListQuery,
      ok: 200,
      response: z.object({ cases: z.array(caseListItemSchema) }),
      errors: [400, 401],
      async handle({ user, query }) {
        return { cases: (await listVisibleCases(deps, user, query)).map(caseListItem) };
      },
    }),
    operation({
      method: 'get',
      path: '/api/nominations.csv',
      summary:
        'The case list as CSV, UTF-8 with a byte-order mark, the same filters as GET /api/nominations: case, campaign, status, field, channel, category, nominee, nominee’s unit, recommending unit, submission time in Beijing time; no phone, age or email. Chinese headers unless Accept-Language asks for English',
      query: caseListQuery,
      ok: 200,
      binary: ['text/csv'],
      errors: [400, 401],
      async handle({ user, query, language, res }) {
        res.type('text/csv; charset=utf-8').attachment('cases.csv').send(caseListCsv(await exportVisibleCases(deps, user, query), language));
      },
    }),
    operation({
      method: 'get',
      path: '/api/nominations/{caseId}',
      summary: 'A case, as its caller may see it',
      ok: 200,
      response: caseSchema,
      errors: [401, 404],
      async handle({ principal, params }) {
        return caseView(await readCase(deps, principal, params.caseId));
      },
    }),
    operation({
      method: 'post',
      path: '/api/nominations/{caseId}/withdraw',
      summary: 'Withdraw before announcement (applicant or unit)',
      idempotent: true,
      body: withdrawBody,
      ok: 200,
      errors: [400, 401, 403, 404, 409, 422, 503],
      handle: ({ principal, params, body, requestId }) => withdrawNomination(deps, principal, params.caseId, body.reason, requestId),
    }),
    operation({
      method: 'post',
      path: '/api/nominations/{caseId}/sealed-form',
      summary: 'Resubmit the sealed form when asked',
      idempotent: true,
      before: [multipartFields([])],
      multipart: z.object({ sealedForm: sealedFormPart }),
      ok: 200,
      errors: [400, 401, 403, 404, 409, 413, 415, 422, 503],
      handle: ({ principal, params, req, requestId }) => resubmitSealedForm(deps, principal, params.caseId, req.file?.buffer, requestId),
    }),
    operation({
      method: 'get',
      path: '/api/nominations/{caseId}/sealed-form',
      summary: 'Download the sealed form (metadata stripped from images) as an attachment: staff who may see the case, its applicant or unit; anyone else 404',
      query: sealedFormQuery,
      ok: 200,
      binary: Object.keys(SEALED_FORM_TYPES),
      errors: [400, 401, 404],
      async handle({ principal, params, query, res }) {
        const { caseId, form, content } = await downloadSealedForm(deps, principal, params.caseId, query.id);
        const extension = SEALED_FORM_TYPES[form.mediaType as SealedFormType];
        if (!extension) throw new Error(`sealed form ${form.id} has an unexpected media type`);
        res
          .status(200)
          .set({
            'Content-Type': form.mediaType,
            'Content-Length': String(content.length),
            'Content-Disposition': `attachment; filename="sealed-form-${caseId.replace(/[^\w-]/g, '_')}.${extension}"`,
            'X-Content-Type-Options': 'nosniff',
            'Content-Security-Policy': "sandbox; default-src 'none'",
            'Cross-Origin-Resource-Policy': 'same-origin',
            'Cache-Control': 'private, no-store',
            'Repr-Digest': `sha-256=:${Buffer.from(form.sha256, 'hex').toString('base64')}:`,
          })
          .end(content);
      },
    }),
    operation({
      method: 'post',
      path: '/api/nominations/{caseId}/fraud-reports',
      summary: 'Report fraud (staff, not auditors): opens a fraud-investigation task; upheld, the case is disqualified and every completed step undone',
      idempotent: true,
      body: fraudReportBody,
      ok: 202,
      response: z.object({ reportId: z.string(), taskId: z.string(), caseId: z.string() }),
      errors: [400, 401, 403, 404, 409, 422, 503],
      handle: ({ principal, params, body, requestId }) => reportFraud(deps, principal, params.caseId, body, requestId),
    }),
    operation({
      method: 'post',
      path: '/api/nominations/{caseId}/access-token',
      summary: "Replace the applicant's access token (the applicant, with the current token); the old one stops working",
      ok: 201,
      response: z.object({ caseId: z.string(), accessToken: z.string() }),
      errors: [401, 403, 404, 409],
      handle: ({ principal, params }) => replaceAccessToken(deps, principal, params.caseId),
    }),
    operation({
      method: 'delete',
      path: '/api/nominations/{caseId}/access-token',
      summary: "Revoke the applicant's access token (the applicant or the secretariat)",
      ok: 204,
      errors: [401, 403, 404, 409],
      handle: ({ principal, params }) => revokeApplicantToken(deps, principal, params.caseId),
    }),
  ];
}
