import type { CommitteeVote } from '../workflows/contract';
import type { Db } from './client';

/** One committee member's vote; a retry finds it already there. */
export async function recordVote(db: Db, v: CommitteeVote): Promise<void> {
  const data = { caseId: v.caseId, decision: v.decision, score: v.score ?? null, comment: v.comment ?? null, at: new Date(v.at) };
  await db.committeeVote.upsert({
    where: { taskId_memberId: { taskId: v.taskId, memberId: v.memberId } },
    create: { id: `${v.taskId}.${v.memberId}`, taskId: v.taskId, memberId: v.memberId, ...data },
    update: {},
  });
}

export async function votesOfCase(db: Db, caseId: string) {
  return db.committeeVote.findMany({ where: { caseId }, orderBy: { at: 'asc' } });
}
