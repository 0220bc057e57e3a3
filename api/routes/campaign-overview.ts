import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { CATEGORY_LABELS } from '../../domain/vocabulary';
import type { Category, Language } from '../../domain/channels';
import { FIELDS, FIELD_CODES, isFieldCode } from '../../domain/fields';
import { SELECTION_POOL_STATUS, rankSelectionPool } from '../../domain/ranking';
import { CASE_STATUSES } from '../../domain/statuses';
import { spreadsheetCsv } from '../../domain/spreadsheet-csv';
import { notFound } from '../../domain/errors';
import { pickLanguage } from '../http/error-messages';
import { requireRole } from '../http/authenticate';
import { campaignView } from './campaigns';

/** Tasks that stand in the way of a case's normal course until the secretariat rules on them. */
const INCIDENT_KINDS = ['compensation-incident', 'fraud-investigation'] as const;

const statusCount = z.object({ status: z.enum(CASE_STATUSES), count: z.int() });
const fieldCount = z.object({ field: z.enum(FIELD_CODES), count: z.int() });

const openObjection = z.object({
  objectionId: z.string(), caseId: z.string(), taskId: z.string().nullable().meta({ description: 'the objection-review task; null until the case has opened it' }),
  nominee: z.string(), unit: z.string(), reason: z.string(), lodgedAt: z.string(),
});

const openIncident = z.object({
  taskId: z.string(), caseId: z.string(), kind: z.enum(INCIDENT_KINDS), nominee: z.string(), unit: z.string(),
  reason: z.string().nullable().meta({ description: "the fraud report's reason, or the compensation that failed and its error" }),
  createdAt: z.string(), dueAt: z.string(),
});

export const campaignSummaryView = z
  .object({
    campaign: z.object({ id: z.string(), code: z.string(), title: z.string(), winnerCap: z.int() }),
    total: z.int(),
    byStatus: z.array(statusCount).meta({ description: 'every status of the vocabulary, in the order a case moves through them' }),
    byField: z.array(fieldCount).meta({ description: 'every business field' }),
    deadlines: z.object({ submission: z.string(), review: z.string(), noticeEnd: z.string().nullable() }),
    roundClosed: z.boolean(),
    roundClosedAt: z.string().nullable(),
    openObjections: z.array(openObjection),
    openIncidents: z.array(openIncident),
  })
  .meta({ id: 'CampaignSummary' });

const rankedCase = z.object({
  rank: z.int(), caseId: z.string(), name: z.string(), unit: z.string(), field: z.string(), category: z.string(),
  score: z.number().nullable(), mediaAwardCount: z.int(), submittedAt: z.string(),
});

export const committeePreviewView = z
  .object({
    campaignId: z.string(),
    winnerCap: z.int(),
    roundClosed: z.boolean().meta({ description: 'true: the round is closed and this is its stored outcome, not a preview' }),
    winners: z.array(rankedCase),
    notSelected: z.array(rankedCase),
  })
  .meta({ id: 'CommitteePreview' });

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

