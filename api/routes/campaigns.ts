import { z } from 'zod';
import type { Category, Language } from '../../domain/channels';
import type { CampaignField } from '../../domain/campaign-config';
import { fieldName } from '../../domain/campaign-config';
import { announcementBody, closeRoundBody, createCampaignBody, deadlinesBody, updateCampaignBody } from '../../domain/schemas';
import { spreadsheetCsv } from '../../domain/spreadsheet-csv';
import { CASE_STATUSES } from '../../domain/statuses';
import { CATEGORY_LABELS } from '../../domain/vocabulary';
import type { CampaignRecord, RankedCase } from '../../use-cases/campaigns';
import {
  INCIDENT_KINDS,
  campaignSummary,
  campaignWinners,
  changeDeadlines,
  closeRound,
  committeePreview,
  createCampaign,
  getCampaign,
  listCampaigns,
  unitQuota,
  updateCampaign,
} from '../../use-cases/campaigns';
import { cancelAnnouncement, scheduleAnnouncement } from '../../use-cases/announcement';
import type { UseCaseDeps } from '../../use-cases/deps';
import { operation } from '../operation';

// What the API answers about campaigns, each view beside the schema that documents it.

const fieldSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string().optional() });
const unitKindSchema = z.object({ code: z.string(), name: z.string(), channel: z.enum(['organisation', 'branch']), quota: z.int() });

export const campaignSchema = z
  .object({
    id: z.string(), code: z.string(), title: z.string(), submissionDeadline: z.string(), reviewDeadline: z.string(),
    winnerCap: z.int(), publicNoticePeriod: z.string(), committeeQuorum: z.int(),
    fields: z.array(fieldSchema), unitKinds: z.array(unitKindSchema), criteria: z.array(z.string()),
    committee: z.array(z.string()).meta({ description: 'user ids' }), selfNomination: z.boolean(), copiedFrom: z.string().nullable(),
    quotas: z.object({ association: z.int(), memberUnit: z.int(), branch: z.int() }).partial().meta({ description: 'v1: the quotas of the national unit kinds the campaign has' }),
    roundClosedAt: z.string().nullable(), noticeEndsAt: z.string().nullable(),
    announceAt: z.string().nullable().meta({ description: 'when the scheduled announcement is to be made; null when none is scheduled' }),
    announcedAt: z.string().nullable().meta({ description: 'when the last announcement was made' }),
  })
  .meta({ id: 'Campaign' });

/** The v1 quotas object, for the national unit kinds the campaign has. */
function v1Quotas(c: CampaignRecord) {
  const quota = (code: string) => c.unitKinds.find((k) => k.code === code)?.quota;
  return { association: quota('association'), memberUnit: quota('member-unit'), branch: quota('branch-office') };
}

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
    fields: c.fields,
    unitKinds: c.unitKinds,
    criteria: c.criteria,
    committee: c.committee,
    selfNomination: c.selfNomination,
    copiedFrom: c.copiedFrom,
    quotas: v1Quotas(c),
    roundClosedAt: c.roundClosedAt?.toISOString() ?? null,
    noticeEndsAt: c.noticeEndsAt?.toISOString() ?? null,
    announceAt: c.announceAt?.toISOString() ?? null,
    announcedAt: c.announcedAt?.toISOString() ?? null,
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
    byField: z.array(z.object({ field: z.string(), name: z.string(), nameEn: z.string().optional(), count: z.int() })).meta({ description: 'every business field of the campaign' }),
    deadlines: z.object({
      submission: z.string(), review: z.string(), noticeEnd: z.string().nullable(),
      announceAt: z.string().nullable().meta({ description: 'the scheduled announcement, if any' }), announcedAt: z.string().nullable(),
    }),
    roundClosed: z.boolean(),
    roundClosedAt: z.string().nullable(),
    openObjections: z.array(openObjection),
    openIncidents: z.array(openIncident),
    settings: z.object({ committeeQuorum: z.int(), publicNoticePeriod: z.string(), winnerCap: z.int(), selfNomination: z.boolean() }),
    quotas: z
      .array(z.object({ unitId: z.string(), unit: z.string(), kind: z.string(), kindName: z.string(), used: z.int(), limit: z.int() }))
      .meta({ description: 'every unit of the campaign’s unit kinds with its quota and what it has used, most used first' }),
    committee: z.array(z.object({ userId: z.string(), name: z.string(), unit: z.string().nullable(), active: z.boolean() })),
    undecidable: z
      .array(z.object({ caseId: z.string(), nominee: z.string(), unit: z.string() }))
      .meta({ description: 'cases waiting for committee votes that no member may cast (all from the case’s unit, or none active): add a member to the committee' }),
  })
  .meta({ id: 'CampaignSummary' });

