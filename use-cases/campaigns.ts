import type { z } from 'zod';
import { appendAuditEntry } from '../db/audit-log';
import { caseCounts, incidentReasons, nomineesOf, openTasksOfKinds, unruledObjections } from '../db/campaign-overview';
import type { CampaignRecord, RankableCase } from '../db/campaigns';
import { campaignsByDeadline, findCampaign, insertCampaign, isCampaignCodeTaken, moveDeadlines, roundOutcome, selectionPool, winnersInRankOrder } from '../db/campaigns';
import type { StaffUser } from '../domain/access';
import { AppError, conflict, notFound } from '../domain/errors';
import { FIELD_CODES } from '../domain/fields';
import { rankSelectionPool } from '../domain/ranking';
import type { createCampaignBody, deadlinesBody } from '../domain/schemas';
import { CASE_STATUSES } from '../domain/statuses';
import type { UseCaseDeps } from './deps';

export type { CampaignRecord, RankableCase };

/** Tasks that stand in the way of a case's normal course until the secretariat rules on them. */
export const INCIDENT_KINDS = ['compensation-incident', 'fraud-investigation'] as const;

async function existingCampaign({ db }: UseCaseDeps, id: string): Promise<CampaignRecord> {
  const campaign = await findCampaign(db, id);
  if (!campaign) throw notFound('campaign-not-found');
  return campaign;
}

/** Stores the campaign, then starts its clock. */
export async function createCampaign(deps: UseCaseDeps, user: StaffUser, c: z.output<typeof createCampaignBody>): Promise<CampaignRecord> {
  if (await isCampaignCodeTaken(deps.db, c.code)) throw conflict('campaign-exists');
  const created = await insertCampaign(deps.db, { ...c, submissionDeadline: new Date(c.submissionDeadline), reviewDeadline: new Date(c.reviewDeadline) });
  await appendAuditEntry(deps.db, { actorId: user.id, action: 'campaign-created', details: { campaignId: created.id, ...c } });
  // The campaign is stored; if Temporal is unreachable now, the API's housekeeping starts its clock later.
  await deps.campaigns.startClock(created.id).catch(() => undefined);
  return created;
}

export async function listCampaigns({ db }: UseCaseDeps): Promise<CampaignRecord[]> {
  return campaignsByDeadline(db);
}

export async function getCampaign(deps: UseCaseDeps, id: string): Promise<CampaignRecord> {
  return existingCampaign(deps, id);
}

/** Moves either deadline or both; the campaign's workflow re-arms its timers and tells every running case. */
export async function changeDeadlines(deps: UseCaseDeps, user: StaffUser, id: string, body: z.output<typeof deadlinesBody>): Promise<CampaignRecord> {
  const campaign = await existingCampaign(deps, id);
  const submissionDeadline = body.submissionDeadline ? new Date(body.submissionDeadline) : campaign.submissionDeadline;
  const reviewDeadline = body.reviewDeadline ? new Date(body.reviewDeadline) : campaign.reviewDeadline;
  if (reviewDeadline <= submissionDeadline) throw new AppError(422, 'deadline-order');
  // A review task moved past now is no longer overdue.
  const updated = await moveDeadlines(deps.db, campaign.id, { submissionDeadline, reviewDeadline }, reviewDeadline.getTime() > Date.now());
  await appendAuditEntry(deps.db, {
    actorId: user.id,
    action: 'deadlines-changed',
    details: {
      campaignId: campaign.id,
      from: { submissionDeadline: campaign.submissionDeadline.toISOString(), reviewDeadline: campaign.reviewDeadline.toISOString() },
      to: { submissionDeadline: submissionDeadline.toISOString(), reviewDeadline: reviewDeadline.toISOString() },
      version: updated.deadlinesVersion,
    },
  });
  await deps.campaigns.deadlinesChanged(campaign.id, {
    submissionDeadline: updated.submissionDeadline.toISOString(),
    reviewDeadline: updated.reviewDeadline.toISOString(),
    version: updated.deadlinesVersion,
  });
  return updated;
}

