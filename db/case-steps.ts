import { isTerminal } from '../domain/statuses';
import type { CampaignField } from '../domain/campaign-config';
import { caseQuorum, fieldName } from '../domain/campaign-config';
import type { TaskKind } from '../domain/tasks';
import { REVIEW_STEPS, candidateGroup } from '../domain/tasks';
import { statusTemplate } from '../mail/outbox-key';
import type { CaseSettings, CaseStep, StepOutcome } from '../workflows/contract';
import type { Db, Tx } from './client';
import { committeeWithUnits } from './committee';
import { emailsOfStep, queueEmail } from './outbox';

/** Objections, investigations and incidents are due a week after they open. */
const SIDE_TASK_DAYS = 7;

function isReviewStep(kind: TaskKind): boolean {
  return (REVIEW_STEPS as readonly string[]).includes(kind);
}

export class CaseNotFound extends Error {
  constructor(readonly caseId: string) {
    super(`case ${caseId} is not in the database`);
  }
}

type StepCase = NonNullable<Awaited<ReturnType<Tx['case']['findUnique']>>> & { campaign: { title: string; noticeEndsAt: Date | null } };

/** The status email of a step, as the applicant reads it. */
export type StatusMailFor = (kase: StepCase, step: CaseStep) => { subject: string; text: string };

/** What the case's workflow needs of its campaign; the committee's quorum counted for this case, recusals included. */
async function settingsOf(tx: Tx, kase: { campaignId: string; recommendingUnit: string; campaign: { submissionDeadline: Date; reviewDeadline: Date; deadlinesVersion: number; committeeQuorum: number } }): Promise<CaseSettings> {
  const c = kase.campaign;
  return {
    submissionDeadline: c.submissionDeadline.toISOString(),
    reviewDeadline: c.reviewDeadline.toISOString(),
    deadlinesVersion: c.deadlinesVersion,
    committeeQuorum: caseQuorum(await committeeWithUnits(tx, kase.campaignId), c.committeeQuorum, kase.recommendingUnit),
  };
}

/**
 * One transition of a case, written atomically: timeline, projection, tasks, notice and outbox.
 * Keyed by the workflow's step number: a retried activity finds its step written and changes nothing.
 */
async function writeStep(tx: Tx, step: CaseStep, mailFor: StatusMailFor): Promise<StepOutcome> {
  const at = new Date(step.at);
  // A write first: on SQLite it takes the lock at once, and it tells whether this step is new.
  const applied = await tx.case.updateMany({
    where: { id: step.caseId, lastSeq: { lt: step.seq } },
    data: {
      status: step.status,
      lastSeq: step.seq,
      ...(step.score !== undefined && { score: step.score }),
      ...(step.rank !== undefined && { rank: step.rank }),
      ...(isTerminal(step.status) && { closedAt: at }),
    },
  });
  if (applied.count === 0) {
    const kase = await tx.case.findUnique({ where: { id: step.caseId }, include: { campaign: true } });
    if (!kase) throw new CaseNotFound(step.caseId);
    return { outboxIds: await emailsOfStep(tx, step.caseId, step.seq), settings: await settingsOf(tx, kase) };
  }

  const kase = await tx.case.findUniqueOrThrow({ where: { id: step.caseId }, include: { campaign: true } });
  await tx.timelineEntry.create({
    data: { id: `${step.caseId}.${step.seq}`, caseId: step.caseId, seq: step.seq, at, status: step.status, note: step.note ?? null, actorId: step.actorId ?? null },
  });

  if (step.status === 'withdrawn' || step.status === 'expired') {
    // The unit gets its slot back and the nominee may be put forward again; disqualification keeps both taken.
    if (kase.quotaKey)
      await tx.quotaUsage.updateMany({ where: { campaignId: kase.campaignId, unitKey: kase.quotaKey, used: { gt: 0 } }, data: { used: { decrement: 1 } } });
    await tx.case.update({ where: { id: kase.id }, data: { activeNomineeKey: null } });
  }

  if (step.closeTask) {
    const c = step.closeTask;
    await tx.task.updateMany({
      where: { id: c.taskId, status: 'open' },
      data: {
        status: c.outcome,
        decision: c.decision ?? null,
        comment: c.comment ?? null,
        score: c.score ?? null,
        decidedBy: c.decidedBy ?? null,
        decidedAt: at,
      },
    });
  }

  if (step.cancelTasks?.length)
    await tx.task.updateMany({ where: { id: { in: step.cancelTasks }, status: 'open' }, data: { status: 'cancelled', decidedAt: at } });

  if (step.subject) {
    const { kind, id, ruling } = step.subject;
    const data = ruling ? { ruling, ruledAt: at } : { taskId: step.openTask?.taskId ?? null };
    if (kind === 'objection') await tx.objection.update({ where: { id }, data });
    else await tx.fraudReport.update({ where: { id }, data });
  }

  if (step.openTask) {
    const { taskId, kind } = step.openTask;
    const fieldLabel = fieldName(JSON.parse(kase.campaign.fields) as CampaignField[], kase.field, 'zh-CN');
    await tx.task.create({
      data: {
        id: taskId,
        caseId: kase.id,
        campaignId: kase.campaignId,
        kind,
        field: kase.field,
        candidateGroup: candidateGroup(kind, kase.field),
        status: 'open',
        summary: `${kase.nomineeName} · ${kase.recommendingUnit} · ${fieldLabel}`,
        priority: kase.mediaAwardCount,
        dueAt: isReviewStep(kind) ? kase.campaign.reviewDeadline : new Date(at.getTime() + SIDE_TASK_DAYS * 86_400_000),
        createdAt: at,
      },
    });
  }

  if (step.notice === 'publish') {
    const form = JSON.parse(kase.form) as { team?: { name: string } };
    const entry = { campaignId: kase.campaignId, name: form.team?.name ?? kase.nomineeName, unit: kase.recommendingUnit, field: kase.field, category: kase.category };
    await tx.noticeEntry.upsert({
      where: { caseId: kase.id },
      create: { caseId: kase.id, ...entry, publishedAt: at },
      update: { ...entry, publishedAt: at, withdrawnAt: null },
    });
  } else if (step.notice === 'withdraw') {
    await tx.noticeEntry.updateMany({ where: { caseId: kase.id, withdrawnAt: null }, data: { withdrawnAt: at } });
  }

  const settings = await settingsOf(tx, kase);
  if (step.notify === false) return { outboxIds: [], settings };
  const template = statusTemplate(step.status);
  const mail = mailFor(kase, step);
  // For the first step the API has queued the confirmation itself (it alone holds the access token): found by its key.
  const outboxId = await queueEmail(tx, { about: kase.id, occasion: step.seq, template, recipient: kase.applicantEmail, caseId: kase.id, ...mail });
  return { outboxIds: [outboxId], settings };
}

export function recordCaseStep(db: Db, step: CaseStep, mailFor: StatusMailFor): Promise<StepOutcome> {
  return db.$transaction((tx) => writeStep(tx, step, mailFor));
}

/**
 * Records the committee's approval and puts the case in the selection pool, and tells whether the
 * round has closed already. The campaign row is written first so this and the round's closing
 * never interleave.
 */
export function enterSelectionPool(db: Db, step: CaseStep, mailFor: StatusMailFor): Promise<StepOutcome & { roundClosed: boolean }> {
  return db.$transaction(async (tx) => {
    const campaign = await tx.campaign.update({ where: { id: step.campaignId }, data: { selectionLock: { increment: 1 } } });
    const written = await writeStep(tx, step, mailFor);
    return { ...written, roundClosed: campaign.roundClosedAt !== null };
  });
}
