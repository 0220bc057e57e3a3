import { z } from 'zod';
import type { CaseReading, CaseRecord, TaskRecord } from '../use-cases/nominations';
import { maskedPhoneOf } from '../domain/personal-data';
import { CASE_STATUSES, canReportFraud, canWithdraw } from '../domain/statuses';
import type { CaseStatus } from '../domain/statuses';
import { TASK_KIND_NAMES } from '../domain/tasks';

// What the API answers about cases and tasks, each view beside the schema that documents it.

export const taskSchema = z
  .object({
    id: z.string(), caseId: z.string(), campaignId: z.string(), kind: z.enum(TASK_KIND_NAMES), field: z.string(), status: z.string(),
    dueAt: z.string(), overdue: z.boolean(), claimedBy: z.string().nullable(), claimedByName: z.string().optional(), createdAt: z.string(), summary: z.string(),
    priority: z.int().meta({ description: 'the weight of the highest media award level claimed (national 4 … institutional 1), 0 without awards or once the working group found them unproven' }),
    shortlistPriority: z.boolean().meta({ description: '优先入围: a branch-shortlist task whose case holds a media award; such tasks come first in the inbox' }),
    decision: z.string().optional(), decidedBy: z.string().nullable().optional(), decidedAt: z.string().optional(),
    comment: z.string().nullable().optional().meta({ description: 'what the applicant was told' }),
    score: z.number().nullable().optional(),
    note: z.string().optional().meta({ description: 'the internal note of the decision: staff and auditors only' }),
  })
  .meta({ id: 'Task' });

/** A task as staff read it; `forStaff: false` (the applicant, the unit) leaves out the internal note. */
export function taskView(t: TaskRecord, claimers?: Map<string, string>, forStaff = true) {
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
    priority: t.priority,
    shortlistPriority: t.kind === 'branch-shortlist' && t.priority > 0,
    ...(t.decision && { decision: t.decision, decidedBy: t.decidedBy, decidedAt: t.decidedAt?.toISOString(), comment: t.comment, score: t.score }),
    ...(forStaff && t.note && { note: t.note }),
  };
}

const objectionSchema = z.object({
  id: z.string(), reason: z.string(), contact: z.string().optional(), lodgedAt: z.string(),
  ruling: z.enum(['uphold', 'dismiss']).optional(), ruledAt: z.string().optional(), taskId: z.string().optional(),
});

const eligibilityReviewSchema = z.object({
  id: z.string(), openedAt: z.string(), taskId: z.string().nullable(), ruling: z.string().optional(), ruledAt: z.string().optional(),
  honouree: z.object({ year: z.int(), title: z.string(), category: z.string(), name: z.string(), unit: z.string() }).nullable(),
});

export const caseSchema = z
  .object({
    caseId: z.string(), campaignId: z.string(), status: z.enum(CASE_STATUSES), field: z.string(), channel: z.string(),
    recommendingUnit: z.string(), nomineeUnit: z.string(),
    openTasks: z.array(taskSchema),
    decisions: z.array(taskSchema).optional().meta({ description: 'staff: the decisions taken on the case so far, with their comments and internal notes, oldest first' }),
    timeline: z
      .array(z.object({ at: z.string(), status: z.string(), note: z.string().optional() }))
      .meta({ description: 'staff read every entry; the applicant and the unit read only what is written for them (never an internal note)' }),
    allowed: z.object({ withdraw: z.boolean(), reportFraud: z.boolean() }).meta({ description: 'what the case’s status still allows (who may do it is checked on the call)' }),
    criteria: z.array(z.string()).meta({ description: 'the campaign’s criteria (推荐条件) the reviewers judge against' }),
    awardsVerified: z.boolean().nullable().meta({ description: 'the working group’s check of the media awards: null until made' }),
    votesNeeded: z.int().optional().meta({ description: 'staff, in committee review: the votes this case needs — the campaign’s quorum, never more than the members who may vote on it (recusal counted)' }),
    objections: z.array(objectionSchema).optional().meta({ description: 'secretariat and auditors: every objection in full' }),
    eligibilityReviews: z.array(eligibilityReviewSchema).optional().meta({ description: 'secretariat and auditors: the registry entries the case was checked against after an import' }),
  })
  .meta({ id: 'Case' });

