import type { Db } from '../db/client';
import type { CaseAccessFacts } from '../domain/access';
import { canSeeCase } from '../domain/access';
import { maskPhone } from '../domain/personal-data';
import { notFound, unauthorized } from '../domain/errors';
import type { Principal } from '../domain/access';

export async function caseWithAccessFacts(db: Db, caseId: string) {
  const kase = await db.case.findUnique({
    where: { id: caseId },
    include: { tasks: { orderBy: { createdAt: 'asc' } }, timeline: { orderBy: { seq: 'asc' } }, sealedForms: { orderBy: { uploadedAt: 'desc' } } },
  });
  if (!kase) return null;
  const facts: CaseAccessFacts = {
    id: kase.id,
    field: kase.field,
    channel: kase.channel,
    submittedByUserId: kase.submittedByUserId,
    taskGroups: [...new Set(kase.tasks.map((t) => t.candidateGroup))],
  };
  return { kase, facts };
}

/** The case as its caller may see it; anything else answers 404 so existence does not leak. */
export async function visibleCase(db: Db, principal: Principal | undefined, caseId: string) {
  if (!principal) throw unauthorized();
  const found = await caseWithAccessFacts(db, caseId);
  if (!found || !canSeeCase(principal, found.facts)) throw notFound();
  return found;
}

type LoadedCase = NonNullable<Awaited<ReturnType<typeof caseWithAccessFacts>>>['kase'];
type TaskRow = LoadedCase['tasks'][number];

/** The usernames of whoever claimed these tasks, so lists can say who holds a task. */
export async function claimerNames(db: Db, tasks: { claimedBy: string | null }[]): Promise<Map<string, string>> {
  const ids = [...new Set(tasks.map((t) => t.claimedBy).filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, username: true } });
  return new Map(users.map((u) => [u.id, u.username]));
}

export function taskView(t: TaskRow, claimers?: Map<string, string>) {
  return {
    id: t.id,
    caseId: t.caseId,
    campaignId: t.campaignId,
    kind: t.kind,
    field: t.field,
    status: t.status,
    dueAt: t.dueAt.toISOString(),
    overdue: t.status === 'open' && t.dueAt.getTime() < Date.now(),
    claimedBy: t.claimedBy,
    ...(t.claimedBy && claimers?.has(t.claimedBy) && { claimedByName: claimers.get(t.claimedBy) }),
    createdAt: t.createdAt.toISOString(),
    summary: t.summary,
    ...(t.decision && { decision: t.decision, decidedBy: t.decidedBy, decidedAt: t.decidedAt?.toISOString(), comment: t.comment, score: t.score }),
  };
}

export function caseView(kase: LoadedCase, claimers?: Map<string, string>) {
  const sealedForm = kase.sealedForms[0];
  return {
    caseId: kase.id,
    campaignId: kase.campaignId,
    status: kase.status,
    field: kase.field,
    channel: kase.channel,
    category: kase.category,
    recommendingUnit: kase.recommendingUnit,
    nomineeName: kase.nomineeName,
    submittedAt: kase.submittedAt.toISOString(),
    ...(kase.score !== null && { score: kase.score }),
    ...(kase.rank !== null && { rank: kase.rank }),
    openTasks: kase.tasks.filter((t) => t.status === 'open').map((t) => taskView(t, claimers)),
    timeline: kase.timeline.map((e) => ({ at: e.at.toISOString(), status: e.status, ...(e.note && { note: e.note }) })),
    ...(sealedForm && {
      sealedForm: { sha256: sealedForm.sha256, mediaType: sealedForm.mediaType, size: sealedForm.size, uploadedAt: sealedForm.uploadedAt.toISOString() },
    }),
    nomination: JSON.parse(kase.form) as unknown,
  };
}

/** The phone on the form, masked: lists never show it in full (the case view does, to those who may see the case). */
export function maskedPhoneOf(form: string): string | null {
  const phone = (JSON.parse(form) as { phone?: unknown }).phone;
  return typeof phone === 'string' ? maskPhone(phone) : null;
}
