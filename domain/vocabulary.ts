import type { AwardLevel } from './awards';
import type { CampaignPhase } from './campaign-phase';
import type { Category, Channel } from './channels';
import { FIELDS } from './fields';
import type { Role } from './roles';
import type { CaseStatus } from './statuses';
import type { Decision, TaskKind } from './tasks';

/**
 * Every word of the domain a person reads, in Chinese and English: the pages (through
 * `/api/labels`), the emails and the case history all name things from here, so they never disagree.
 */
export interface Label {
  zh: string;
  en: string;
}

export const STATUS_LABELS: Record<CaseStatus, Label> = {
  'seal-check': { zh: '公章审核', en: 'Seal check' },
  'resubmission-requested': { zh: '待重新提交盖章报名表', en: 'Resubmission of the sealed form requested' },
  'field-review': { zh: '业务领域审核', en: 'Field review' },
  'branch-shortlist': { zh: '分支机构遴选', en: 'Branch shortlisting' },
  'committee-review': { zh: '评审委员会评审', en: 'Committee review' },
  'awaiting-selection': { zh: '等待评选结果', en: 'Awaiting selection' },
  'public-notice': { zh: '公示中', en: 'Public notice' },
  'notice-ended': { zh: '公示期满，待通报', en: 'Notice ended, awaiting the announcement' },
  announced: { zh: '已通报', en: 'Announced' },
  rejected: { zh: '未通过', en: 'Rejected' },
  'not-selected': { zh: '未当选', en: 'Not selected' },
  expired: { zh: '已过期', en: 'Expired' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  disqualified: { zh: '已取消资格', en: 'Disqualified' },
};

export const TASK_KIND_LABELS: Record<TaskKind, Label> = {
  'seal-check': { zh: '公章审核', en: 'Seal check' },
  'field-review': { zh: '业务领域审核', en: 'Field review' },
  'branch-shortlist': { zh: '分支机构遴选', en: 'Branch shortlist' },
  'committee-review': { zh: '评审委员会评审', en: 'Committee review' },
  'objection-review': { zh: '异议处理', en: 'Objection review' },
  'fraud-investigation': { zh: '举报调查', en: 'Fraud investigation' },
  'eligibility-review': { zh: '参评资格复核', en: 'Eligibility review' },
  'compensation-incident': { zh: '撤销补偿异常', en: 'Compensation incident' },
};

export const DECISION_LABELS: Record<Decision, Label> = {
  approve: { zh: '通过', en: 'Approve' },
  'request-resubmission': { zh: '要求重新提交', en: 'Request resubmission' },
  reject: { zh: '不通过', en: 'Reject' },
  pass: { zh: '审核通过', en: 'Pass' },
  shortlist: { zh: '入围', en: 'Shortlist' },
  uphold: { zh: '成立', en: 'Uphold' },
  dismiss: { zh: '不成立', en: 'Dismiss' },
  resolved: { zh: '已处理', en: 'Resolved' },
  ineligible: { zh: '不符合参评资格', en: 'Ineligible' },
  eligible: { zh: '符合参评资格', en: 'Eligible' },
};

export const ROLE_LABELS: Record<Role, Label> = {
  secretariat: { zh: '秘书处', en: 'Secretariat' },
  'working-group': { zh: '评审工作组', en: 'Working group' },
  branch: { zh: '分支机构', en: 'Branch' },
  committee: { zh: '评审委员会委员', en: 'Committee member' },
  auditor: { zh: '审计员', en: 'Auditor' },
  unit: { zh: '推荐单位', en: 'Recommending unit' },
};

export const CHANNEL_LABELS: Record<Channel, Label> = {
  organisation: { zh: '单位推荐', en: 'Nominated by an organisation' },
  self: { zh: '个人自荐', en: 'Self-nomination' },
  branch: { zh: '分支机构推荐', en: 'Nominated by a branch' },
};

export const CATEGORY_LABELS: Record<Category, Label> = {
  individual: { zh: '个人', en: 'Individual' },
  team: { zh: '团队', en: 'Team' },
};

export const FIELD_LABELS: Record<string, Label> = FIELDS;

/** The notes the workflow writes as codes: what staff read, and what the applicant is told. */
export const NOTE_LABELS: Record<string, Label & { applicant: Label }> = {
  'submission-deadline-passed': {
    zh: '申报截止期限已过，未收到重新提交的盖章报名表',
    en: 'The submission deadline passed without a resubmitted sealed form',
    applicant: { zh: '申报截止时仍未收到所需材料。', en: 'The materials had not arrived by the submission deadline.' },
  },
  'round-already-closed': {
    zh: '评审委员会评选已结束',
    en: 'The committee round had already closed',
    applicant: { zh: '通过评审时本轮评选已经结束。', en: 'Approved after the round had closed.' },
  },
  'objection-lodged': {
    zh: '收到公示异议',
    en: 'An objection was lodged',
    applicant: { zh: '收到一项异议，秘书处正在核查。', en: 'An objection was lodged; the secretariat is looking into it.' },
  },
  'fraud-reported': {
    zh: '收到弄虚作假举报',
    en: 'Fraud was reported',
    applicant: { zh: '收到一项举报，秘书处正在核查。', en: 'A report was received; the secretariat is looking into it.' },
  },
  'objection-upheld': {
    zh: '异议成立',
    en: 'Objection upheld',
    applicant: { zh: '经核查，异议成立。', en: 'After investigation, the objection was upheld.' },
  },
  'eligibility-review-opened': {
    zh: '往届表彰名单中有同名同单位人员，待秘书处复核参评资格',
    en: 'An earlier honouree of the same name and unit was found; the secretariat reviews the eligibility',
    applicant: { zh: '秘书处正在复核参评资格。', en: 'The secretariat is reviewing the eligibility.' },
  },
  ineligible: {
    zh: '经复核，不符合参评资格（已获往届表彰）',
    en: 'Ineligible after review (honoured in an earlier edition)',
    applicant: { zh: '经复核，被推荐对象已获往届表彰，不符合本次参评资格。', en: 'After review, the nominee was honoured in an earlier edition and is not eligible.' },
  },
  'fraud-upheld': {
    zh: '举报属实',
    en: 'Fraud report upheld',
    applicant: { zh: '经核查，举报属实。', en: 'After investigation, the report was upheld.' },
  },
};

/** The steps a disqualification undoes (the saga's compensations), named for people. */
export const COMPENSATION_LABELS: Record<string, Label> = {
  'revoke-announcement': { zh: '撤销通报', en: 'Revoke the announcement' },
  'withdraw-notice': { zh: '撤下公示', en: 'Withdraw the notice entry' },
  'revoke-winner': { zh: '撤销当选', en: 'Revoke the winner slot' },
  'revoke-approval': { zh: '撤销评审委员会通过', en: "Revoke the committee's approval" },
  'revoke-shortlist': { zh: '撤销入围', en: "Revoke the branch's shortlisting" },
  'notify-parties': { zh: '通知推荐单位及申报人', en: 'Notify the recommending unit and the applicant' },
};

/** The levels of a media award (媒体平台表彰). */
export const AWARD_LEVEL_LABELS: Record<AwardLevel, Label> = {
  national: { zh: '国家级', en: 'National' },
  provincial: { zh: '省级', en: 'Provincial' },
  municipal: { zh: '市级', en: 'Municipal' },
  institutional: { zh: '校级及以下', en: 'Institutional' },
};

/** Where a campaign stands, as the home page and the notice name it. */
export const PHASE_LABELS: Record<CampaignPhase, Label> = {
  collecting: { zh: '正在接受申报', en: 'Taking nominations' },
  reviewing: { zh: '评审进行中', en: 'Under review' },
  notice: { zh: '公示期内', en: 'On public notice' },
  'notice-ended': { zh: '公示期满，待通报', en: 'Notice over, awaiting the announcement' },
  announced: { zh: '已通报', en: 'Announced' },
  closed: { zh: '活动已结束', en: 'Closed' },
};

/** The label in a language: Chinese unless English is asked for. */
export function say(label: Label | undefined, language: string, fallback = ''): string {
  if (!label) return fallback;
  return language === 'en' ? label.en : label.zh;
}
