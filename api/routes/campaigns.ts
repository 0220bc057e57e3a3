import { z } from 'zod';
import type { Category, Language } from '../../domain/channels';
import { FIELDS, FIELD_CODES, isFieldCode } from '../../domain/fields';
import { createCampaignBody, deadlinesBody } from '../../domain/schemas';
import { spreadsheetCsv } from '../../domain/spreadsheet-csv';
import { CASE_STATUSES } from '../../domain/statuses';
import { CATEGORY_LABELS } from '../../domain/vocabulary';
import type { CampaignRecord, RankedCase } from '../../use-cases/campaigns';
import { INCIDENT_KINDS, campaignSummary, campaignWinners, changeDeadlines, closeRound, committeePreview, createCampaign, getCampaign, listCampaigns } from '../../use-cases/campaigns';
import type { UseCaseDeps } from '../../use-cases/deps';
import { operation } from '../operation';

// What the API answers about campaigns, each view beside the schema that documents it.

export const campaignSchema = z
  .object({
    id: z.string(), code: z.string(), title: z.string(), submissionDeadline: z.string(), reviewDeadline: z.string(),
    winnerCap: z.int(), publicNoticePeriod: z.string(), committeeQuorum: z.int(),
    quotas: z.object({ association: z.int(), memberUnit: z.int(), branch: z.int() }),
  })
  .meta({ id: 'Campaign' });

export function campaignView(c: CampaignRecord) {
  return {
    id: c.id,
    code: c.code,
    title: c.title,
    submissionDeadline: c.submissionDeadline.toISOString(),
    reviewDeadline: c.reviewDeadline.toISOString(),
    winnerCap: c.winnerCap,
    publicNoticePeriod: c.publicNoticePeriod,
    committeeQuorum: c.committeeQuorum,
    quotas: { association: c.quotaAssociation, memberUnit: c.quotaMemberUnit, branch: c.quotaBranch },
    roundClosedAt: c.roundClosedAt?.toISOString() ?? null,
    noticeEndsAt: c.noticeEndsAt?.toISOString() ?? null,
  };
}

const openObjection = z.object({
  objectionId: z.string(), caseId: z.string(), taskId: z.string().nullable().meta({ description: 'the objection-review task; null until the case has opened it' }),
  nominee: z.string(), unit: z.string(), reason: z.string(), lodgedAt: z.string(),
});

const openIncident = z.object({
  taskId: z.string(), caseId: z.string(), kind: z.enum(INCIDENT_KINDS), nominee: z.string(), unit: z.string(),
  reason: z.string().nullable().meta({ description: "the fraud report's reason, or the compensation that failed and its error" }),
  createdAt: z.string(), dueAt: z.string(),
});

const campaignSummarySchema = z
  .object({
    campaign: z.object({ id: z.string(), code: z.string(), title: z.string(), winnerCap: z.int() }),
    total: z.int(),
    byStatus: z.array(z.object({ status: z.enum(CASE_STATUSES), count: z.int() })).meta({ description: 'every status of the vocabulary, in the order a case moves through them' }),
    byField: z.array(z.object({ field: z.enum(FIELD_CODES), count: z.int() })).meta({ description: 'every business field' }),
    deadlines: z.object({ submission: z.string(), review: z.string(), noticeEnd: z.string().nullable() }),
    roundClosed: z.boolean(),
    roundClosedAt: z.string().nullable(),
    openObjections: z.array(openObjection),
    openIncidents: z.array(openIncident),
  })
  .meta({ id: 'CampaignSummary' });

function campaignSummaryView(s: Awaited<ReturnType<typeof campaignSummary>>) {
  const c = campaignView(s.campaign);
  return {
    campaign: { id: c.id, code: c.code, title: c.title, winnerCap: c.winnerCap },
    total: s.total,
    byStatus: s.byStatus,
    byField: s.byField,
    deadlines: { submission: c.submissionDeadline, review: c.reviewDeadline, noticeEnd: c.noticeEndsAt },
    roundClosed: c.roundClosedAt !== null,
    roundClosedAt: c.roundClosedAt,
    openObjections: s.openObjections.map((o) => ({ ...o, lodgedAt: o.lodgedAt.toISOString() })),
    openIncidents: s.openIncidents.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), dueAt: t.dueAt.toISOString() })),
  };
}

const rankedCaseSchema = z.object({
  rank: z.int(), caseId: z.string(), name: z.string(), unit: z.string(), field: z.string(), category: z.string(),
  score: z.number().nullable(), mediaAwardCount: z.int(), submittedAt: z.string(),
});

const committeePreviewSchema = z
  .object({
    campaignId: z.string(),
    winnerCap: z.int(),
    roundClosed: z.boolean().meta({ description: 'true: the round is closed and this is its stored outcome, not a preview' }),
    winners: z.array(rankedCaseSchema),
    notSelected: z.array(rankedCaseSchema),
  })
  .meta({ id: 'CommitteePreview' });

function rankedCaseView({ rank, case: c }: RankedCase) {
  return {
    rank, caseId: c.id, name: c.nomineeName, unit: c.recommendingUnit, field: c.field, category: c.category,
    score: c.score, mediaAwardCount: c.mediaAwardCount, submittedAt: c.submittedAt.toISOString(),
  };
}

