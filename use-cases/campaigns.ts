import type { z } from 'zod';
import { appendAuditEntry } from '../db/audit-log';
import { caseCounts, casesStillInReview, incidentReasons, nomineesOf, openTasksOfKinds, unruledObjections } from '../db/campaign-overview';
import type { CampaignRecord, RankableCase } from '../db/campaigns';
import {
  campaignUsage,
  campaignsByDeadline,
  findCampaign,
  insertCampaign,
  isCampaignCodeTaken,
  moveDeadlines,
  roundOutcome,
  selectionPool,
  unitsOfQuotaKeys,
  updateCampaign as updateCampaignSettings,
  winnersInRankOrder,
} from '../db/campaigns';
import type { Db } from '../db/client';
import { casesInCommitteeReview, committeeWithUnits } from '../db/committee';
import { storedCommitteeRound } from '../db/committee-round';
import { allUnits } from '../db/units';
import { accountsByIds, committeeAccounts } from '../db/users';
import type { StaffUser } from '../domain/access';
import type { UnitKindRule } from '../domain/campaign-config';
import { NATIONAL_CRITERIA, NATIONAL_FIELDS, NATIONAL_UNIT_KINDS, eligibleVoters, fieldName, majorityOf } from '../domain/campaign-config';
import { AppError, conflict, forbidden, notFound, takenBy } from '../domain/errors';
import { rankSelectionPool } from '../domain/ranking';
import type { CreateCampaign, UpdateCampaign, deadlinesBody } from '../domain/schemas';
import { phaseOf } from '../domain/campaign-phase';
import { CASE_STATUSES } from '../domain/statuses';
import { STATUS_LABELS } from '../domain/vocabulary';
import type { UseCaseDeps } from './deps';

export type { CampaignRecord, RankableCase };

/** Tasks that stand in the way of a case's normal course until the secretariat rules on them. */
export const INCIDENT_KINDS = ['compensation-incident', 'fraud-investigation'] as const;

async function existingCampaign({ db }: UseCaseDeps, id: string): Promise<CampaignRecord> {
  const campaign = await findCampaign(db, id);
  if (!campaign) throw notFound('campaign-not-found');
  return campaign;
}

/** A 400 naming the fields refused, each in the reader's language. */
function refuseFields(problems: { path: string; zh: string; en: string }[]): never {
  throw new AppError(400, 'validation-failed', undefined, (language) => problems.map((p) => ({ path: p.path, message: language === 'en' ? p.en : p.zh })));
}

/**
 * The committee named must be active committee accounts, the quorum no more than it has. An empty
 * committee (none appointed yet) keeps the default quorum of one; its cases wait, shown on the dashboard.
 */
async function checkCommittee(db: Db, committee: string[], quorum: number, quorumGiven: boolean) {
  const accounts = new Map((await accountsByIds(db, committee)).map((a) => [a.id, a]));
  const problems = committee.flatMap((id, i) => {
    const a = accounts.get(id);
    return a && !a.disabled && a.roles.includes('committee') ? [] : [{ path: `committee.${i}`, zh: '不是可用的评审委员会委员账号', en: 'not an active committee account' }];
  });
  if (quorum > committee.length && (committee.length > 0 || quorumGiven)) problems.push({ path: 'committeeQuorum', zh: '法定票数不能超过评审委员会人数', en: 'more than the committee has members' });
  if (problems.length) refuseFields(problems);
}

/** 100 名左右: the national notice's target. */
const NATIONAL_WINNER_CAP = 100;
/** Laurel's choice: the notice gives no length for the public notice. */
const DEFAULT_NOTICE_PERIOD = 'P7D';

/** The national unit kinds with the v1 quotas given. */
function nationalKindsWith(quotas: NonNullable<CreateCampaign['quotas']>): UnitKindRule[] {
  const by = { association: quotas.association, 'member-unit': quotas.memberUnit, 'branch-office': quotas.branch } as Record<string, number>;
  return NATIONAL_UNIT_KINDS.map((k) => ({ ...k, quota: by[k.code] ?? k.quota }));
}

/**
 * Stores the campaign, then starts its clock. What the request leaves out comes from the campaign
 * it is a copy of, or else from the national notice; the committee is every committee account, its
 * quorum a majority of it.
 */
