import type { Client } from '@temporalio/client';
import { createHash, randomUUID } from 'node:crypto';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { renderStatusEmail } from '../activities/mail-templates';
import { CHANNEL_UNIT_KINDS, DEFAULT_LANGUAGE } from '../domain/channels';
import type { NominationBody } from '../domain/schemas';
import { caseWorkflowId } from '../workflows/messages';
import { nominationWorkflow } from '../workflows/nomination';
import { HttpError, conflict, forbidden, notFound, unauthorized, unprocessable } from './errors';
import type { Principal } from './principal';
import { newToken, tokenHash } from './tokens';
import type { StoredFile } from './uploads';

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
    throw new HttpError(503, 'temporarily-unavailable', (err as Error).message);
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

  const caseId = randomUUID();
  const accessToken = n.channel === 'self' ? newToken('la') : undefined;
  const language = n.language ?? DEFAULT_LANGUAGE;
  const nomineeName = n.category === 'team' ? (n.team?.name ?? '') : (n.nominee?.name ?? '');
  const mail = renderStatusEmail({
    status: 'seal-check',
    language,
    caseId,
    nomineeName,
    campaignTitle: campaign.title,
    statusUrl: `${config.publicUrl}/api/nominations/${caseId}`,
    accessToken,
  });

  try {
    await db.$transaction(async (tx) => {
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
    throw err;
  }

  await startCaseWorkflow(temporal, config, caseId, campaign.id);
  return { replayed: false, caseId, status: 'seal-check', ...(accessToken && { accessToken }) };
}
