import { ApplicationFailure } from '@temporalio/activity';
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/client';
import type { Language } from '../domain/channels';
import { FIELDS, isFieldCode } from '../domain/fields';
import type { CaseStatus } from '../domain/statuses';
import { isTerminal } from '../domain/statuses';
import type { TaskKind } from '../domain/tasks';
import { candidateGroup } from '../domain/tasks';
import { renderStatusEmail } from './mail-templates';
import type { Mailer } from './mailer';

export interface TaskClosure {
  taskId: string;
  outcome: 'completed' | 'cancelled';
  decision?: string;
  comment?: string;
  score?: number;
  decidedBy?: string;
}

/** One transition of a case, written atomically: timeline, projection, tasks, notice and outbox. */
export interface CaseStep {
  caseId: string;
  campaignId: string;
  /** The workflow's step counter: makes a retried activity a no-op. */
  seq: number;
  at: string;
  status: CaseStatus;
  note?: string;
  actorId?: string;
  closeTask?: TaskClosure;
  openTask?: { taskId: string; kind: TaskKind };
  notice?: 'publish' | 'withdraw';
  score?: number;
  rank?: number;
}

export interface CaseActivityDeps {
  db: Db;
  mailer: Mailer;
  mailFrom: string;
  publicUrl: string;
}

export function createCaseActivities({ db, mailer, mailFrom, publicUrl }: CaseActivityDeps) {
  async function writeStep(tx: Tx, step: CaseStep): Promise<{ outboxIds: string[] }> {
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
      const existing = await tx.outbox.findMany({ where: { key: { startsWith: `${step.caseId}:${step.seq}:` } } });
      if (existing.length === 0 && !(await tx.case.findUnique({ where: { id: step.caseId } })))
        throw ApplicationFailure.create({ type: 'case-not-found', message: `case ${step.caseId} is not in the database`, nonRetryable: true });
      return { outboxIds: existing.map((o) => o.id) };
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
          dueAt: kase.campaign.reviewDeadline,
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

    const template = `status:${step.status}`;
    const key = `${kase.id}:${step.seq}:${template}:${kase.applicantEmail}`;
    // The API queues the confirmation of a submission itself (it alone holds the access token).
    const queued = await tx.outbox.findUnique({ where: { key } });
    if (queued) return { outboxIds: [queued.id] };
    const mail = renderStatusEmail({
      status: step.status,
      language: kase.language as Language,
      caseId: kase.id,
      nomineeName: kase.nomineeName,
      campaignTitle: kase.campaign.title,
      note: step.note,
      statusUrl: `${publicUrl}/api/nominations/${kase.id}`,
      noticeEndsAt: kase.campaign.noticeEndsAt,
    });
    const outbox = await tx.outbox.create({
      data: { id: randomUUID(), key, caseId: kase.id, template, recipient: kase.applicantEmail, ...mail },
    });
    return { outboxIds: [outbox.id] };
  }

  return {
    async recordCaseStep(step: CaseStep): Promise<{ outboxIds: string[] }> {
      return db.$transaction((tx) => writeStep(tx, step));
    },

    /**
     * Records the committee's approval and puts the case in the selection pool — unless the round
     * has closed already, which the caller then settles as not selected. The campaign row is
     * written first so this and the round's closing never interleave.
     */
    async enterSelectionPool(step: CaseStep): Promise<{ outboxIds: string[]; roundClosed: boolean }> {
      return db.$transaction(async (tx) => {
        const campaign = await tx.campaign.update({ where: { id: step.campaignId }, data: { selectionLock: { increment: 1 } } });
        const { outboxIds } = await writeStep(tx, step);
        return { outboxIds, roundClosed: campaign.roundClosedAt !== null };
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
      if (row.status === 'sent') return;
      await db.outbox.update({ where: { id: row.id }, data: { status: 'sending', attempts: { increment: 1 } } });
      try {
        await mailer.send({ from: mailFrom, to: row.recipient, subject: row.subject, text: row.text, messageId: `<${row.id}@laurel>` });
      } catch (err) {
        await db.outbox.update({ where: { id: row.id }, data: { status: 'pending', lastError: String((err as Error).message).slice(0, 500) } });
        throw err;
      }
      await db.outbox.update({ where: { id: row.id }, data: { status: 'sent', sentAt: new Date(), lastError: null } });
    },
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;
