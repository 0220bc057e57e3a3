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
import { appendAuditEntrySql } from './audit-log';
import type { Db } from './client';
import { directSql } from './client';
import { committeeOf } from './committee';
import type { SqlTx } from './direct-sql';
import { emailsOfStep, queueEmailSql } from './outbox';
import { booleanOf, timeOf, timeOrNullOf } from './raw-values';
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

/** What a step reads of its case and campaign. */
export interface StepCase {
  id: string;
  campaignId: string;
  field: string;
  category: string;
  recommendingUnit: string;
  nomineeUnit: string;
  nomineeName: string;
  form: string;
  quotaKey: string | null;
  unitId: string | null;
  applicantEmail: string;
  language: string;
  awardsVerified: boolean | null;
  campaign: { title: string; fields: string; noticeEndsAt: Date | null; submissionDeadline: Date; reviewDeadline: Date; deadlinesVersion: number; committeeQuorum: number };
}

type StepCaseRow = Omit<StepCase, 'awardsVerified' | 'campaign'> & {
  awardsVerified: boolean | number | null;
  title: string;
  fields: string;
  noticeEndsAt: Date | string | null;
  submissionDeadline: Date | string;
  reviewDeadline: Date | string;
  deadlinesVersion: number;
  committeeQuorum: number;
};

async function stepCase(tx: SqlTx, caseId: string): Promise<StepCase> {
  const [row] = await tx.rows<StepCaseRow>(
    `SELECT c."id", c."campaignId", c."field", c."category", c."recommendingUnit", c."nomineeUnit", c."nomineeName", c."form", c."quotaKey", c."unitId",
            c."applicantEmail", c."language", c."awardsVerified",
            p."title", p."fields", p."noticeEndsAt", p."submissionDeadline", p."reviewDeadline", p."deadlinesVersion", p."committeeQuorum"
     FROM "Case" c JOIN "Campaign" p ON p."id" = c."campaignId" WHERE c."id" = ?`,
    [caseId],
  );
  if (!row) throw new CaseNotFound(caseId);
  const { title, fields, noticeEndsAt, submissionDeadline, reviewDeadline, deadlinesVersion, committeeQuorum, awardsVerified, ...kase } = row;
  return {
    ...kase,
    awardsVerified: awardsVerified === null ? null : booleanOf(awardsVerified),
    campaign: {
      title,
      fields,
      noticeEndsAt: timeOrNullOf(noticeEndsAt),
      submissionDeadline: timeOf(submissionDeadline),
      reviewDeadline: timeOf(reviewDeadline),
      deadlinesVersion,
      committeeQuorum,
    },
  };
}

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
async function settingsOf(tx: SqlTx, kase: StepCase): Promise<CaseSettings> {
  const c = kase.campaign;
  return {
    submissionDeadline: c.submissionDeadline.toISOString(),
    reviewDeadline: c.reviewDeadline.toISOString(),
    deadlinesVersion: c.deadlinesVersion,
    committeeQuorum: caseQuorum(await committeeOf(tx, kase.campaignId), c.committeeQuorum, kase.recommendingUnit),
  };
}

/**
 * One transition of a case, written atomically: timeline, projection, tasks, notice and outbox.
 * Keyed by the workflow's step number: a retried activity finds its step written and changes nothing.
 * Direct SQL (db/direct-sql.ts): every step of every case runs it.
 */
