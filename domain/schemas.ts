import { z } from 'zod';
import { CHANNELS, LANGUAGES } from './channels';
import { FIELD_CODES } from './fields';
import { isIsoDuration } from './duration';
import { CASE_STATUSES } from './statuses';
import { TASK_KIND_NAMES } from './tasks';

// Request bodies are strict: an unknown field (`status`, `reviewerId`…) is refused, never assigned.

const text = (max: number) => z.string().trim().min(1).max(max);
const offsetDateTime = z.iso.datetime({ offset: true });
const phone = z.string().trim().regex(/^\+?[0-9][0-9 -]{4,19}$/, 'digits, spaces or dashes, 5 to 20 characters');

export const loginBody = z.strictObject({ username: text(64), password: z.string().min(1).max(256) }).meta({ id: 'LoginRequest' });

export const quotasBody = z.strictObject({
  association: z.int().min(2).max(3).default(3).describe('nominees per local association (2–3)'),
  memberUnit: z.int().min(1).max(1).default(1).describe('nominees per council or member unit'),
  branch: z.int().min(1).max(10).default(10).describe('nominees per branch office (at most 10)'),
});

export const createCampaignBody = z
  .strictObject({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes'),
    title: text(200),
    submissionDeadline: offsetDateTime,
    reviewDeadline: offsetDateTime,
    winnerCap: z.int().min(1).max(10_000).default(100),
    publicNoticePeriod: z.string().refine(isIsoDuration, 'an ISO 8601 duration such as P7D or PT30S').default('P7D'),
    committeeQuorum: z.int().min(1).max(50).default(1),
    quotas: quotasBody.prefault({}),
  })
  .refine((c) => Date.parse(c.reviewDeadline) > Date.parse(c.submissionDeadline), {
    path: ['reviewDeadline'],
    message: 'must be after submissionDeadline',
  })
  .meta({ id: 'CreateCampaignRequest' });

export const deadlinesBody = z
  .strictObject({ submissionDeadline: offsetDateTime.optional(), reviewDeadline: offsetDateTime.optional() })
  .refine((d) => d.submissionDeadline !== undefined || d.reviewDeadline !== undefined, {
    message: 'give submissionDeadline, reviewDeadline or both',
  })
  .meta({ id: 'DeadlinesRequest' });

const person = {
  ethnicity: text(40).optional(),
  politicalAffiliation: text(40).optional(),
  post: text(100).optional(),
  title: text(100).optional(),
};
const gender = z.enum(['男', '女', 'male', 'female']);
const age = z.int().min(16).max(90);

const team = z.strictObject({
  name: text(200),
  foundedOn: z.iso.date(),
  contactName: text(100),
  contactPhone: phone,
  memberCount: z.int().min(2).max(10_000),
});

const nominationCommon = {
  channel: z.enum(CHANNELS),
  field: z.enum(FIELD_CODES),
  recommendingUnit: text(200),
  applicantEmail: z.email({ pattern: z.regexes.html5Email }).max(254),
  phone,
  duties: text(2_000),
  story: text(20_000),
  mediaAwards: z
    .array(z.strictObject({ title: text(200), issuer: text(200), year: z.int().min(1949).max(2100) }))
    .max(50)
    .default([]),
  unitOpinion: z.strictObject({ text: text(2_000), sealedOn: z.iso.date() }).optional(),
  language: z.enum(LANGUAGES).optional().describe('language of the status emails; Chinese when absent'),
};

// One schema per category, so every missing field of the chosen category is reported in one answer.
export const nominationBody = z
  .discriminatedUnion('category', [
    z.strictObject({
      ...nominationCommon,
      category: z.literal('individual'),
      nominee: z.strictObject({ name: text(100), gender, age, ...person }),
    }),
    z.strictObject({
      ...nominationCommon,
      category: z.literal('team'),
      team,
      nominee: z.strictObject({ name: text(100).optional(), gender: gender.optional(), age: age.optional(), ...person }).optional(),
    }),
  ])
  .check((ctx) => {
    const n = ctx.value as { channel?: unknown; unitOpinion?: unknown };
    if (n?.channel === 'self' && n.unitOpinion === undefined)
      ctx.issues.push({ code: 'custom', input: n, path: ['unitOpinion'], message: "a self-nomination needs the employer's sealed opinion" });
  })
  .meta({ id: 'Nomination' });

export type NominationBody = z.infer<typeof nominationBody>;

export const completeTaskBody = z
  .strictObject({
    decision: text(40),
    comment: z.string().trim().max(2_000).optional(),
    score: z.number().min(0).max(100).optional(),
  })
  .meta({ id: 'CompleteTaskRequest' });

export const withdrawBody = z.strictObject({ reason: z.string().trim().max(2_000).optional() }).meta({ id: 'WithdrawRequest' });

export const fraudReportBody = z
  .strictObject({ reason: text(2_000), evidence: z.string().trim().max(10_000).optional() })
  .meta({ id: 'FraudReport' });

export const objectionBody = z
  .strictObject({ caseId: text(64), reason: text(2_000), contact: z.string().trim().max(200).optional() })
  .meta({ id: 'Objection' });

export const inboxQuery = z.strictObject({
  kind: z.enum(TASK_KIND_NAMES).optional(),
  field: z.enum(FIELD_CODES).optional(),
  campaignId: text(64).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  claimed: z.enum(['mine', 'none']).optional(),
});

export const caseStatusSchema = z.enum(CASE_STATUSES);

export const auditQuery = z.strictObject({
  caseId: text(64).optional(),
  action: text(64).optional(),
  /** Entries after this id: the next page starts after the last id of the previous one. */
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const caseListQuery = z.strictObject({
  campaignId: text(64).optional(),
  status: caseStatusSchema.optional(),
  field: z.enum(FIELD_CODES).optional(),
});