export async function createCampaign(deps: UseCaseDeps, user: StaffUser, c: CreateCampaign): Promise<CampaignRecord> {
  const { db } = deps;
  const base = c.copyFrom ? await findCampaign(db, c.copyFrom) : null;
  if (c.copyFrom && !base) refuseFields([{ path: 'copyFrom', zh: '没有这个评选活动', en: 'no such campaign' }]);
  if (await isCampaignCodeTaken(db, c.code)) throw takenBy('campaign-exists', 'code');
  const committee = c.committee ?? base?.committee ?? (await committeeAccounts(db)).map((a) => a.id);
  const committeeQuorum = c.committeeQuorum ?? (base && base.committeeQuorum <= committee.length ? base.committeeQuorum : majorityOf(committee.length));
  await checkCommittee(db, committee, committeeQuorum, c.committeeQuorum !== undefined);
  const created = await insertCampaign(db, {
    code: c.code,
    title: c.title,
    submissionDeadline: new Date(c.submissionDeadline),
    reviewDeadline: new Date(c.reviewDeadline),
    winnerCap: c.winnerCap ?? base?.winnerCap ?? NATIONAL_WINNER_CAP,
    publicNoticePeriod: c.publicNoticePeriod ?? base?.publicNoticePeriod ?? DEFAULT_NOTICE_PERIOD,
    fields: c.fields ?? base?.fields ?? NATIONAL_FIELDS,
    unitKinds: c.unitKinds ?? (c.quotas ? nationalKindsWith(c.quotas) : (base?.unitKinds ?? NATIONAL_UNIT_KINDS)),
    criteria: c.criteria ?? base?.criteria ?? NATIONAL_CRITERIA,
    selfNomination: c.selfNomination ?? base?.selfNomination ?? true,
    committee,
    committeeQuorum,
    ...(base && { copiedFrom: base.id }),
  });
  await appendAuditEntry(db, { actorId: user.id, action: 'campaign-created', details: { campaignId: created.id, ...c, committee, committeeQuorum: created.committeeQuorum } });
  // The campaign is stored; if Temporal is unreachable now, the housekeeping starts its clock later.
  await deps.campaigns.startClock(created.id).catch(() => undefined);
  return created;
}

/** What a change would contradict among the campaign's cases: a field that has cases, a quota below what a unit used. */
async function contradictions(db: Db, campaign: CampaignRecord, change: UpdateCampaign) {
  const problems: { path: string; zh: string; en: string }[] = [];
  const { casesByField, quotaUsed } = await campaignUsage(db, campaign.id);
  if (change.fields) {
    const kept = new Set(change.fields.map((f) => f.code));
    for (const [field, count] of casesByField)
      if (!kept.has(field)) problems.push({ path: 'fields', zh: `业务领域「${fieldName(campaign.fields, field, 'zh-CN')}」已有 ${count} 个申报，不能删除`, en: `the field ${fieldName(campaign.fields, field, 'en')} has ${count} case(s) and cannot be removed` });
  }
  if (change.unitKinds) {
    const kinds = new Map(change.unitKinds.map((k) => [k.code, k]));
    const units = await unitsOfQuotaKeys(db, [...quotaUsed.keys()]);
    for (const [key, used] of quotaUsed) {
      const unit = units.get(key);
      if (!unit) continue;
      const kind = kinds.get(unit.kind);
      if (!kind) problems.push({ path: 'unitKinds', zh: `「${unit.name}」已推荐 ${used} 人，其单位类型不能删除`, en: `${unit.name} has nominated ${used}; its unit kind cannot be removed` });
      else if (kind.quota < used) problems.push({ path: 'unitKinds', zh: `「${unit.name}」已推荐 ${used} 人，名额不能少于 ${used}`, en: `${unit.name} has nominated ${used}; the quota cannot be below ${used}` });
    }
  }
  return problems;
}

/**
 * Changes a campaign's settings. A change its cases contradict is 409 campaign-in-use saying which;
 * a new committee or quorum reaches every case waiting for votes at once.
 */