async function writeStep(tx: SqlTx, step: CaseStep, mailFor: StatusMailFor): Promise<StepOutcome> {
  const at = new Date(step.at);
  // A write first: on PostgreSQL it locks the case's row, and it tells whether this step is new.
  const applied = await tx.run(
    `UPDATE "Case" SET "status" = ?, "lastSeq" = ?, "score" = COALESCE(?, "score"), "rank" = COALESCE(?, "rank"), "closedAt" = COALESCE(?, "closedAt"), "updatedAt" = ?
     WHERE "id" = ? AND "lastSeq" < ?`,
    [step.status, step.seq, step.score ?? null, step.rank ?? null, isTerminal(step.status) ? at : null, new Date(), step.caseId, step.seq],
  );
  const kase = await stepCase(tx, step.caseId);
  if (applied === 0) return { outboxIds: await emailsOfStep(tx, step.caseId, step.seq), settings: await settingsOf(tx, kase) };

  await tx.run('INSERT INTO "TimelineEntry" ("id", "caseId", "seq", "at", "status", "note", "forApplicant", "actorId") VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    `${step.caseId}.${step.seq}`, step.caseId, step.seq, at, step.status, step.note ?? null, forApplicant(step), step.actorId ?? null,
  ]);

  if (step.status === 'withdrawn' || step.status === 'expired') {
    // The unit gets its slot back and the nominee may be put forward again; disqualification keeps both taken.
    if (kase.quotaKey)
      await tx.run('UPDATE "QuotaUsage" SET "used" = "used" - 1 WHERE "campaignId" = ? AND "unitKey" = ? AND "used" > 0', [kase.campaignId, kase.quotaKey]);
    await tx.run('UPDATE "Case" SET "activeNomineeKey" = NULL, "updatedAt" = ? WHERE "id" = ?', [new Date(), kase.id]);
  }

  if (step.closeTask) {
    const c = step.closeTask;
    await auditDecision(tx, step, at);
    await tx.run(
      `UPDATE "Task" SET "status" = ?, "decision" = ?, "comment" = ?, "note" = ?, "score" = ?, "decidedBy" = ?, "decidedAt" = ? WHERE "id" = ? AND "status" = 'open'`,
      [c.outcome, c.decision ?? null, c.comment ?? null, c.note ?? null, c.score ?? null, c.decidedBy ?? null, at, c.taskId],
    );
  }

  if (step.closeTask?.awardsVerified !== undefined) {
    await tx.run('UPDATE "Case" SET "awardsVerified" = ?, "updatedAt" = ? WHERE "id" = ?', [step.closeTask.awardsVerified, new Date(), kase.id]);
    kase.awardsVerified = step.closeTask.awardsVerified;
  }

  for (const taskId of step.cancelTasks ?? [])
    await tx.run(`UPDATE "Task" SET "status" = 'cancelled', "decidedAt" = ? WHERE "id" = ? AND "status" = 'open'`, [at, taskId]);

  if (step.subject) {
    const { kind, id, ruling } = step.subject;
    const table = kind === 'objection' ? 'Objection' : kind === 'eligibility' ? 'EligibilityReview' : 'FraudReport';
    const updated = ruling
      ? await tx.run(`UPDATE "${table}" SET "ruling" = ?, "ruledAt" = ? WHERE "id" = ?`, [ruling, at, id])
      : await tx.run(`UPDATE "${table}" SET "taskId" = ? WHERE "id" = ?`, [step.openTask?.taskId ?? null, id]);
    if (updated === 0) throw new Error(`${kind} ${id} of case ${step.caseId} is not in the database`);
  }

  if (step.openTask) {
    const { taskId, kind } = step.openTask;
    const fieldLabel = fieldName(JSON.parse(kase.campaign.fields) as CampaignField[], kase.field, 'zh-CN');
    const dueAt = isReviewStep(kind) ? kase.campaign.reviewDeadline : new Date(at.getTime() + SIDE_TASK_DAYS * 86_400_000);
    await tx.run(
      `INSERT INTO "Task" ("id", "caseId", "campaignId", "kind", "field", "candidateGroup", "status", "summary", "priority", "maskedPhone", "dueAt", "createdAt")
       VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)`,
      [
        taskId, kase.id, kase.campaignId, kind, kase.field, candidateGroup(kind, kase.field),
        `${kase.nomineeName} · ${kase.recommendingUnit} · ${fieldLabel}`,
        awardPriority(mediaAwardsOf(kase.form), kase.awardsVerified), maskedPhoneOf(kase.form) ?? '', dueAt, at,
      ],
    );
  }

  if (step.notice === 'publish') {
    const form = JSON.parse(kase.form) as { team?: { name: string } };
    await tx.run(
      `INSERT INTO "NoticeEntry" ("caseId", "campaignId", "name", "unit", "field", "category", "publishedAt", "withdrawnAt") VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
       ON CONFLICT ("caseId") DO UPDATE SET "campaignId" = excluded."campaignId", "name" = excluded."name", "unit" = excluded."unit", "field" = excluded."field",
         "category" = excluded."category", "publishedAt" = excluded."publishedAt", "withdrawnAt" = NULL`,
      [kase.id, kase.campaignId, form.team?.name ?? kase.nomineeName, kase.nomineeUnit, kase.field, kase.category, at],
    );
  } else if (step.notice === 'withdraw') {
    await tx.run('UPDATE "NoticeEntry" SET "withdrawnAt" = ? WHERE "caseId" = ? AND "withdrawnAt" IS NULL', [at, kase.id]);
  }

  if (step.status === 'announced') await enterRegistry(tx, kase, at);

  const settings = await settingsOf(tx, kase);
  if (step.notify === false) return { outboxIds: [], settings };
  const template = statusTemplate(step.status);
  const mail = mailFor(kase, step);
  // For the first step the API has queued the confirmation itself (it alone holds the access token): found by its key.
  const outboxIds = [await queueEmailSql(tx, { about: kase.id, occasion: step.seq, template, recipient: kase.applicantEmail, caseId: kase.id, ...mail.applicant })];
  if (mail.unit && kase.unitId)
    for (const recipient of await unitAccountEmails(tx, kase.unitId))
      outboxIds.push(await queueEmailSql(tx, { about: kase.id, occasion: step.seq, template: `unit-notice:${step.status}`, recipient, caseId: kase.id, ...mail.unit }));
  return { outboxIds, settings };
}

