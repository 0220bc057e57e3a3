import { z } from 'zod';
import { objectionBody } from '../../domain/schemas';
import type { UseCaseDeps } from '../../use-cases/deps';
import { CAMPAIGN_PHASES, phaseOf } from '../../domain/campaign-phase';
import { publicCampaigns } from '../../use-cases/campaigns';
import { readAnnouncement } from '../../use-cases/announcement';
import { lodgeObjection, readNotice, readPublicCampaign } from '../../use-cases/public';
import { rateLimit } from '../http/rate-limit';
import { operation } from '../operation';

const iso = (d: Date | null) => d?.toISOString() ?? null;

const publicCampaignSummary = z.object({
  id: z.string(), code: z.string(), title: z.string(), submissionDeadline: z.string(), reviewDeadline: z.string(), noticeEndsAt: z.string().nullable(),
  selfNomination: z.boolean(), phase: z.enum(CAMPAIGN_PHASES).meta({ description: 'notice-ended: the notice period is over and the announcement not yet made' }),
});

/** What anyone may read and do without an account: a campaign's dates, its notice, an objection. */
export function publicOperations(deps: UseCaseDeps) {
  const objectionLimit = rateLimit(deps.rateCounters, { name: 'objection', limit: deps.config.rateLimits.objectionsPerMinute, windowMs: 60_000 });
  return [
    operation({
      method: 'get',
      path: '/api/public/campaigns',
      summary: 'Open and recent campaigns, for anyone: title, deadlines and phase (collecting, reviewing, notice, announced)',
      auth: 'none',
      ok: 200,
      response: z.object({ campaigns: z.array(publicCampaignSummary) }),
      async handle() {
        return { campaigns: (await publicCampaigns(deps)).map(({ campaign: c, phase }) => ({ id: c.id, code: c.code, title: c.title, submissionDeadline: c.submissionDeadline.toISOString(), reviewDeadline: c.reviewDeadline.toISOString(), noticeEndsAt: iso(c.noticeEndsAt), selfNomination: c.selfNomination, phase })) };
      },
    }),
    operation({
      method: 'get',
      path: '/api/public/campaigns/{id}',
      summary: 'A campaign as anyone may read it: title, dates, phase, its business fields, the kinds of unit that nominate, the criteria, whether self-nomination is open (no counts)',
      auth: 'none',
      ok: 200,
      response: publicCampaignSummary.extend({
        fields: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string().optional() })),
        unitKinds: z.array(z.object({ code: z.string(), name: z.string(), channel: z.string(), quota: z.int() })),
        criteria: z.array(z.string()),
      }),
      errors: [404],
      async handle({ params }) {
        const c = await readPublicCampaign(deps, params.id);
        return {
          id: c.id, code: c.code, title: c.title, submissionDeadline: c.submissionDeadline.toISOString(), reviewDeadline: c.reviewDeadline.toISOString(),
          noticeEndsAt: iso(c.noticeEndsAt), selfNomination: c.selfNomination, phase: phaseOf(c), fields: c.fields, unitKinds: c.unitKinds, criteria: c.criteria,
        };
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
        objectionsOpen: z.boolean().meta({ description: 'false once the notice period has ended: the list no longer invites objections' }),
        corrections: z.array(z.object({ caseId: z.string(), kind: z.enum(['notice-withdrawn', 'announcement-revoked']), name: z.string(), unit: z.string(), reason: z.string(), publishedAt: z.string() })),
      }),
      errors: [404],
      async handle({ params }) {
        const { entries, corrections, endsAt } = await readNotice(deps, params.id);
        return { entries, endsAt: iso(endsAt), objectionsOpen: endsAt !== null && Date.now() < endsAt.getTime(), corrections };
      },
    }),
    operation({
      method: 'get',
      path: '/api/public/campaigns/{id}/announcement',
      summary: 'The announced honourees (通报), for anyone: empty, with announcedAt null, until the secretariat\'s announcement is made; never phone, age or email',
      auth: 'none',
      ok: 200,
      response: z.object({
        campaignId: z.string(),
        title: z.string(),
        announcedAt: z.string().nullable(),
        honourees: z.array(z.object({ caseId: z.string(), name: z.string(), unit: z.string(), field: z.string(), category: z.string() })),
      }),
      errors: [404],
      async handle({ params }) {
        const { campaign, announcedAt, honourees } = await readAnnouncement(deps, params.id);
        return { campaignId: campaign.id, title: campaign.title, announcedAt: iso(announcedAt), honourees };
      },
    }),
    operation({
      method: 'post',
      path: '/api/public/campaigns/{id}/objections',
      summary: 'Lodge an objection to a winner during the notice period (anyone; rate-limited); opens an objection-review task',
      auth: 'optional',
      idempotent: true,
      before: [objectionLimit],
      body: objectionBody,
      ok: 202,
      response: z.object({ objectionId: z.string(), caseId: z.string() }),
      errors: [400, 404, 409, 422, 429, 503],
      handle: ({ principal, params, body, requestId }) => lodgeObjection(deps, principal, params.id, body, requestId),
    }),
  ];
}
