import { z } from 'zod';
import type { CaseRecord, TaskRecord } from '../use-cases/nominations';
import { maskPhone } from '../domain/personal-data';
import { CASE_STATUSES, canReportFraud, canWithdraw } from '../domain/statuses';
import type { CaseStatus } from '../domain/statuses';
import { TASK_KIND_NAMES } from '../domain/tasks';

// What the API answers about cases and tasks, each view beside the schema that documents it.

export const taskSchema = z
  .object({
    id: z.string(), caseId: z.string(), campaignId: z.string(), kind: z.enum(TASK_KIND_NAMES), field: z.string(), status: z.string(),
    dueAt: z.string(), overdue: z.boolean(), claimedBy: z.string().nullable(), claimedByName: z.string().optional(), createdAt: z.string(), summary: z.string(),
  })
  .meta({ id: 'Task' });

export function taskView(t: TaskRecord, claimers?: Map<string, string>) {
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

export const caseSchema = z
  .object({
    caseId: z.string(), campaignId: z.string(), status: z.enum(CASE_STATUSES), field: z.string(), channel: z.string(),
    openTasks: z.array(taskSchema), timeline: z.array(z.object({ at: z.string(), status: z.string(), note: z.string().optional() })),
    allowed: z.object({ withdraw: z.boolean(), reportFraud: z.boolean() }).meta({ description: 'what the case’s status still allows (who may do it is checked on the call)' }),
  })
  .meta({ id: 'Case' });

export function caseView(kase: CaseRecord, claimers?: Map<string, string>) {
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
    nomineeName: kase.nomineeName,
    submittedAt: kase.submittedAt.toISOString(),
    ...(kase.score !== null && { score: kase.score }),
    ...(kase.rank !== null && { rank: kase.rank }),
    openTasks: kase.tasks.filter((t) => t.status === 'open').map((t) => taskView(t, claimers)),
    timeline: kase.timeline.map((e) => ({ at: e.at.toISOString(), status: e.status, ...(e.note && { note: e.note }) })),
    allowed: { withdraw: canWithdraw(status), reportFraud: canReportFraud(status) },
    ...(sealedForm && {
      sealedForm: { sha256: sealedForm.sha256, mediaType: sealedForm.mediaType, size: sealedForm.size, uploadedAt: sealedForm.uploadedAt.toISOString() },
    }),
    nomination: JSON.parse(kase.form) as unknown,
  };
}

export const caseListItemSchema = z
  .object({
    caseId: z.string(), campaignId: z.string(), status: z.enum(CASE_STATUSES), field: z.string(), channel: z.string(), category: z.string(),
    nomineeName: z.string(), recommendingUnit: z.string(), phone: z.string().nullable().meta({ description: 'masked' }), submittedAt: z.string(),
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
    recommendingUnit: c.recommendingUnit,
    phone: maskedPhoneOf(c.form),
    submittedAt: c.submittedAt.toISOString(),
  };
}

/** The phone on the form, masked: lists never show it in full (the case view does, to those who may see the case). */
export function maskedPhoneOf(form: string): string | null {
  const phone = (JSON.parse(form) as { phone?: unknown }).phone;
  return typeof phone === 'string' ? maskPhone(phone) : null;
}
