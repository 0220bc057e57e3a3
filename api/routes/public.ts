import { z } from 'zod';
import { objectionBody } from '../../domain/schemas';
import type { UseCaseDeps } from '../../use-cases/deps';
import { lodgeObjection, readNotice, readPublicCampaign } from '../../use-cases/public';
import { rateLimit } from '../http/rate-limit';
import { operation } from '../operation';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** What anyone may read and do without an account: a campaign's dates, its notice, an objection. */
export function publicOperations(deps: UseCaseDeps) {
  const objectionLimit = rateLimit({ limit: deps.config.rateLimits.objectionsPerMinute, windowMs: 60_000 });
  return [
    operation({
      method: 'get',
      path: '/api/public/campaigns/{id}',
      summary: 'A campaign as anyone may read it: title and dates (no quotas, no counts)',
      auth: 'none',
      ok: 200,
      response: z.object({ id: z.string(), title: z.string(), submissionDeadline: z.string(), reviewDeadline: z.string(), noticeEndsAt: z.string().nullable() }),
      errors: [404],
      async handle({ params }) {
        const c = await readPublicCampaign(deps, params.id);
        return { id: c.id, title: c.title, submissionDeadline: c.submissionDeadline.toISOString(), reviewDeadline: c.reviewDeadline.toISOString(), noticeEndsAt: iso(c.noticeEndsAt) };
      },
    }),
    operation({
      method: 'get',
      path: '/api/public/campaigns/{id}/notice',
      summary: 'The public notice list (no personal data)',
      auth: 'none',
      ok: 200,
      response: z.object({
        entries: z.array(z.object({ caseId: z.string(), name: z.string(), unit: z.string(), field: z.string(), category: z.string() })),
        endsAt: z.string().nullable(),
        corrections: z.array(z.object({ caseId: z.string(), kind: z.enum(['notice-withdrawn', 'announcement-revoked']), name: z.string(), unit: z.string(), reason: z.string(), publishedAt: z.string() })),
      }),
      errors: [404],
      async handle({ params }) {
        const { entries, corrections, endsAt } = await readNotice(deps, params.id);
        return { entries, endsAt: iso(endsAt), corrections };
      },
    }),
    operation({
      method: 'post',
      path: '/api/public/campaigns/{id}/objections',
      summary: 'Lodge an objection to a winner during the notice period (anyone; rate-limited); opens an objection-review task',
      auth: 'optional',
      before: [objectionLimit],
      body: objectionBody,
      ok: 202,
      response: z.object({ objectionId: z.string(), caseId: z.string() }),
      errors: [400, 404, 409, 429, 503],
      handle: ({ principal, params, body }) => lodgeObjection(deps, principal, params.id, body),
    }),
  ];
}