const iso = (d: Date | null | undefined) => d?.toISOString();

export function caseView({ kase, claimers, staff, criteria, objections, eligibilityReviews, votesNeeded }: CaseReading) {
  const sealedForm = kase.sealedForms[0];
  const status = kase.status as CaseStatus;
  return {
    caseId: kase.id,
    campaignId: kase.campaignId,
    status: kase.status,
    field: kase.field,
    channel: kase.channel,
    category: kase.category,
    recommendingUnit: kase.recommendingUnit,
    nomineeUnit: kase.nomineeUnit,
    nomineeName: kase.nomineeName,
    submittedAt: kase.submittedAt.toISOString(),
    ...(kase.score !== null && { score: kase.score }),
    ...(kase.rank !== null && { rank: kase.rank }),
    openTasks: kase.tasks.filter((t) => t.status === 'open').map((t) => taskView(t, claimers, staff)),
    ...(staff && { decisions: kase.tasks.filter((t) => t.decision).map((t) => taskView(t, claimers)) }),
    timeline: kase.timeline.filter((e) => staff || e.forApplicant).map((e) => ({ at: e.at.toISOString(), status: e.status, ...(e.note && { note: e.note }) })),
    allowed: { withdraw: canWithdraw(status), reportFraud: canReportFraud(status) },
    criteria,
    awardsVerified: kase.awardsVerified,
    ...(votesNeeded !== undefined && { votesNeeded }),
    ...(objections && {
      objections: objections.map((o) => ({
        id: o.id, reason: o.reason, ...(o.contact && { contact: o.contact }), lodgedAt: o.lodgedAt.toISOString(),
        ...(o.ruling && { ruling: o.ruling }), ...(o.ruledAt && { ruledAt: iso(o.ruledAt) }), ...(o.taskId && { taskId: o.taskId }),
      })),
    }),
    ...(eligibilityReviews && {
      eligibilityReviews: eligibilityReviews.map((r) => ({
        id: r.id, openedAt: r.openedAt.toISOString(), taskId: r.taskId, ...(r.ruling && { ruling: r.ruling }), ...(r.ruledAt && { ruledAt: iso(r.ruledAt) }),
        honouree: r.honouree && { year: r.honouree.year, title: r.honouree.title, category: r.honouree.category, name: r.honouree.name, unit: r.honouree.unit },
      })),
    }),
    ...(sealedForm && {
      sealedForm: { sha256: sealedForm.sha256, mediaType: sealedForm.mediaType, size: sealedForm.size, uploadedAt: sealedForm.uploadedAt.toISOString() },
    }),
    nomination: JSON.parse(kase.form) as unknown,
  };
}

export const caseListItemSchema = z
  .object({
    caseId: z.string(), campaignId: z.string(), status: z.enum(CASE_STATUSES), field: z.string(), channel: z.string(), category: z.string(),
    nomineeName: z.string(), nomineeUnit: z.string(), recommendingUnit: z.string(), phone: z.string().nullable().meta({ description: 'masked' }), submittedAt: z.string(),
  })
  .meta({ id: 'CaseListItem' });

export function caseListItem(c: Omit<CaseRecord, 'tasks' | 'timeline' | 'sealedForms'>) {
  return {
    caseId: c.id,
    campaignId: c.campaignId,
    status: c.status,
    field: c.field,
    channel: c.channel,
    category: c.category,
    nomineeName: c.nomineeName,
    nomineeUnit: c.nomineeUnit,
    recommendingUnit: c.recommendingUnit,
    phone: maskedPhoneOf(c.form),
    submittedAt: c.submittedAt.toISOString(),
  };
}
