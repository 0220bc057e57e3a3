import type { CommitteeVote } from '../workflows/contract';
import { AUDITED_TRANSACTION, appendAuditEntryIn } from './audit-log';
import type { Db } from './client';
import { onPostgres } from './client';

/** One committee member's vote, audited in the same transaction; a retry finds it already there. */
export async function recordVote(db: Db, v: CommitteeVote): Promise<void> {
  const at = new Date(v.at);
  await db.$transaction(
    async (tx) => {
      const id = `${v.taskId}.${v.memberId}`;
      if (await tx.committeeVote.findUnique({ where: { id }, select: { id: true } })) return;
      await tx.committeeVote.create({ data: { id, taskId: v.taskId, memberId: v.memberId, caseId: v.caseId, decision: v.decision, score: v.score ?? null, comment: v.comment ?? null, at } });
      await appendAuditEntryIn(tx, onPostgres(db), {
        actorId: v.memberId,
        action: 'decision',
        caseId: v.caseId,
        at,
        details: { taskId: v.taskId, kind: 'committee-review', decision: v.decision, comment: v.comment, note: v.note, score: v.score },
      });
    },
    AUDITED_TRANSACTION,
  );
}

export async function voteOf(db: Db, taskId: string, memberId: string) {
  return db.committeeVote.findUnique({ where: { taskId_memberId: { taskId, memberId } } });
}

export async function votesOfCase(db: Db, caseId: string) {
  return db.committeeVote.findMany({ where: { caseId }, orderBy: { at: 'asc' } });
}
