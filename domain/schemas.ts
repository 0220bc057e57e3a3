import { AWARD_LEVELS } from './awards';
import { z } from 'zod';
import { CHANNELS, LANGUAGES } from './channels';
import { NOMINATING_CHANNELS } from './campaign-config';
import { ROLES } from './roles';
import { isIsoDuration } from './duration';
import { CASE_STATUSES } from './statuses';
import { TASK_KIND_NAMES } from './tasks';

// Request bodies are strict: an unknown field (`status`, `reviewerId`…) is refused, never assigned.

/** Names, titles, units, ids: one line, so no line break or tab (the edge refuses other control characters everywhere). */
const ONE_LINE = /^[^\t\n\r\u2028\u2029]*$/;
const text = (max: number) => z.string().trim().min(1).max(max).regex(ONE_LINE, 'msg:single-line');
/** Free text that may run over lines: duties, a story, criteria, reasons. */
const prose = (max: number) => z.string().trim().min(1).max(max);
const offsetDateTime = z.iso.datetime({ offset: true });
const phone = z.string().trim().regex(/^\+?[0-9][0-9 -]{4,19}$/, 'msg:phone-format');

export const loginBody = z.strictObject({ username: text(64), password: z.string().min(1).max(256) }).meta({ id: 'LoginRequest' });

/** Codes of fields and unit kinds: what routes tasks and names groups, so they never change meaning. */
const code = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'msg:code-format');
const uniqueBy = <T>(key: (t: T) => string) => (items: T[]) => new Set(items.map(key)).size === items.length;

const campaignField = z.strictObject({ code, name: text(40), nameEn: text(80).optional() });
const unitKind = z.strictObject({
  code,
  name: text(60),
  channel: z.enum(NOMINATING_CHANNELS),
  quota: z.int().min(1).max(1000).describe('nominations each unit of this kind may make'),
});

/** A campaign's settings: every one may change later, within what its cases allow. */
const campaignSettings = {
  title: text(200),
  winnerCap: z.int().min(1).max(10_000),
  publicNoticePeriod: z.string().refine(isIsoDuration, 'msg:iso-duration'),
  fields: z.array(campaignField).min(1).max(100).refine(uniqueBy((f: { code: string }) => f.code), 'msg:duplicate-code').describe('the business fields (default: the national notice’s 13)'),
  unitKinds: z.array(unitKind).min(1).max(20).refine(uniqueBy((k: { code: string }) => k.code), 'msg:duplicate-code').describe('which kinds of unit may nominate, through which channel, how many each'),
  criteria: z.array(prose(1000)).max(30).describe('the conditions reviewers judge against, shown on every decision form'),
  committee: z.array(text(64)).max(100).refine(uniqueBy((id: string) => id), 'msg:duplicate-member').describe('user ids (default: every committee account)'),
  committeeQuorum: z.int().min(1).max(100).describe('votes a case needs (default: a majority of the committee)'),
  selfNomination: z.boolean(),
};

const quorumWithinCommittee = (c: { committee?: string[]; committeeQuorum?: number }) =>
  c.committee === undefined || c.committeeQuorum === undefined || c.committeeQuorum <= c.committee.length;

/** The v1 quotas of the national unit kinds, still accepted. */
export const quotasBody = z.strictObject({
  association: z.int().min(1).max(1000).default(3).describe('nominees per local association'),
  memberUnit: z.int().min(1).max(1000).default(1).describe('nominees per council or member unit'),
  branch: z.int().min(1).max(1000).default(10).describe('nominees per branch office'),
});

export const createCampaignBody = z
  .strictObject({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'msg:campaign-code-format'),
    title: campaignSettings.title,
    submissionDeadline: offsetDateTime,
    reviewDeadline: offsetDateTime,
    winnerCap: campaignSettings.winnerCap.optional().describe('default: the copied campaign’s, else 100'),
    publicNoticePeriod: campaignSettings.publicNoticePeriod.optional().describe('default: the copied campaign’s, else P7D'),
    fields: campaignSettings.fields.optional(),
    unitKinds: campaignSettings.unitKinds.optional(),
    criteria: campaignSettings.criteria.optional(),
    committee: campaignSettings.committee.optional(),
    committeeQuorum: campaignSettings.committeeQuorum.optional(),
    selfNomination: campaignSettings.selfNomination.optional().describe('default: the copied campaign’s, else true'),
    quotas: quotasBody.optional().describe('v1: the quotas of the national unit kinds; unitKinds replaces it'),
    copyFrom: text(64).optional().describe('an earlier campaign whose settings this one starts from (next year’s edition)'),
  })
  .refine((c) => Date.parse(c.reviewDeadline) > Date.parse(c.submissionDeadline), { path: ['reviewDeadline'], message: 'msg:after-submission-deadline' })
  .refine(quorumWithinCommittee, { path: ['committeeQuorum'], message: 'msg:quorum-above-committee' })
  .meta({ id: 'CreateCampaignRequest' });

export type CreateCampaign = z.output<typeof createCampaignBody>;

export const updateCampaignBody = z
  .strictObject({
    title: campaignSettings.title.optional(),
    winnerCap: campaignSettings.winnerCap.optional(),
    publicNoticePeriod: campaignSettings.publicNoticePeriod.optional(),
    fields: campaignSettings.fields.optional(),
    unitKinds: campaignSettings.unitKinds.optional(),
    criteria: campaignSettings.criteria.optional(),
    committee: campaignSettings.committee.optional(),
    committeeQuorum: campaignSettings.committeeQuorum.optional(),
    selfNomination: campaignSettings.selfNomination.optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'msg:nothing-to-change' })
  .refine(quorumWithinCommittee, { path: ['committeeQuorum'], message: 'msg:quorum-above-committee' })
  .meta({ id: 'UpdateCampaignRequest' });

