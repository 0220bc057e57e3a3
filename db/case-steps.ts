import { awardPriority } from '../domain/awards';
import { isTerminal } from '../domain/statuses';
import type { CampaignField } from '../domain/campaign-config';
import { honoureeKey } from '../domain/honourees';
import { maskedPhoneOf } from '../domain/personal-data';
import { NOTE_LABELS } from '../domain/vocabulary';
import { caseQuorum, fieldName } from '../domain/campaign-config';
import type { TaskKind } from '../domain/tasks';
import { REVIEW_STEPS, candidateGroup } from '../domain/tasks';
import { statusTemplate } from '../mail/outbox-key';
import type { CaseSettings, CaseStep, StepOutcome } from '../workflows/contract';
import { AUDITED_TRANSACTION, appendAuditEntryIn } from './audit-log';
import type { Db, Tx } from './client';
import { onPostgres } from './client';
import { committeeWithUnits } from './committee';
import { emailsOfStep, queueEmail } from './outbox';
import { unitAccountEmails } from './users';

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

type Mail = { subject: string; text: string };

/** The emails of a step: the applicant's status email, and at the announcement the submitting unit's notice. */
export type StatusMailFor = (kase: StepCase, step: CaseStep) => { applicant: Mail; unit?: Mail };

/** A note the applicant may read: a decision's comment on a step they are told of, or a note the vocabulary words for them. */
function forApplicant(step: CaseStep): boolean {
  return step.notify !== false || (step.note !== undefined && step.note in NOTE_LABELS);
}

function mediaAwardsOf(form: string): { level?: string }[] {
  return (JSON.parse(form) as { mediaAwards?: { level?: string }[] }).mediaAwards ?? [];
}

/** The year an honouree is recorded under: the campaign's edition as its title names it (2024年度…), else the year announced. */
function editionYear(title: string, at: Date): number {
  const named = /(\d{4})\s*年/.exec(title);
  return named ? Number(named[1]) : Number(new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
}

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
async function writeStep(tx: Tx, step: CaseStep, mailFor: StatusMailFor, onPg: boolean): Promise<StepOutcome> {
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
    data: { id: `${step.caseId}.${step.seq}`, caseId: step.caseId, seq: step.seq, at, status: step.status, note: step.note ?? null, forApplicant: forApplicant(step), actorId: step.actorId ?? null },
  });

  if (step.status === 'withdrawn' || step.status === 'expired') {
    // The unit gets its slot back and the nominee may be put forward again; disqualification keeps both taken.
    if (kase.quotaKey)
      await tx.quotaUsage.updateMany({ where: { campaignId: kase.campaignId, unitKey: kase.quotaKey, used: { gt: 0 } }, data: { used: { decrement: 1 } } });
    await tx.case.update({ where: { id: kase.id }, data: { activeNomineeKey: null } });
  }

  if (step.closeTask) {
    const c = step.closeTask;
    await auditDecision(tx, onPg, step, at);
    await tx.task.updateMany({
      where: { id: c.taskId, status: 'open' },
      data: {
        status: c.outcome,
        decision: c.decision ?? null,
        comment: c.comment ?? null,
        note: c.note ?? null,
        score: c.score ?? null,
        decidedBy: c.decidedBy ?? null,
        decidedAt: at,
      },
    });
  }

  if (step.closeTask?.awardsVerified !== undefined) {
    await tx.case.update({ where: { id: kase.id }, data: { awardsVerified: step.closeTask.awardsVerified } });
    kase.awardsVerified = step.closeTask.awardsVerified;
  }

  if (step.cancelTasks?.length)
    await tx.task.updateMany({ where: { id: { in: step.cancelTasks }, status: 'open' }, data: { status: 'cancelled', decidedAt: at } });

  if (step.subject) {
    const { kind, id, ruling } = step.subject;
    const data = ruling ? { ruling, ruledAt: at } : { taskId: step.openTask?.taskId ?? null };
    if (kind === 'objection') await tx.objection.update({ where: { id }, data });
    else if (kind === 'eligibility') await tx.eligibilityReview.update({ where: { id }, data });
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
        priority: awardPriority(mediaAwardsOf(kase.form), kase.awardsVerified),
        maskedPhone: maskedPhoneOf(kase.form) ?? '',
        dueAt: isReviewStep(kind) ? kase.campaign.reviewDeadline : new Date(at.getTime() + SIDE_TASK_DAYS * 86_400_000),
        createdAt: at,
      },
    });
  }

  if (step.notice === 'publish') {
    const form = JSON.parse(kase.form) as { team?: { name: string } };
    const entry = { campaignId: kase.campaignId, name: form.team?.name ?? kase.nomineeName, unit: kase.nomineeUnit, field: kase.field, category: kase.category };
    await tx.noticeEntry.upsert({
      where: { caseId: kase.id },
      create: { caseId: kase.id, ...entry, publishedAt: at },
      update: { ...entry, publishedAt: at, withdrawnAt: null },
    });
  } else if (step.notice === 'withdraw') {
    await tx.noticeEntry.updateMany({ where: { caseId: kase.id, withdrawnAt: null }, data: { withdrawnAt: at } });
  }

  if (step.status === 'announced') await enterRegistry(tx, kase, at);

  const settings = await settingsOf(tx, kase);
  if (step.notify === false) return { outboxIds: [], settings };
  const template = statusTemplate(step.status);
  const mail = mailFor(kase, step);
  // For the first step the API has queued the confirmation itself (it alone holds the access token): found by its key.
  const outboxIds = [await queueEmail(tx, { about: kase.id, occasion: step.seq, template, recipient: kase.applicantEmail, caseId: kase.id, ...mail.applicant })];
  if (mail.unit && kase.unitId)
    for (const recipient of await unitAccountEmails(tx, kase.unitId))
      outboxIds.push(await queueEmail(tx, { about: kase.id, occasion: step.seq, template: `unit-notice:${step.status}`, recipient, caseId: kase.id, ...mail.unit }));
  return { outboxIds, settings };
}