const WINNER_CSV_HEADERS: Record<'zh' | 'en', string[]> = {
  zh: ['名次', '姓名或团队名称', '推荐单位', '业务领域', '类别', '评分'],
  en: ['rank', 'name', 'unit', 'field', 'category', 'score'],
};

/** Winners as a spreadsheet: UTF-8 with a byte-order mark (so Excel reads the Chinese), CRLF lines. */
export function winnersCsv(
  rows: { rank: number | null; nomineeName: string; recommendingUnit: string; field: string; category: string; score: number | null }[],
  language: Language,
): string {
  const en = language === 'en';
  const lines = [WINNER_CSV_HEADERS[en ? 'en' : 'zh']];
  for (const r of rows) {
    const field = isFieldCode(r.field) ? FIELDS[r.field][en ? 'en' : 'zh'] : r.field;
    const category = CATEGORY_LABELS[r.category as Category]?.[en ? 'en' : 'zh'] ?? r.category;
    lines.push([r.rank === null ? '' : String(r.rank), r.nomineeName, r.recommendingUnit, field, category, r.score === null ? '' : r.score.toFixed(2)]);
  }
  return spreadsheetCsv(lines);
}

/** Campaigns: the secretariat runs them; its dashboard (summary, round preview, winners) is read by the secretariat, the summary by auditors too. */
export function campaignOperations(deps: UseCaseDeps) {
  return [
    operation({
      method: 'post',
      path: '/api/campaigns',
      summary: 'Create a campaign (secretariat)',
      roles: ['secretariat'],
      body: createCampaignBody,
      ok: 201,
      response: campaignSchema,
      errors: [400, 401, 403, 409],
      async handle({ user, body, res }) {
        const created = await createCampaign(deps, user, body);
        res.location(`/api/campaigns/${created.id}`);
        return campaignView(created);
      },
    }),
    operation({
      method: 'get',
      path: '/api/campaigns',
      summary: 'List campaigns',
      ok: 200,
      response: z.object({ campaigns: z.array(campaignSchema) }),
      errors: [401],
      // Reading the user refuses an applicant's token (401): campaigns are for accounts.
      async handle({ user: _account }) {
        return { campaigns: (await listCampaigns(deps)).map(campaignView) };
      },
    }),
    operation({
      method: 'get',
      path: '/api/campaigns/{id}',
      summary: 'One campaign',
      ok: 200,
      response: campaignSchema,
      errors: [401, 404],
      async handle({ user: _account, params }) {
        return campaignView(await getCampaign(deps, params.id));
      },
    }),
    operation({
      method: 'patch',
      path: '/api/campaigns/{id}/deadlines',
      summary: 'Move deadlines; every running case follows (secretariat)',
      roles: ['secretariat'],
      body: deadlinesBody,
      ok: 200,
      response: campaignSchema,
      errors: [400, 401, 403, 404, 422, 503],
      async handle({ user, params, body }) {
        return campaignView(await changeDeadlines(deps, user, params.id, body));
      },
    }),
    operation({
      method: 'post',
      path: '/api/campaigns/{id}/committee/close',
      summary: 'Close the committee round: best scores first up to winnerCap; ties by media awards, then submission time, then case id',
      roles: ['secretariat'],
      ok: 200,
      response: z.object({ winners: z.array(z.string()), notSelected: z.array(z.string()), noticeEndsAt: z.string() }),
      errors: [401, 403, 404, 409, 503],
      async handle({ user, params }) {
        return closeRound(deps, user, params.id);
      },
    }),
    operation({
      method: 'get',
      path: '/api/campaigns/{id}/summary',
      summary:
        'The campaign at a glance (secretariat, auditor): cases by status and by field, deadlines, whether the committee round is closed, open objections and open incidents (fraud investigations, compensation incidents)',
      roles: ['secretariat', 'auditor'],
      ok: 200,
      response: campaignSummarySchema,
      errors: [401, 403, 404],
      async handle({ params }) {
        return campaignSummaryView(await campaignSummary(deps, params.id));
      },
    }),
    operation({
      method: 'get',
      path: '/api/campaigns/{id}/committee/preview',
      summary:
        'The winners the committee round would choose now, in order, and the rest, without closing it (secretariat): the same ranking the close uses. Once closed, the stored outcome (roundClosed: true)',
      roles: ['secretariat'],
      ok: 200,
      response: committeePreviewSchema,
      errors: [401, 403, 404],
      async handle({ params }) {
        const { campaign, roundClosed, winners, notSelected } = await committeePreview(deps, params.id);
        return { campaignId: campaign.id, winnerCap: campaign.winnerCap, roundClosed, winners: winners.map(rankedCaseView), notSelected: notSelected.map(rankedCaseView) };
      },
    }),
    operation({
      method: 'get',
      path: '/api/campaigns/{id}/winners.csv',
      summary:
        'The winners (cases in public notice or announced) as CSV, UTF-8 with a byte-order mark: rank, name, unit, field, category, score; no phone, age or email (secretariat). Chinese headers unless Accept-Language asks for English',
      roles: ['secretariat'],
      ok: 200,
      binary: ['text/csv'],
      errors: [401, 403, 404],
      async handle({ params, language, res }) {
        const { campaign, winners } = await campaignWinners(deps, params.id);
        res.type('text/csv; charset=utf-8').attachment(`winners-${campaign.id}.csv`).send(winnersCsv(winners, language));
      },
    }),
  ];
}