export type UpdateCampaign = z.output<typeof updateCampaignBody>;

export const deadlinesBody = z
  .strictObject({ submissionDeadline: offsetDateTime.optional(), reviewDeadline: offsetDateTime.optional() })
  .refine((d) => d.submissionDeadline !== undefined || d.reviewDeadline !== undefined, { message: 'msg:one-deadline-at-least' })
  .meta({ id: 'DeadlinesRequest' });

export const announcementBody = z.strictObject({ at: offsetDateTime.optional() }).meta({ id: 'AnnouncementRequest' });

/** A close while cases are still in review is refused unless forced: those cases then cannot be selected. */
export const closeRoundBody = z.strictObject({ force: z.boolean().optional() }).meta({ id: 'CloseRoundRequest' });

// ---- units and accounts

export const createUnitBody = z.strictObject({ name: text(200), kind: code }).meta({ id: 'CreateUnitRequest' });
export const updateUnitBody = z.strictObject({ name: text(200) }).meta({ id: 'UpdateUnitRequest' });

export const USERNAME = /^[A-Za-z0-9._-]{3,64}$/;
const email = z.email({ pattern: z.regexes.html5Email }).max(254);

const accountFields = {
  displayName: text(100),
  email,
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).refine(uniqueBy((r: string) => r), 'msg:duplicate-code'),
  fields: z.array(code).max(100).refine(uniqueBy((f: string) => f), 'msg:duplicate-code'),
  campaigns: z.array(text(64)).max(100).describe('the campaigns a reviewer serves; empty: every campaign'),
  unitId: text(64),
};

export const createUserBody = z
  .strictObject({
    username: z.string().regex(USERNAME, 'msg:username-format'),
    displayName: accountFields.displayName,
    email: accountFields.email,
    roles: accountFields.roles,
    fields: accountFields.fields.default([]),
    campaigns: accountFields.campaigns.default([]),
    unitId: accountFields.unitId.optional(),
  })
  .meta({ id: 'CreateUserRequest' });

export type CreateUser = z.output<typeof createUserBody>;

export const updateUserBody = z
  .strictObject({
    displayName: accountFields.displayName.optional(),
    email: accountFields.email.optional(),
    roles: accountFields.roles.optional(),
    fields: accountFields.fields.optional(),
    campaigns: accountFields.campaigns.optional(),
    unitId: accountFields.unitId.nullable().optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'msg:nothing-to-change' })
  .meta({ id: 'UpdateUserRequest' });

export type UpdateUser = z.output<typeof updateUserBody>;

export const setPasswordBody = z.strictObject({ token: text(200), password: z.string().min(1).max(1024) }).meta({ id: 'SetPasswordRequest' });
export const passwordLinkBody = z.strictObject({ token: text(200) }).meta({ id: 'PasswordLinkRequest' });
export const passwordResetBody = z.strictObject({ username: text(64) }).meta({ id: 'PasswordResetRequest' });

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
  field: code.describe('one of the campaign’s business fields'),
  recommendingUnit: text(200).describe('the unit that puts the nomination forward'),
  nomineeUnit: text(200).describe('所在单位: the nominee’s own employer; for a team, the unit it belongs to'),
  applicantEmail: z.email({ pattern: z.regexes.html5Email }).max(254),
  phone,
  duties: prose(2_000),
  story: prose(20_000),
  mediaAwards: z
    .array(z.strictObject({ title: text(200), issuer: text(200), year: z.int().min(1949).max(2100), level: z.enum(AWARD_LEVELS).optional().describe('national, provincial, municipal or institutional') }))
    .max(50)
    .default([]),
  unitOpinion: z.strictObject({ text: prose(2_000), sealedOn: z.iso.date() }).optional(),
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
      ctx.issues.push({ code: 'custom', input: n, path: ['unitOpinion'], message: 'msg:self-nomination-opinion' });
  })
  .meta({ id: 'Nomination' });

export type NominationBody = z.infer<typeof nominationBody>;

export const completeTaskBody = z
  .strictObject({
    decision: text(40),
    comment: z.string().trim().max(2_000).optional().describe('what the applicant is told: emailed to them and shown on their status page'),
    note: z.string().trim().max(2_000).optional().describe('internal: read by staff and auditors only'),
    score: z.number().min(0).max(100).optional(),
    awardsVerified: z.boolean().optional().describe('field review only: whether the media awards claimed are real; false takes away their priority at the shortlist'),
  })
  .meta({ id: 'CompleteTaskRequest' });

export const withdrawBody = z.strictObject({ reason: z.string().trim().max(2_000).optional() }).meta({ id: 'WithdrawRequest' });

export const fraudReportBody = z
  .strictObject({ reason: prose(2_000), evidence: z.string().trim().max(10_000).optional() })
  .meta({ id: 'FraudReport' });

export const objectionBody = z
  .strictObject({ caseId: text(64), reason: prose(2_000), contact: z.string().trim().max(200).regex(ONE_LINE, 'msg:single-line').optional() })
  .meta({ id: 'Objection' });

/** A search: the nominee's name or the case number, any part of it. */
const search = z.string().trim().min(1).max(100).optional().describe('part of the nominee’s name or of the case number');

export const inboxQuery = z.strictObject({
  q: search,
  kind: z.enum(TASK_KIND_NAMES).optional(),
  field: code.optional(),
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
  q: search,
  campaignId: text(64).optional(),
  status: caseStatusSchema.optional(),
  field: code.optional(),
});