export function recordCaseStep(db: Db, step: CaseStep, mailFor: StatusMailFor): Promise<StepOutcome> {
  return db.$transaction((tx) => writeStep(tx, step, mailFor, onPostgres(db)), AUDITED_TRANSACTION);
}

/**
 * A person's decision on a review or side task is audited in the transaction of the step that
 * carries it out: the decision and its audit entry exist together or not at all, however the call
 * that asked for it ended. Committee votes are audited as they are cast (db/votes).
 */
async function auditDecision(tx: Tx, onPg: boolean, step: CaseStep, at: Date) {
  const c = step.closeTask!;
  if (c.outcome !== 'completed' || !c.decidedBy) return;
  const task = await tx.task.findUnique({ where: { id: c.taskId }, select: { kind: true, status: true } });
  if (!task || task.status !== 'open' || task.kind === 'committee-review') return;
  await appendAuditEntryIn(tx, onPg, {
    actorId: c.decidedBy,
    action: 'decision',
    caseId: step.caseId,
    at,
    details: { taskId: c.taskId, kind: task.kind, decision: c.decision, comment: c.comment, note: c.note, score: c.score, awardsVerified: c.awardsVerified },
  });
}

/**
 * Records the committee's approval and puts the case in the selection pool, and tells whether the
 * round has closed already. The campaign row is written first so this and the round's closing
 * never interleave.
 */
export function enterSelectionPool(db: Db, step: CaseStep, mailFor: StatusMailFor): Promise<StepOutcome & { roundClosed: boolean }> {
  return db.$transaction(async (tx) => {
    const campaign = await tx.campaign.update({ where: { id: step.campaignId }, data: { selectionLock: { increment: 1 } } });
    const written = await writeStep(tx, step, mailFor, onPostgres(db));
    return { ...written, roundClosed: campaign.roundClosedAt !== null };
  });
}

/** At the announcement the honouree enters the registry of earlier honourees: next year's nominations of them are refused. */
async function enterRegistry(tx: Tx, kase: StepCase & { category: string; nomineeName: string; nomineeUnit: string }, at: Date) {
  const form = JSON.parse(kase.form) as { team?: { name: string } };
  const category = kase.category === 'team' ? 'team' : 'individual';
  const name = form.team?.name ?? kase.nomineeName;
  const unit = kase.nomineeUnit;
  const lookupKey = honoureeKey(category, name, unit);
  const entry = { year: editionYear(kase.campaign.title, at), title: kase.campaign.title, category, name, unit, caseId: kase.id };
  await tx.honouree.upsert({ where: { lookupKey }, create: { id: `case-${kase.id}`, lookupKey, ...entry, importedAt: at }, update: {} });
}