export async function updateCampaign(deps: UseCaseDeps, user: StaffUser, id: string, change: UpdateCampaign): Promise<CampaignRecord> {
  const { db } = deps;
  const campaign = await existingCampaign(deps, id);
  const committee = change.committee ?? campaign.committee;
  const committeeQuorum = change.committeeQuorum ?? campaign.committeeQuorum;
  if (change.committee || change.committeeQuorum) await checkCommittee(db, committee, committeeQuorum, change.committeeQuorum !== undefined);
  const problems = await contradictions(db, campaign, change);
  if (problems.length) throw new AppError(409, 'campaign-in-use', problems.map((p) => p.en).join('; '), (language) => problems.map((p) => ({ path: p.path, message: language === 'en' ? p.en : p.zh })));
  const updated = await updateCampaignSettings(db, campaign.id, change);
  await appendAuditEntry(db, { actorId: user.id, action: 'campaign-updated', details: { campaignId: campaign.id, ...change } });
  if (change.committee || change.committeeQuorum) await deps.campaigns.quorumChanged(updated.id);
  return updated;
}

/** The campaign's committee, each member with the cases they may not vote on counted by the dashboard. */
export async function campaignCommittee({ db }: UseCaseDeps, campaign: CampaignRecord) {
  return committeeWithUnits(db, campaign.id);
}

/**
 * Cases waiting for committee votes that no member may cast: every member is from the case's unit,
 * or none is active. The dashboard shows them with what the secretariat can do.
 */
export async function undecidableCases({ db }: UseCaseDeps, campaign: CampaignRecord) {
  const committee = await committeeWithUnits(db, campaign.id);
  return (await casesInCommitteeReview(db, campaign.id)).filter((c) => eligibleVoters(committee, c.recommendingUnit).length === 0);
}

/** Open and recent campaigns, for anyone: the home page lists them. */
export async function publicCampaigns({ db }: UseCaseDeps) {
  const now = Date.now();
  return (await campaignsByDeadline(db)).map((c) => ({ campaign: c, phase: phaseOf(c, now) })).filter((c) => c.phase !== 'closed');
}

/** What a unit may still nominate in the campaign: its kind's channel and quota, and what it has used. */
export async function unitQuota({ db }: UseCaseDeps, user: StaffUser, id: string) {
  const campaign = await findCampaign(db, id);
  if (!campaign) throw notFound('campaign-not-found');
  const kind = user.unitKind && campaign.unitKinds.find((k) => k.code === user.unitKind);
  if (!user.roles.includes('unit') || !user.unitId || !kind) throw forbidden('channel-not-allowed');
  const used = (await campaignUsage(db, campaign.id)).quotaUsed.get(quotaKeyOf(user.unitId)) ?? 0;
  return { campaignId: campaign.id, unit: user.unit!, unitKind: kind.code, unitKindName: kind.name, channel: kind.channel, limit: kind.quota, used, remaining: Math.max(0, kind.quota - used) };
}

