import type { Client } from '@temporalio/client';
import { appendAudit } from '../api/audit';
import { createHash, randomUUID } from 'node:crypto';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { renderStatusEmail } from '../mail/templates';
import { CHANNEL_UNIT_KINDS, DEFAULT_LANGUAGE } from '../domain/channels';
import type { UnitKind } from '../domain/channels';
import { honoureeKey, normaliseForMatch } from '../domain/honourees';
import type { NominationBody } from '../domain/schemas';
import { caseWorkflowId } from '../workflows/contract';
import { nominationWorkflow } from '../workflows/nomination';
import { AppError, conflict, forbidden, notFound, unauthorized, unprocessable } from '../domain/errors';
import type { Principal } from '../domain/access';
import { newToken, tokenHash } from '../security/tokens';
import type { StoredFile } from '../api/http/uploads';

export interface SubmissionDeps {
  db: Db;
  temporal: Client;
  config: Config;
}

export interface Submission {
  campaignId: string;
  nomination: NominationBody;
  file: StoredFile;
  principal?: Principal;
  idempotencyKey?: string;
}

/** Who is submitting, checked against the channel: units for organisation and branch, anyone for self. */
function submitter(principal: Principal | undefined, n: NominationBody) {
  if (n.channel === 'self') return principal?.kind === 'user' ? principal.user : undefined;
  if (principal?.kind !== 'user') throw unauthorized();
  const user = principal.user;
  if (!user.roles.includes('unit') || !user.unitKind || !CHANNEL_UNIT_KINDS[n.channel].includes(user.unitKind)) throw forbidden('channel-not-allowed');
  if (user.unit !== n.recommendingUnit) throw unprocessable('unit-mismatch');
  return user;
}

/** The quota slot a unit's nomination takes: per campaign, unit kind and unit. Self-nominations take none. */
function quotaOf(campaign: { quotaAssociation: number; quotaMemberUnit: number; quotaBranch: number }, user: { unit?: string; unitKind?: UnitKind } | undefined, n: NominationBody) {
  if (n.channel === 'self' || !user?.unitKind || !user.unit) return null;
  const limit = { association: campaign.quotaAssociation, 'member-unit': campaign.quotaMemberUnit, 'branch-office': campaign.quotaBranch }[user.unitKind];
  return { unitKey: `${user.unitKind}:${user.unit}`, limit };
}

/** Who the nomination is about: a person by name and phone, a team by its name and unit. Hashed: the key holds no personal data. */
function nomineeIdentity(campaignId: string, n: NominationBody): string {
  const identity = n.category === 'team' ? `team|${normaliseForMatch(n.team.name)}|${normaliseForMatch(n.recommendingUnit)}` : `individual|${normaliseForMatch(n.nominee.name)}|${n.phone.replace(/\D/g, '')}`;
  return `${campaignId}:${createHash('sha256').update(identity).digest('hex')}`;
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === 'P2002';
}

function scopedKey(campaignId: string, key: string, userId: string | undefined, n: NominationBody): string {
  const scope = userId ?? `self:${createHash('sha256').update(n.applicantEmail.toLowerCase()).digest('hex').slice(0, 16)}`;
  return `${campaignId}:${scope}:${key}`;
}

