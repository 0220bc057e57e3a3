import { createHash, randomUUID } from 'node:crypto';
import { appendAuditEntry } from '../db/audit-log';
import type { CampaignRecord } from '../db/campaigns';
import { findCampaign } from '../db/campaigns';
import { listCases, replaceAccessToken as swapAccessToken, revokeAccessToken } from '../db/cases';

export type { CaseRecord, TaskRecord } from '../db/cases';
import { findHonouree } from '../db/honourees';
import { committeeWithUnits } from '../db/committee';
import { eligibilityReviewsOf } from '../db/eligibility';
import { objectionsOf } from '../db/objections';
import { caseQuorum } from '../domain/campaign-config';
import type { NewNomination } from '../db/nominations';
import {
  addSealedForm,
  caseByIdempotencyKey,
  createFraudReport,
  nomineeActive,
  removeFraudReport,
  removeSealedForm,
  sealedFormStored,
  storeNomination,
} from '../db/nominations';
import { usernames } from '../db/users';
import type { Principal, StaffUser } from '../domain/access';
import { hasRole } from '../domain/access';
import { DEFAULT_LANGUAGE } from '../domain/channels';
import { AppError, conflict, forbidden, notFound, unauthorized, unprocessable } from '../domain/errors';
import { honoureeKey } from '../domain/honourees';
import { STAFF_ROLES } from '../domain/roles';
import type { NominationBody } from '../domain/schemas';
import { statusTemplate } from '../mail/outbox-key';
import { renderStatusEmail } from '../mail/templates';
import { newToken, tokenHash } from '../security/tokens';
import type { StoredFile } from '../uploads/sealed-forms';
import { discardStoredFile, readStoredFile, sha256Hex, storeSealedForm } from '../uploads/sealed-forms';
import type { Actor } from '../workflows/contract';
import { caseWorkflowId } from '../workflows/contract';
import { idOfRequest } from './request-ids';
import { quotaKeyOf } from './campaigns';
import { visibilityOf, visibleCase } from './case-access';
import type { UseCaseDeps } from './deps';

export function actorOf(p: Principal | undefined): Actor | undefined {
  if (p?.kind === 'user') return { id: p.user.id, username: p.user.username };
  if (p?.kind === 'applicant') return { id: `applicant:${p.caseId}`, username: 'applicant' };
  return undefined;
}

/**
 * Who is submitting, checked against the campaign: a unit account of a kind the campaign lets use
 * the channel, or anyone for a self-nomination while the campaign takes them.
 */
function submitter(principal: Principal | undefined, n: NominationBody, campaign: CampaignRecord) {
  if (n.channel === 'self') {
    if (!campaign.selfNomination) throw conflict('self-nomination-closed');
    return { user: principal?.kind === 'user' ? principal.user : undefined, kind: undefined };
  }
  if (principal?.kind !== 'user') throw unauthorized();
  const user = principal.user;
  const kind = user.roles.includes('unit') && user.unitId ? campaign.unitKinds.find((k) => k.code === user.unitKind && k.channel === n.channel) : undefined;
  if (!kind) throw forbidden('channel-not-allowed');
  if (user.unit !== n.recommendingUnit) throw unprocessable('unit-mismatch');
  return { user, kind };
}

/**
 * Who the nomination is about, matched as the registry matches: category, name and the nominee's
 * own unit, whoever recommends. Hashed: the key holds no personal data.
 */
function nomineeIdentity(campaignId: string, n: NominationBody): string {
  return `${campaignId}:${createHash('sha256').update(honoureeKey(n.category, nomineeNameOf(n), n.nomineeUnit)).digest('hex')}`;
}

function nomineeNameOf(n: NominationBody): string {
  return n.category === 'team' ? n.team.name : n.nominee.name;
}

/** Scoped by submitter, so one client's key never collides with another's. */
function scopedKey(campaignId: string, key: string, userId: string | undefined, n: NominationBody): string {
  const scope = userId ?? `self:${createHash('sha256').update(n.applicantEmail.toLowerCase()).digest('hex').slice(0, 16)}`;
  return `${campaignId}:${scope}:${key}`;
}

export interface Submission {
  campaignId: string;
  nomination: NominationBody;
  sealedForm: Buffer | undefined;
  principal?: Principal;
  idempotencyKey?: string;
}

export interface Submitted {
  /** The Idempotency-Key named a case submitted before: this is that case. */
  replayed: boolean;
  caseId: string;
  status: string;
  accessToken?: string;
}

