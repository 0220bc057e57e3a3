import { z } from 'zod';
import { NATIONAL_CRITERIA, NATIONAL_FIELDS, NATIONAL_UNIT_KINDS } from '../../domain/campaign-config';
import { CASE_STATUSES, canReportFraud, canWithdraw } from '../../domain/statuses';
import { TASK_KINDS, TASK_KIND_NAMES } from '../../domain/tasks';
import {
  AWARD_LEVEL_LABELS,
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  COMPENSATION_LABELS,
  DECISION_LABELS,
  FIELD_LABELS,
  NOTE_LABELS,
  PHASE_LABELS,
  ROLE_LABELS,
  STATUS_LABELS,
  TASK_KIND_LABELS,
} from '../../domain/vocabulary';

/** The vocabulary as the pages read it, so they name things as the domain does and copy no rule. */
export const vocabulary = {
  fields: FIELD_LABELS,
  statuses: STATUS_LABELS,
  taskKinds: Object.fromEntries(TASK_KIND_NAMES.map((kind) => [kind, { ...TASK_KIND_LABELS[kind], ...TASK_KINDS[kind] }])),
  decisions: DECISION_LABELS,
  channels: CHANNEL_LABELS,
  categories: CATEGORY_LABELS,
  roles: ROLE_LABELS,
  notes: NOTE_LABELS,
  compensations: COMPENSATION_LABELS,
  awardLevels: AWARD_LEVEL_LABELS,
  phases: PHASE_LABELS,
  /** What a campaign takes from the national notice when it leaves a setting out. */
  nationalCampaign: { fields: NATIONAL_FIELDS, unitKinds: NATIONAL_UNIT_KINDS, criteria: NATIONAL_CRITERIA },
  /** Which statuses still allow what. */
  statusRules: Object.fromEntries(CASE_STATUSES.map((s) => [s, { withdraw: canWithdraw(s), reportFraud: canReportFraud(s) }])),
};

const label = z.object({ zh: z.string(), en: z.string() });
const labelMap = z.record(z.string(), label);

export const vocabularySchema = z.object({
  fields: labelMap,
  statuses: labelMap,
  taskKinds: z.record(z.string(), label.extend({ decisions: z.array(z.string()), role: z.string(), byField: z.boolean() })),
  decisions: labelMap,
  channels: labelMap,
  categories: labelMap,
  roles: labelMap,
  notes: z.record(z.string(), label.extend({ applicant: label })),
  compensations: labelMap,
  awardLevels: labelMap,
  phases: labelMap,
  nationalCampaign: z.object({
    fields: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string().optional() })),
    unitKinds: z.array(z.object({ code: z.string(), name: z.string(), channel: z.string(), quota: z.int() })),
    criteria: z.array(z.string()),
  }),
  statusRules: z.record(z.string(), z.object({ withdraw: z.boolean(), reportFraud: z.boolean() })),
});