async function startCaseWorkflow(temporal: Client, config: Config, caseId: string, campaignId: string) {
  try {
    await temporal.workflow.start(nominationWorkflow, {
      workflowId: caseWorkflowId(caseId),
      taskQueue: config.temporal.taskQueue,
      args: [{ caseId, campaignId }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  } catch (err) {
    // The case is stored; a retry with the same Idempotency-Key (or the worker's reconciler) starts it.
    throw new AppError(503, 'temporarily-unavailable', (err as Error).message);
  }
}

/**
 * Stores the nomination and its confirmation email in one transaction, then starts its workflow.
 * Returns `replayed` when the Idempotency-Key names a case submitted before.
 */
export async function submitNomination({ db, temporal, config }: SubmissionDeps, s: Submission) {
  const { nomination: n } = s;
  const user = submitter(s.principal, n);
  const campaign = await db.campaign.findUnique({ where: { id: s.campaignId } });
  if (!campaign) throw notFound('campaign-not-found');

  const idempotencyKey = s.idempotencyKey ? scopedKey(campaign.id, s.idempotencyKey, user?.id, n) : null;
  if (idempotencyKey) {
    const earlier = await db.case.findUnique({ where: { idempotencyKey } });
    if (earlier) {
      await startCaseWorkflow(temporal, config, earlier.id, earlier.campaignId);
      return { replayed: true, caseId: earlier.id, status: earlier.status };
    }
  }
  if (Date.now() > campaign.submissionDeadline.getTime()) throw conflict('deadline-passed');
  const name = n.category === 'team' ? n.team.name : n.nominee.name;
  if (await db.honouree.findUnique({ where: { lookupKey: honoureeKey(n.category, name, n.recommendingUnit) } })) throw conflict('previously-honoured');
  const activeNomineeKey = nomineeIdentity(campaign.id, n);
  if (await db.case.findUnique({ where: { activeNomineeKey } })) throw conflict('duplicate-nomination');
  const quota = quotaOf(campaign, user, n);
  if (quota) {
    // The row must exist before the conditional increment below; two first submissions may race to create it.
    await db.quotaUsage
      .upsert({ where: { campaignId_unitKey: { campaignId: campaign.id, unitKey: quota.unitKey } }, create: { campaignId: campaign.id, unitKey: quota.unitKey }, update: {} })
      .catch((err) => {
        if (!isUniqueViolation(err)) throw err;
      });
  }

  const caseId = randomUUID();
  const accessToken = n.channel === 'self' ? newToken('la') : undefined;
  const language = n.language ?? DEFAULT_LANGUAGE;
  const nomineeName = name;
  const mail = renderStatusEmail({
    status: 'seal-check',
    language,
    caseId,
    nomineeName,
    campaignTitle: campaign.title,
    statusUrl: `${config.publicUrl}/status?case=${caseId}`,
    accessToken,
  });

  try {
    await db.$transaction(async (tx) => {
      if (quota) {
        // A conditional increment: concurrent submissions from one unit serialise on this row, and the last slot goes once.
        const took = await tx.quotaUsage.updateMany({
          where: { campaignId: campaign.id, unitKey: quota.unitKey, used: { lt: quota.limit } },
          data: { used: { increment: 1 } },
        });
        if (took.count === 0) throw conflict('quota-exhausted');
      }
      await tx.case.create({
        data: {
          id: caseId,
          campaignId: campaign.id,
          workflowId: caseWorkflowId(caseId),
          channel: n.channel,
          category: n.category,
          field: n.field,
          recommendingUnit: n.recommendingUnit,
          submittedByUserId: user?.id ?? null,
          idempotencyKey,
          applicantEmail: n.applicantEmail,
          language,
          nomineeName,
          form: JSON.stringify(n),
          mediaAwardCount: n.mediaAwards.length,
          quotaKey: quota?.unitKey ?? null,
          activeNomineeKey,
          accessTokenHash: accessToken ? tokenHash(accessToken) : null,
          status: 'seal-check',
        },
      });
      await tx.sealedForm.create({ data: { id: randomUUID(), caseId, ...s.file } });
      // The workflow's first step (seq 1) finds this row by its key and delivers it.
      await tx.outbox.create({
        data: { id: randomUUID(), key: `${caseId}:1:status:seal-check:${n.applicantEmail}`, caseId, template: 'status:seal-check', recipient: n.applicantEmail, ...mail },
      });
    });
  } catch (err) {
    const raced = idempotencyKey && (await db.case.findUnique({ where: { idempotencyKey } }));
    if (raced) return { replayed: true, caseId: raced.id, status: raced.status };
    if (isUniqueViolation(err) && (await db.case.findUnique({ where: { activeNomineeKey } }))) throw conflict('duplicate-nomination');
    throw err;
  }

  await appendAudit(db, {
    actorId: user?.id ?? `applicant:${caseId}`,
    action: 'nomination-submitted',
    caseId,
    details: { campaignId: campaign.id, channel: n.channel, category: n.category, field: n.field, recommendingUnit: n.recommendingUnit, sealedFormSha256: s.file.sha256, ...(quota && { quota: quota.unitKey }) },
  });
  await startCaseWorkflow(temporal, config, caseId, campaign.id);
  return { replayed: false, caseId, status: 'seal-check', ...(accessToken && { accessToken }) };
}