export function recordCaseStep(db: Db, step: CaseStep, mailFor: StatusMailFor): Promise<StepOutcome> {
  return directSql(db).transaction((tx) => writeStep(tx, step, mailFor));
}

/**
 * A person's decision on a review or side task is audited in the transaction of the step that
 * carries it out: the decision and its audit entry exist together or not at all, however the call
 * that asked for it ended. Committee votes are audited as they are cast (db/votes).
 */
async function auditDecision(tx: SqlTx, step: CaseStep, at: Date) {
  const c = step.closeTask!;
  if (c.outcome !== 'completed' || !c.decidedBy) return;
  const [task] = await tx.rows<{ kind: string; status: string }>('SELECT "kind", "status" FROM "Task" WHERE "id" = ?', [c.taskId]);
  if (!task || task.status !== 'open' || task.kind === 'committee-review') return;
  await appendAuditEntrySql(tx, {
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
  return directSql(db).transaction(async (tx) => {
    const [campaign] = await tx.rows<{ roundClosedAt: Date | string | null }>(
      'UPDATE "Campaign" SET "selectionLock" = "selectionLock" + 1, "updatedAt" = ? WHERE "id" = ? RETURNING "roundClosedAt"',
      [new Date(), step.campaignId],
    );
    if (!campaign) throw new Error(`campaign ${step.campaignId} is not in the database`);
    const written = await writeStep(tx, step, mailFor);
    return { ...written, roundClosed: campaign.roundClosedAt !== null };
  });
}

/** At the announcement the honouree enters the registry of earlier honourees: next year's nominations of them are refused. */
async function enterRegistry(tx: SqlTx, kase: StepCase, at: Date) {
  const form = JSON.parse(kase.form) as { team?: { name: string } };
  const category = kase.category === 'team' ? 'team' : 'individual';
  const name = form.team?.name ?? kase.nomineeName;
  const unit = kase.nomineeUnit;
  await tx.run(
    `INSERT INTO "Honouree" ("id", "lookupKey", "year", "title", "category", "name", "unit", "caseId", "importedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT ("lookupKey") DO NOTHING`,
    [`case-${kase.id}`, honoureeKey(category, name, unit), editionYear(kase.campaign.title, at), kase.campaign.title, category, name, unit, kase.id, at],
  );
}