/**
 * Stores the nomination, its sealed form and its confirmation email in one transaction, then starts
 * its workflow. A retry with the same Idempotency-Key answers the case submitted first.
 */
export async function submitNomination(deps: UseCaseDeps, s: Submission): Promise<Submitted> {
  const { db, config } = deps;
  const file = await storeSealedForm(config.uploadDir, s.sealedForm);
  try {
    const result = await recordNomination(deps, s, file);
    if (result.replayed) await discardStoredFile(config.uploadDir, file.storedName);
    return result;
  } catch (err) {
    if (!(await sealedFormStored(db, file.storedName))) await discardStoredFile(config.uploadDir, file.storedName);
    throw err;
  }
}

async function recordNomination({ db, config, cases }: UseCaseDeps, s: Submission, sealedForm: StoredFile): Promise<Submitted> {
  const n = s.nomination;
  const campaign = await findCampaign(db, s.campaignId);
  if (!campaign) throw notFound('campaign-not-found');
  const { user, kind } = submitter(s.principal, n, campaign);
  if (!campaign.fields.some((f) => f.code === n.field))
    throw new AppError(400, 'validation-failed', undefined, (language) => [{ path: 'nomination.field', message: language === 'en' ? 'not a business field of this campaign' : '不是本次评选活动的业务领域' }]);
  const idempotencyKey = s.idempotencyKey ? scopedKey(campaign.id, s.idempotencyKey, user?.id, n) : null;
  const replay = async (): Promise<Submitted | null> => {
    const earlier = idempotencyKey ? await caseByIdempotencyKey(db, idempotencyKey) : null;
    if (!earlier) return null;
    await cases.start(earlier.id, earlier.campaignId, earlier.channel as NominationBody['channel']);
    return { replayed: true, caseId: earlier.id, status: earlier.status };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  if (Date.now() > campaign.submissionDeadline.getTime()) throw conflict('deadline-passed');
  const name = nomineeNameOf(n);
  if (await findHonouree(db, n.category, name, n.nomineeUnit)) throw conflict('previously-honoured');
  const activeNomineeKey = nomineeIdentity(campaign.id, n);
  if (await nomineeActive(db, activeNomineeKey)) throw conflict('duplicate-nomination');
  const quota = kind && user?.unitId ? { unitKey: quotaKeyOf(user.unitId), limit: kind.quota } : null;

  const caseId = randomUUID();
  const accessToken = n.channel === 'self' ? newToken('la') : undefined;
  const language = n.language ?? DEFAULT_LANGUAGE;
  const mail = renderStatusEmail({ status: 'seal-check', language, caseId, nomineeName: name, campaignTitle: campaign.title, statusUrl: `${config.publicUrl}/status?case=${caseId}`, accessToken });
  const nomination: NewNomination = {
    caseId,
    campaignId: campaign.id,
    workflowId: caseWorkflowId(caseId),
    channel: n.channel,
    category: n.category,
    field: n.field,
    recommendingUnit: n.recommendingUnit,
    nomineeUnit: n.nomineeUnit,
    unitId: kind ? (user?.unitId ?? null) : null,
    submittedByUserId: user?.id ?? null,
    idempotencyKey,
    applicantEmail: n.applicantEmail,
    language,
    nomineeName: name,
    form: JSON.stringify(n),
    mediaAwardCount: n.mediaAwards.length,
    quota,
    activeNomineeKey,
    accessTokenHash: accessToken ? tokenHash(accessToken) : null,
    sealedForm,
    // The workflow's first step (seq 1) finds this email by its key and delivers it.
    confirmation: { about: caseId, occasion: 1, template: statusTemplate('seal-check'), recipient: n.applicantEmail, caseId, ...mail },
    audit: {
      actorId: user?.id ?? `applicant:${caseId}`,
      action: 'nomination-submitted',
      caseId,
      details: { campaignId: campaign.id, channel: n.channel, category: n.category, field: n.field, recommendingUnit: n.recommendingUnit, nomineeUnit: n.nomineeUnit, sealedFormSha256: sealedForm.sha256, ...(quota && { quota: quota.unitKey }) },
    },
  };
  const outcome = await storeNomination(db, nomination);
  if (outcome !== 'stored') {
    const raced = await replay();
    if (raced) return raced;
    if (outcome === 'quota-exhausted') throw conflict('quota-exhausted');
    if (await nomineeActive(db, activeNomineeKey)) throw conflict('duplicate-nomination');
    throw new Error('the nomination could not be stored: a unique key was taken');
  }
  await cases.start(caseId, campaign.id, n.channel);
  return { replayed: false, caseId, status: 'seal-check', ...(accessToken && { accessToken }) };
}

/**
 * A case as its caller may see it, with the names of whoever holds its tasks. Staff also read the
 * campaign's criteria they judge against, internal notes and the votes a committee case needs; the
 * secretariat and auditors read its objections and eligibility reviews in full. The applicant and
 * the submitting unit read only the timeline written for them.
 */
export async function readCase({ db }: UseCaseDeps, principal: Principal | undefined, caseId: string) {
  const { kase } = await visibleCase(db, principal, caseId);
  const user = principal?.kind === 'user' ? principal.user : undefined;
  const staff = user !== undefined && hasRole(user, ...STAFF_ROLES);
  const overseer = user !== undefined && hasRole(user, 'secretariat', 'auditor');
  const campaign = await findCampaign(db, kase.campaignId);
  return {
    kase,
    staff,
    claimers: await usernames(db, kase.tasks.map((t) => t.claimedBy)),
    criteria: campaign?.criteria ?? [],
    ...(overseer && { objections: await objectionsOf(db, kase.id), eligibilityReviews: await eligibilityReviewsOf(db, kase.id) }),
    ...(staff && kase.status === 'committee-review' && campaign && { votesNeeded: caseQuorum(await committeeWithUnits(db, campaign.id), campaign.committeeQuorum, kase.recommendingUnit) }),
  };
}

export type CaseReading = Awaited<ReturnType<typeof readCase>>;

export interface CaseListQuery {
  q?: string;
  campaignId?: string;
  status?: string;
  field?: string;
}

/** Cases the user may see, newest first. */
export async function listVisibleCases({ db }: UseCaseDeps, user: StaffUser, q: CaseListQuery) {
  return listCases(db, { visible: await visibilityOf(db, user), ...q });
}

/** An export has no page size: every case the filters select, up to this many. */
const EXPORT_LIMIT = 50_000;

/** The case list for a spreadsheet: the same cases as the list, with their campaigns (for titles and field names). */
export async function exportVisibleCases({ db }: UseCaseDeps, user: StaffUser, q: CaseListQuery) {
  const cases = await listCases(db, { visible: await visibilityOf(db, user), ...q }, EXPORT_LIMIT);
  const campaigns = new Map<string, CampaignRecord>();
  for (const id of new Set(cases.map((c) => c.campaignId))) {
    const campaign = await findCampaign(db, id);
    if (campaign) campaigns.set(id, campaign);
  }
  return { cases, campaigns };
}

/** The applicant or the submitting unit withdraws the nomination; the workflow undoes what applies. */
export async function withdrawNomination({ db, cases }: UseCaseDeps, principal: Principal | undefined, caseId: string, reason: string | undefined, requestId?: string) {
  const { kase, owner } = await visibleCase(db, principal, caseId);
  if (!owner) throw forbidden();
  // A retried withdrawal finds the case withdrawn: that is its answer, not a conflict with itself.
  if (requestId && kase.status === 'withdrawn') return { caseId: kase.id, status: kase.status };
  const actor = actorOf(principal);
  const reply = await cases.withdraw(kase.id, { actor, reason }, requestId);
  await appendAuditEntry(db, { actorId: actor?.id, action: 'nomination-withdrawn', caseId: kase.id, details: { reason } });
  return { caseId: kase.id, status: reply.caseStatus };
}

/** A new sealed form, when the seal check asked for one. */
export async function resubmitSealedForm({ db, config, cases }: UseCaseDeps, principal: Principal | undefined, caseId: string, upload: Buffer | undefined, requestId?: string) {
  const { kase, owner } = await visibleCase(db, principal, caseId);
  if (!owner) throw forbidden();
  if (kase.status !== 'resubmission-requested') throw conflict('resubmission-not-requested');
  const file = await storeSealedForm(config.uploadDir, upload);
  const sealedFormId = await addSealedForm(db, kase.id, file);
  const actorId = actorOf(principal)?.id;
  try {
    const reply = await cases.resubmitSealedForm(kase.id, sealedFormId, actorId, requestId);
    await appendAuditEntry(db, { actorId, action: 'sealed-form-resubmitted', caseId: kase.id, details: { sealedFormId, sha256: file.sha256 } });
    return { caseId: kase.id, status: reply.caseStatus, sealedForm: { sha256: file.sha256, mediaType: file.mediaType, size: file.size } };
  } catch (err) {
    // Refused, the form goes; cut short by an outage it stays, for the Update may yet arrive.
    if (err instanceof AppError && err.status < 500) {
      await removeSealedForm(db, sealedFormId);
      await discardStoredFile(config.uploadDir, file.storedName);
    }
    throw err;
  }
}

/** Staff who may see the case report fraud; the workflow opens an investigation for the secretariat. */
export async function reportFraud(
  { db, cases }: UseCaseDeps,
  principal: Principal | undefined,
  caseId: string,
  report: { reason: string; evidence?: string },
  requestId?: string,
) {
  const { kase } = await visibleCase(db, principal, caseId);
  const user = principal?.kind === 'user' ? principal.user : undefined;
  // Auditors read and never write; units and applicants report through the secretariat.
  if (!user || !hasRole(user, 'secretariat', 'working-group', 'branch', 'committee')) throw forbidden();
  const stored = await createFraudReport(db, { id: requestId && idOfRequest(requestId, 'fraud-report'), caseId: kase.id, ...report, reportedBy: user.id });
  // A retry of a report whose investigation is open already is answered as the first was.
  if (stored.taskId) return { reportId: stored.id, taskId: stored.taskId, caseId: kase.id };
  try {
    const { taskId } = await cases.reportFraud(kase.id, stored.id, { id: user.id, username: user.username }, requestId);
    await appendAuditEntry(db, { actorId: user.id, action: 'fraud-reported', caseId: kase.id, details: { reportId: stored.id, taskId } });
    return { reportId: stored.id, taskId, caseId: kase.id };
  } catch (err) {
    // Refused, the report goes; cut short by an outage it stays, for the Update may yet arrive.
    if (err instanceof AppError && err.status < 500) await removeFraudReport(db, stored.id);
    throw err;
  }
}

/**
 * The stored sealed form, for staff who may see the case and for its own applicant or unit; anyone
 * else gets the 404 of a case they cannot see. Every download is audited.
 */
export async function downloadSealedForm({ db, config }: UseCaseDeps, principal: Principal | undefined, caseId: string, formId: string | undefined) {
  const { kase, owner } = await visibleCase(db, principal, caseId);
  const staff = principal?.kind === 'user' && principal.user.roles.some((r) => STAFF_ROLES.includes(r));
  if (!staff && !owner) throw notFound();
  const form = formId === undefined ? kase.sealedForms[0] : kase.sealedForms.find((f) => f.id === formId);
  if (!form) throw notFound();
  const content = await readStoredFile(config.uploadDir, form.storedName);
  if (sha256Hex(content) !== form.sha256) throw new Error(`sealed form ${form.id} no longer matches its recorded SHA-256`);
  await appendAuditEntry(db, {
    actorId: actorOf(principal)?.id,
    action: 'sealed-form-downloaded',
    caseId: kase.id,
    details: { sealedFormId: form.id, sha256: form.sha256 },
  });
  return { caseId: kase.id, form, content };
}

/** The applicant replaces a token that may have leaked: the old one stops working at once. */
export async function replaceAccessToken({ db }: UseCaseDeps, principal: Principal | undefined, caseId: string) {
  const { kase } = await visibleCase(db, principal, caseId);
  if (principal?.kind !== 'applicant') throw forbidden();
  const accessToken = newToken('la');
  if (!(await swapAccessToken(db, kase.id, kase.accessTokenHash, tokenHash(accessToken)))) throw conflict('access-token-changed');
  await appendAuditEntry(db, { actorId: actorOf(principal)?.id, action: 'access-token-replaced', caseId: kase.id });
  return { caseId: kase.id, accessToken };
}

/** The applicant or the secretariat revokes the applicant's token. */
export async function revokeApplicantToken({ db }: UseCaseDeps, principal: Principal | undefined, caseId: string) {
  const { kase } = await visibleCase(db, principal, caseId);
  if (!(principal?.kind === 'applicant' || (principal?.kind === 'user' && hasRole(principal.user, 'secretariat')))) throw forbidden();
  if (kase.channel !== 'self') throw conflict('no-access-token');
  await revokeAccessToken(db, kase.id);
  await appendAuditEntry(db, { actorId: actorOf(principal)?.id, action: 'access-token-revoked', caseId: kase.id });
}