/** Closes the committee round and waits for its outcome: the winners, the rest, and the end of the public notice. */
export async function closeRound(deps: UseCaseDeps, user: StaffUser, id: string) {
  const campaign = await existingCampaign(deps, id);
  if (campaign.roundClosedAt) throw conflict('round-closed');
  const { winners, notSelected, noticeEndsAt } = await deps.campaigns.closeCommitteeRound(campaign.id);
  await appendAuditEntry(deps.db, { actorId: user.id, action: 'committee-round-closed', details: { campaignId: campaign.id, winners, notSelected, noticeEndsAt } });
  return { winners, notSelected, noticeEndsAt };
}

/** The campaign at a glance: cases by status and by field, and the objections and incidents still open. */
export async function campaignSummary(deps: UseCaseDeps, id: string) {
  const campaign = await existingCampaign(deps, id);
  const { db } = deps;
  const [counts, objections, incidents] = await Promise.all([
    caseCounts(db, campaign.id),
    unruledObjections(db, campaign.id),
    openTasksOfKinds(db, campaign.id, INCIDENT_KINDS),
  ]);
  const [nominees, reasons] = await Promise.all([
    nomineesOf(db, [...objections.map((o) => o.caseId), ...incidents.map((t) => t.caseId)]),
    incidentReasons(db, incidents),
  ]);
  const concerning = (caseId: string) => ({ nominee: nominees.get(caseId)?.nomineeName ?? '', unit: nominees.get(caseId)?.recommendingUnit ?? '' });
  return {
    campaign,
    total: counts.total,
    byStatus: CASE_STATUSES.map((status) => ({ status, count: counts.byStatus.get(status) ?? 0 })),
    byField: FIELD_CODES.map((field) => ({ field, count: counts.byField.get(field) ?? 0 })),
    openObjections: objections.map((o) => ({ objectionId: o.id, caseId: o.caseId, taskId: o.taskId, ...concerning(o.caseId), reason: o.reason, lodgedAt: o.lodgedAt })),
    openIncidents: incidents.map((t) => ({
      taskId: t.id,
      caseId: t.caseId,
      kind: t.kind as (typeof INCIDENT_KINDS)[number],
      ...concerning(t.caseId),
      reason: reasons.get(t.id) ?? null,
      createdAt: t.createdAt,
      dueAt: t.dueAt,
    })),
  };
}

export interface RankedCase {
  rank: number;
  case: RankableCase;
}

/**
 * The winners the round would choose now and the rest, ranked as closing it ranks them. Once the
 * round is closed, what it stored (as a second close would answer), with any promotions since.
 */
export async function committeePreview(deps: UseCaseDeps, id: string): Promise<{ campaign: CampaignRecord; roundClosed: boolean; winners: RankedCase[]; notSelected: RankedCase[] }> {
  const campaign = await existingCampaign(deps, id);
  if (campaign.roundClosedAt) {
    const ranked = (await roundOutcome(deps.db, campaign.id)).map((c) => ({ rank: c.rank ?? 0, case: c }));
    return { campaign, roundClosed: true, winners: ranked.filter((r) => r.case.selected), notSelected: ranked.filter((r) => !r.case.selected) };
  }
  const pool = await selectionPool(deps.db, campaign.id);
  const byId = new Map(pool.map((c) => [c.id, c]));
  const { ranked, winners } = rankSelectionPool(pool, campaign.winnerCap);
  const rows = ranked.map((r, i) => ({ rank: i + 1, case: byId.get(r.caseId)! }));
  return { campaign, roundClosed: false, winners: rows.slice(0, winners.length), notSelected: rows.slice(winners.length) };
}

/** The winners (cases in public notice or announced) in rank order, with only what the notice shows. */
export async function campaignWinners(deps: UseCaseDeps, id: string) {
  const campaign = await existingCampaign(deps, id);
  return { campaign, winners: await winnersInRankOrder(deps.db, campaign.id) };
}
