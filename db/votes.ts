import type { CommitteeVote } from '../workflows/contract';
import { appendAuditEntrySql } from './audit-log';
import type { Db } from './client';
import { directSql } from './client';

/** One committee member's vote, audited in the same transaction; a retry finds it already there. Direct SQL: every vote of every case. */
export async function recordVote(db: Db, v: CommitteeVote): Promise<void> {
  const at = new Date(v.at);
  const id = `${v.taskId}.${v.memberId}`;
  await directSql(db).transaction(async (tx) => {
    if ((await tx.rows('SELECT "id" FROM "CommitteeVote" WHERE "id" = ?', [id])).length > 0) return;
    await tx.run('INSERT INTO "CommitteeVote" ("id", "taskId", "memberId", "caseId", "decision", "score", "comment", "at") VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      id, v.taskId, v.memberId, v.caseId, v.decision, v.score ?? null, v.comment ?? null, at,
    ]);
    await appendAuditEntrySql(tx, {
      actorId: v.memberId,
      action: 'decision',
      caseId: v.caseId,
      at,
      details: { taskId: v.taskId, kind: 'committee-review', decision: v.decision, comment: v.comment, note: v.note, score: v.score },
    });
  });
}

/** The member's decision on the committee task, if they voted: read before every committee decision. */
export async function voteOf(db: Db, taskId: string, memberId: string): Promise<{ decision: string } | null> {
  const [vote] = await directSql(db).rows<{ decision: string }>('SELECT "decision" FROM "CommitteeVote" WHERE "taskId" = ? AND "memberId" = ?', [taskId, memberId]);
  return vote ?? null;
}

export async function votesOfCase(db: Db, caseId: string) {
  return db.committeeVote.findMany({ where: { caseId }, orderBy: { at: 'asc' } });
}
