import { ApplicationFailure } from '@temporalio/activity';
import { appendAuditEntry } from '../db/audit-log';
import type { Db, Tx } from '../db/client';
import type { Language } from '../domain/channels';
import { FIELDS, isFieldCode } from '../domain/fields';
import type { CaseStatus } from '../domain/statuses';
import { isTerminal } from '../domain/statuses';
import type { TaskKind } from '../domain/tasks';
import { REVIEW_STEPS, candidateGroup } from '../domain/tasks';
import { createCompensations } from './compensations';
import type { CaseActivities, CaseSettings, CaseStep, CommitteeVote } from '../workflows/contract';
import { queueEmail } from './outbox';
import { renderStatusEmail } from '../mail/templates';
import type { Mailer } from '../mail/mailer';

/** Objections, investigations and incidents are due a week after they open. */
const SIDE_TASK_DAYS = 7;

function isReviewStep(kind: TaskKind): boolean {
  return (REVIEW_STEPS as readonly string[]).includes(kind);
}

export interface CaseActivityDeps {
  db: Db;
  mailer: Mailer;
  mailFrom: string;
  publicUrl: string;
}

function settingsOf(c: { submissionDeadline: Date; reviewDeadline: Date; deadlinesVersion: number; committeeQuorum: number }): CaseSettings {
  return {
    submissionDeadline: c.submissionDeadline.toISOString(),
    reviewDeadline: c.reviewDeadline.toISOString(),
    deadlinesVersion: c.deadlinesVersion,
    committeeQuorum: c.committeeQuorum,
  };
}

export function createCaseActivities(deps: CaseActivityDeps): CaseActivities {
  const { db, mailer, mailFrom, publicUrl } = deps;
  async function writeStep(tx: Tx, step: CaseStep): Promise<{ outboxIds: string[]; settings: CaseSettings }> {
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
      if (!kase) throw ApplicationFailure.create({ type: 'case-not-found', message: `case ${step.caseId} is not in the database`, nonRetryable: true });
      const existing = await tx.outbox.findMany({ where: { key: { startsWith: `${step.caseId}:${step.seq}:` } } });
      return { outboxIds: existing.map((o) => o.id), settings: settingsOf(kase.campaign) };
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
      const fieldLabel = isFieldCode(kase.field) ? FIELDS[kase.field].zh : kase.field;
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

    const settings = settingsOf(kase.campaign);
    if (step.notify === false) return { outboxIds: [], settings };
    const template = `status:${step.status}`;
    const key = `${kase.id}:${step.seq}:${template}:${kase.applicantEmail}`;
    const mail = renderStatusEmail({
      status: step.status,
      language: kase.language as Language,
      caseId: kase.id,
      nomineeName: kase.nomineeName,
      campaignTitle: kase.campaign.title,
      note: step.note,
      statusUrl: `${publicUrl}/status?case=${kase.id}`,
      noticeEndsAt: kase.campaign.noticeEndsAt,
    });
    // For the first step the API has queued the confirmation itself (it alone holds the access token): found by its key.
    const outboxId = await queueEmail(tx, { key, caseId: kase.id, template, recipient: kase.applicantEmail, ...mail });
    return { outboxIds: [outboxId], settings };
  }

  return {
    async recordCaseStep(step: CaseStep): Promise<{ outboxIds: string[]; settings: CaseSettings }> {
      return db.$transaction((tx) => writeStep(tx, step));
    },

    /** One committee member's vote; a retry finds it already there. */
    async recordVote(v: CommitteeVote): Promise<void> {
      const data = { caseId: v.caseId, decision: v.decision, score: v.score ?? null, comment: v.comment ?? null, at: new Date(v.at) };
      await db.committeeVote.upsert({
        where: { taskId_memberId: { taskId: v.taskId, memberId: v.memberId } },
        create: { id: `${v.taskId}.${v.memberId}`, taskId: v.taskId, memberId: v.memberId, ...data },
        update: {},
      });
    },

    ...createCompensations(deps),

    /**
     * Records the committee's approval and puts the case in the selection pool — unless the round
     * has closed already, which the caller then settles as not selected. The campaign row is
     * written first so this and the round's closing never interleave.
     */
    async enterSelectionPool(step: CaseStep): Promise<{ outboxIds: string[]; settings: CaseSettings; roundClosed: boolean }> {
      return db.$transaction(async (tx) => {
        const campaign = await tx.campaign.update({ where: { id: step.campaignId }, data: { selectionLock: { increment: 1 } } });
        const written = await writeStep(tx, step);
        return { ...written, roundClosed: campaign.roundClosedAt !== null };
      });
    },

    /**
     * Sends one queued email; a message recorded as sent is never sent again. The attempt is
     * counted before the SMTP conversation, so a resend after a crash is visible: if a worker dies
     * between the server's acceptance and our record of it, the retry sends the message again
     * under the same Message-ID (SMTP offers nothing better than at-least-once at that boundary).
     */
    async deliverEmail(outboxId: string): Promise<void> {
      const row = await db.outbox.findUnique({ where: { id: outboxId } });
      if (!row) throw ApplicationFailure.create({ type: 'outbox-missing', message: `no outbox row ${outboxId}`, nonRetryable: true });
      if (row.status === 'sent' || row.status === 'failed') return;
      await db.outbox.update({ where: { id: row.id }, data: { status: 'sending', attempts: { increment: 1 } } });
      try {
        await mailer.send({ from: mailFrom, to: row.recipient, subject: row.subject, text: row.text, messageId: `<${row.id}@laurel>` });
      } catch (err) {
        const lastError = String((err as Error).message).slice(0, 500);
        // A 5xx reply is the server's final word (e.g. the address does not exist): retrying would
        // only hold the case back, so the email is marked failed for the secretariat to see.
        if (isPermanentSmtpRefusal(err)) {
          await db.outbox.update({ where: { id: row.id }, data: { status: 'failed', lastError } });
          await appendAuditEntry(db, { action: 'email-failed', caseId: row.caseId, details: { key: row.key, recipient: row.recipient, template: row.template, error: lastError } });
          return;
        }
        await db.outbox.update({ where: { id: row.id }, data: { status: 'pending', lastError } });
        throw err;
      }
      const marked = await db.outbox.updateMany({ where: { id: row.id, status: { not: 'sent' } }, data: { status: 'sent', sentAt: new Date(), lastError: null } });
      if (marked.count === 1) {
        await appendAuditEntry(db, { action: 'email-sent', caseId: row.caseId, details: { key: row.key, recipient: row.recipient, template: row.template } });
      }
    },
  };
}

function isPermanentSmtpRefusal(err: unknown): boolean {
  const code = (err as { responseCode?: unknown })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
