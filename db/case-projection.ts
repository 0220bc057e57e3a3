import type { Db } from './client';

/** A case as the database holds it, in the shape a replay's reconstruction is compared with. */
export interface CaseProjection {
  status: string;
  lastSeq: number;
  score: number | null;
  rank: number | null;
  timeline: { seq: number; status: string; note: string | null; actorId: string | null }[];
  tasks: { id: string; kind: string; status: string; decision: string | null; comment: string | null; score: number | null; decidedBy: string | null }[];
  votes: { taskId: string; memberId: string; decision: string; score: number | null }[];
}

/** The case's projection: its row, timeline, tasks and committee votes, each in the order written; null for no such case. */
export async function readCaseProjection(db: Db, caseId: string): Promise<CaseProjection | null> {
  const kase = await db.case.findUnique({
    where: { id: caseId },
    include: { timeline: { orderBy: { seq: 'asc' } }, tasks: { orderBy: { createdAt: 'asc' } } },
  });
  if (!kase) return null;
  const votes = await db.committeeVote.findMany({ where: { caseId }, orderBy: { at: 'asc' } });
  return {
    status: kase.status,
    lastSeq: kase.lastSeq,
    score: kase.score,
    rank: kase.rank,
    timeline: kase.timeline.map((t) => ({ seq: t.seq, status: t.status, note: t.note, actorId: t.actorId })),
    tasks: kase.tasks.map((t) => ({ id: t.id, kind: t.kind, status: t.status, decision: t.decision, comment: t.comment, score: t.score, decidedBy: t.decidedBy })),
    votes: votes.map((v) => ({ taskId: v.taskId, memberId: v.memberId, decision: v.decision, score: v.score })),
  };
}