function campaignSummaryView(s: Awaited<ReturnType<typeof campaignSummary>>) {
  const c = campaignView(s.campaign);
  return {
    campaign: { id: c.id, code: c.code, title: c.title, winnerCap: c.winnerCap },
    total: s.total,
    byStatus: s.byStatus,
    byField: s.byField,
    deadlines: { submission: c.submissionDeadline, review: c.reviewDeadline, noticeEnd: c.noticeEndsAt, announceAt: c.announceAt, announcedAt: c.announcedAt },
    roundClosed: c.roundClosedAt !== null,
    roundClosedAt: c.roundClosedAt,
    openObjections: s.openObjections.map((o) => ({ ...o, lodgedAt: o.lodgedAt.toISOString() })),
    openIncidents: s.openIncidents.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), dueAt: t.dueAt.toISOString() })),
    settings: { committeeQuorum: s.campaign.committeeQuorum, publicNoticePeriod: s.campaign.publicNoticePeriod, winnerCap: s.campaign.winnerCap, selfNomination: s.campaign.selfNomination },
    quotas: s.quotas,
    committee: s.committee.map((m) => ({ userId: m.userId, name: m.displayName || m.username, unit: m.unit, active: m.active })),
    undecidable: s.undecidable.map((c) => ({ caseId: c.id, nominee: c.nomineeName, unit: c.recommendingUnit })),
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
    tiedAtCutOff: z.number().nullable().meta({ description: 'the score tied at the cut-off by more cases than winnerCap leaves room for: all of them are winners; null when no tie crosses the cap' }),
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
  fields: readonly CampaignField[],
  language: Language,
): string {
  const en = language === 'en';
  const lines = [WINNER_CSV_HEADERS[en ? 'en' : 'zh']];
  for (const r of rows) {
    const field = fieldName(fields, r.field, language);
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
      path: '/api/campaigns/{id}',
      summary:
        'Change a campaign’s title, winner cap, notice period, fields, unit kinds and quotas, criteria, committee, quorum or self-nomination (secretariat). A change its cases contradict — removing a field that has cases, a quota below what a unit used — is 409 campaign-in-use saying which; a quorum above the committee is 400',
      roles: ['secretariat'],
      body: updateCampaignBody,
      ok: 200,
      response: campaignSchema,
      errors: [400, 401, 403, 404, 409, 503],
      async handle({ user, params, body }) {
        return campaignView(await updateCampaign(deps, user, params.id, body));
      },
    }),
    operation({
      method: 'get',
      path: '/api/campaigns/{id}/quota',
      summary: 'The signed-in unit’s quota in the campaign: its kind, the channel it nominates through, the limit, what it has used and what remains',
      roles: ['unit'],
      ok: 200,
      response: z.object({ campaignId: z.string(), unit: z.string(), unitKind: z.string(), unitKindName: z.string(), channel: z.string(), limit: z.int(), used: z.int(), remaining: z.int() }),
      errors: [401, 403, 404],
      handle: ({ user, params }) => unitQuota(deps, user, params.id),
    }),
    operation({
      method: 'patch',
      path: '/api/campaigns/{id}/deadlines',
      summary: 'Move deadlines; every running case follows (secretariat)',
      roles: ['secretariat'],
      idempotent: true,
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
      summary:
        'Close the committee round: best scores first up to winnerCap, and every case tied with the last winner too (arrival time and case id never decide). 409 review-open while cases are still in review before the committee (or waiting for its votes), unless the body is { "force": true }',
      roles: ['secretariat'],
      idempotent: true,
      body: closeRoundBody,
      ok: 200,
      response: z.object({ winners: z.array(z.string()), notSelected: z.array(z.string()), noticeEndsAt: z.string() }),
      errors: [400, 401, 403, 404, 409, 422, 503],
      async handle({ user, params, body, requestId }) {
        return closeRound(deps, user, params.id, body, requestId);
      },
    }),
    operation({
      method: 'post',
      path: '/api/campaigns/{id}/announcement',
      summary:
        'Schedule the announcement (择期通报, secretariat): at `at` (default now, never before the notice ends) every case in notice-ended is announced and its applicant and unit told. cases: how many wait for it now',
      roles: ['secretariat'],
      idempotent: true,
      body: announcementBody,
      ok: 202,
      response: z.object({ at: z.string(), cases: z.int() }),
      errors: [400, 401, 403, 404, 409, 422, 503],
      async handle({ user, params, body, requestId }) {
        const { at, cases } = await scheduleAnnouncement(deps, user, params.id, body, requestId);
        return { at: at.toISOString(), cases };
      },
    }),
    operation({
      method: 'delete',
      path: '/api/campaigns/{id}/announcement',
      summary: 'Cancel the scheduled announcement before its time (secretariat); 409 already-announced once it is made',
      roles: ['secretariat'],
      idempotent: true,
      ok: 200,
      response: z.object({ cancelled: z.literal(true) }),
      errors: [400, 401, 403, 404, 409, 422, 503],
      handle: ({ user, params }) => cancelAnnouncement(deps, user, params.id),
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
        const { campaign, roundClosed, winners, notSelected, tiedAtCutOff } = await committeePreview(deps, params.id);
        return { campaignId: campaign.id, winnerCap: campaign.winnerCap, roundClosed, winners: winners.map(rankedCaseView), notSelected: notSelected.map(rankedCaseView), tiedAtCutOff };
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
        res.type('text/csv; charset=utf-8').attachment(`winners-${campaign.id}.csv`).send(winnersCsv(winners, campaign.fields, language));
      },
    }),
  ];
}