/** The secretariat's view of a campaign as a whole (auditors read the summary too). */
export function campaignOverviewRoutes({ db }: { db: Db }): Router {
  const router = Router();

  async function campaignOr404(id: string) {
    const campaign = await db.campaign.findUnique({ where: { id } });
    if (!campaign) throw notFound('campaign-not-found');
    return campaign;
  }

  router.get('/api/campaigns/:id/summary', requireRole('secretariat', 'auditor'), async (req, res) => {
    const campaign = await campaignOr404(String(req.params.id));
    const c = campaignView(campaign);
    const [byStatus, byField, objections, incidents] = await Promise.all([
      db.case.groupBy({ by: ['status'], where: { campaignId: campaign.id }, _count: { _all: true } }),
      db.case.groupBy({ by: ['field'], where: { campaignId: campaign.id }, _count: { _all: true } }),
      db.objection.findMany({ where: { campaignId: campaign.id, ruling: null }, orderBy: { lodgedAt: 'asc' } }),
      db.task.findMany({ where: { campaignId: campaign.id, status: 'open', kind: { in: [...INCIDENT_KINDS] } }, orderBy: { createdAt: 'asc' } }),
    ]);
    const caseIds = [...new Set([...objections.map((o) => o.caseId), ...incidents.map((t) => t.caseId)])];
    const cases = new Map(
      (await db.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, nomineeName: true, recommendingUnit: true } })).map((k) => [k.id, k]),
    );
    const fraudTaskIds = incidents.filter((t) => t.kind === 'fraud-investigation').map((t) => t.id);
    const reports = new Map((await db.fraudReport.findMany({ where: { taskId: { in: fraudTaskIds } } })).map((r) => [r.taskId, r.reason]));
    // A compensation incident's reason is the note of the step that opened it: the same case, the same instant.
    const compensationIncidents = incidents.filter((t) => t.kind === 'compensation-incident');
    const incidentNotes = compensationIncidents.length
      ? await db.timelineEntry.findMany({ where: { OR: compensationIncidents.map((t) => ({ caseId: t.caseId, at: t.createdAt })) } })
      : [];
    const noteOf = (caseId: string, at: Date) => incidentNotes.find((e) => e.caseId === caseId && e.at.getTime() === at.getTime())?.note ?? null;
    const statusCounts = new Map(byStatus.map((g) => [g.status, g._count._all]));
    const fieldCounts = new Map(byField.map((g) => [g.field, g._count._all]));
    res.json({
      campaign: { id: c.id, code: c.code, title: c.title, winnerCap: c.winnerCap },
      total: byStatus.reduce((sum, g) => sum + g._count._all, 0),
      byStatus: CASE_STATUSES.map((status) => ({ status, count: statusCounts.get(status) ?? 0 })),
      byField: FIELD_CODES.map((field) => ({ field, count: fieldCounts.get(field) ?? 0 })),
      deadlines: { submission: c.submissionDeadline, review: c.reviewDeadline, noticeEnd: c.noticeEndsAt },
      roundClosed: c.roundClosedAt !== null,
      roundClosedAt: c.roundClosedAt,
      openObjections: objections.map((o) => ({
        objectionId: o.id,
        caseId: o.caseId,
        taskId: o.taskId,
        nominee: cases.get(o.caseId)?.nomineeName ?? '',
        unit: cases.get(o.caseId)?.recommendingUnit ?? '',
        reason: o.reason,
        lodgedAt: o.lodgedAt.toISOString(),
      })),
      openIncidents: incidents.map((t) => ({
        taskId: t.id,
        caseId: t.caseId,
        kind: t.kind,
        nominee: cases.get(t.caseId)?.nomineeName ?? '',
        unit: cases.get(t.caseId)?.recommendingUnit ?? '',
        reason: t.kind === 'fraud-investigation' ? (reports.get(t.id) ?? null) : noteOf(t.caseId, t.createdAt),
        createdAt: t.createdAt.toISOString(),
        dueAt: t.dueAt.toISOString(),
      })),
    });
  });

  router.get('/api/campaigns/:id/committee/preview', requireRole('secretariat'), async (req, res) => {
    const campaign = await campaignOr404(String(req.params.id));
    const columns = { id: true, nomineeName: true, recommendingUnit: true, field: true, category: true, score: true, mediaAwardCount: true, submittedAt: true, rank: true, selected: true } as const;
    const view = (c: { id: string; nomineeName: string; recommendingUnit: string; field: string; category: string; score: number | null; mediaAwardCount: number; submittedAt: Date }, rank: number) => ({
      rank, caseId: c.id, name: c.nomineeName, unit: c.recommendingUnit, field: c.field, category: c.category, score: c.score, mediaAwardCount: c.mediaAwardCount, submittedAt: c.submittedAt.toISOString(),
    });
    const base = { campaignId: campaign.id, winnerCap: campaign.winnerCap };
    if (campaign.roundClosedAt) {
      // Closed: what the round stored (as a second close would answer), with any promotions since.
      const ranked = await db.case.findMany({ where: { campaignId: campaign.id, selected: { not: null } }, orderBy: [{ rank: 'asc' }, { id: 'asc' }], select: columns });
      res.json({
        ...base,
        roundClosed: true,
        winners: ranked.filter((c) => c.selected).map((c) => view(c, c.rank ?? 0)),
        notSelected: ranked.filter((c) => !c.selected).map((c) => view(c, c.rank ?? 0)),
      });
      return;
    }
    const pool = await db.case.findMany({ where: { campaignId: campaign.id, status: SELECTION_POOL_STATUS }, select: columns });
    const byId = new Map(pool.map((c) => [c.id, c]));
    const { ranked, winners } = rankSelectionPool(pool, campaign.winnerCap);
    const rows = ranked.map((r, i) => view(byId.get(r.caseId)!, i + 1));
    res.json({ ...base, roundClosed: false, winners: rows.slice(0, winners.length), notSelected: rows.slice(winners.length) });
  });

  router.get('/api/campaigns/:id/winners.csv', requireRole('secretariat'), async (req, res) => {
    const campaign = await campaignOr404(String(req.params.id));
    // Only what the public notice shows, and the committee's rank and score: no phone, age or email is read.
    const winners = await db.case.findMany({
      where: { campaignId: campaign.id, status: { in: ['public-notice', 'announced'] } },
      select: { rank: true, nomineeName: true, recommendingUnit: true, field: true, category: true, score: true },
      orderBy: [{ rank: 'asc' }, { id: 'asc' }],
    });
    const language = pickLanguage(req.headers['accept-language']);
    res.type('text/csv; charset=utf-8').attachment(`winners-${campaign.id}.csv`).send(winnersCsv(winners, language));
  });

  return router;
}