/** The quota slot a unit's nominations take in a campaign. */
export function quotaKeyOf(unitId: string): string {
  return `unit:${unitId}`;
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

/**
 * Closes the committee round and waits for its outcome: the winners, the rest, and the end of the
 * public notice. Cases still in review would silently miss the round: the close is refused while
 * any is, unless forced, and the refusal says how many.
 */
export async function closeRound(deps: UseCaseDeps, user: StaffUser, id: string, { force = false }: { force?: boolean } = {}, requestId?: string) {
  const campaign = await existingCampaign(deps, id);
  if (campaign.roundClosedAt) {
    // A retried close is answered the outcome the round stored; another close is a conflict.
    if (!requestId) throw conflict('round-closed');
    return storedRoundOutcome(deps, campaign.id);
  }
  const inReview = await casesStillInReview(deps.db, campaign.id);
  if (inReview.total > 0 && !force)
    throw new AppError(409, 'review-open', `${inReview.total} case(s) still in review`, (language) =>
      inReview.byStatus.map(({ status, count }) => ({ path: status, message: language === 'en' ? `${count} case(s) in ${STATUS_LABELS[status].en}` : `${STATUS_LABELS[status].zh}：${count} 件` })),
    );
  await deps.campaigns.closeCommitteeRound(campaign.id);
  const { winners, notSelected, noticeEndsAt } = await storedRoundOutcome(deps, campaign.id);
  await appendAuditEntry(deps.db, { actorId: user.id, action: 'committee-round-closed', details: { campaignId: campaign.id, winners, notSelected, noticeEndsAt, ...(inReview.total > 0 && { forcedWithCasesInReview: inReview.total }) } });
  return { winners, notSelected, noticeEndsAt };
}

/** The ranking the round stored, read back: the round's workflow answers only how many it ranked. */
async function storedRoundOutcome(deps: UseCaseDeps, campaignId: string) {
  const round = await storedCommitteeRound(deps.db, campaignId);
  if (!round) throw new Error(`the committee round of ${campaignId} answered closed but stored no outcome`);
  return { winners: round.winners, notSelected: round.notSelected, noticeEndsAt: round.noticeEndsAt };
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
  const quotas = await quotasOfUnits(db, campaign);
  const committee = await committeeWithUnits(db, campaign.id);
  const undecidable = (await casesInCommitteeReview(db, campaign.id)).filter((c) => eligibleVoters(committee, c.recommendingUnit).length === 0);
  const concerning = (caseId: string) => ({ nominee: nominees.get(caseId)?.nomineeName ?? '', unit: nominees.get(caseId)?.recommendingUnit ?? '' });
  return {
    campaign,
    total: counts.total,
    byStatus: CASE_STATUSES.map((status) => ({ status, count: counts.byStatus.get(status) ?? 0 })),
    byField: campaign.fields.map((f) => ({ field: f.code, name: f.name, ...(f.nameEn && { nameEn: f.nameEn }), count: counts.byField.get(f.code) ?? 0 })),
    openObjections: objections.map((o) => ({ objectionId: o.id, caseId: o.caseId, taskId: o.taskId, ...concerning(o.caseId), reason: o.reason, lodgedAt: o.lodgedAt })),
    quotas,
    committee,
    undecidable,
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

/** Every unit of the campaign's unit kinds, with what it has used of its quota (units that have not nominated too). */
async function quotasOfUnits(db: Db, campaign: CampaignRecord) {
  const { quotaUsed } = await campaignUsage(db, campaign.id);
  const kinds = new Map(campaign.unitKinds.map((k) => [k.code, k]));
  return (await allUnits(db))
    .filter((u) => kinds.has(u.kind))
    .map((u) => {
      const kind = kinds.get(u.kind)!;
      return { unitId: u.id, unit: u.name, kind: u.kind, kindName: kind.name, used: quotaUsed.get(quotaKeyOf(u.id)) ?? 0, limit: kind.quota };
    })
    .sort((a, b) => b.used - a.used || a.unit.localeCompare(b.unit, 'zh-CN'));
}

export interface RankedCase {
  rank: number;
  case: RankableCase;
}

/**
 * The winners the round would choose now and the rest, ranked as closing it ranks them. Once the
 * round is closed, what it stored (as a second close would answer), with any promotions since.
 */
export async function committeePreview(
  deps: UseCaseDeps,
  id: string,
): Promise<{ campaign: CampaignRecord; roundClosed: boolean; winners: RankedCase[]; notSelected: RankedCase[]; tiedAtCutOff: number | null }> {
  const campaign = await existingCampaign(deps, id);
  if (campaign.roundClosedAt) {
    const ranked = (await roundOutcome(deps.db, campaign.id)).map((c) => ({ rank: c.rank ?? 0, case: c }));
    const winners = ranked.filter((r) => r.case.selected);
    return { campaign, roundClosed: true, winners, notSelected: ranked.filter((r) => !r.case.selected), tiedAtCutOff: winners.length > campaign.winnerCap ? (winners.at(-1)?.case.score ?? null) : null };
  }
  const pool = await selectionPool(deps.db, campaign.id);
  const byId = new Map(pool.map((c) => [c.id, c]));
  const { ranked, winners, tiedAtCutOff } = rankSelectionPool(pool, campaign.winnerCap);
  const winnerSet = new Set(winners);
  const rows = ranked.map((r) => ({ rank: r.rank, case: byId.get(r.caseId)! }));
  return { campaign, roundClosed: false, winners: rows.filter((r) => winnerSet.has(r.case.id)), notSelected: rows.filter((r) => !winnerSet.has(r.case.id)), tiedAtCutOff };
}

/** The winners (cases in public notice or announced) in rank order, with only what the notice shows. */
export async function campaignWinners(deps: UseCaseDeps, id: string) {
  const campaign = await existingCampaign(deps, id);
  return { campaign, winners: await winnersInRankOrder(deps.db, campaign.id) };
}
