import { sameUnit } from './access';
import { FIELDS } from './fields';

/**
 * What a campaign is made of beyond its dates: its business fields, the kinds of unit that may
 * nominate and how many each, the criteria reviewers judge against, its committee and quorum, and
 * whether self-nomination is open. The national notice (中后协〔2025〕1号) is the default; a
 * provincial campaign sets its own.
 */

export interface CampaignField {
  /** The routing key of working groups and branches, e.g. `catering`, `greening`. */
  code: string;
  name: string;
  nameEn?: string;
}

export const NOMINATING_CHANNELS = ['organisation', 'branch'] as const;
export type NominatingChannel = (typeof NOMINATING_CHANNELS)[number];

export interface UnitKindRule {
  code: string;
  name: string;
  channel: NominatingChannel;
  /** Nominations each unit of this kind may make in the campaign. */
  quota: number;
}

export const NATIONAL_FIELDS: CampaignField[] = Object.entries(FIELDS).map(([code, l]) => ({ code, name: l.zh, nameEn: l.en }));

/** 三、活动流程 1 and 3: associations 2–3, council and member units 1, branches at most 10. */
export const NATIONAL_UNIT_KINDS: UnitKindRule[] = [
  { code: 'association', name: '地方教育后勤社团组织', channel: 'organisation', quota: 3 },
  { code: 'member-unit', name: '协会理事单位、会员单位', channel: 'organisation', quota: 1 },
  { code: 'branch-office', name: '协会分支机构', channel: 'branch', quota: 10 },
];

/** 二、推荐条件, as the notice words them. */
export const NATIONAL_CRITERIA: string[] = [
  '具备“敢为人先 追求卓越”的进取精神、“启智润心 服务育人”的躬耕精神和“迎难而上 笃行实干”的工匠精神；服务团队把“党建引领”和“立德树人”落到实处。',
  '被推荐对象主要来自学校后勤管理服务一线的员工和团队。',
  '在推动新时代高质量后勤建设中作出突出贡献，“最美”事迹是正面积极、向善向上、体现社会主义核心价值观的真实事件。',
  '受到过各级各类媒体平台表彰与奖励的具有优先入围资质。',
];

/** The votes a case needs by default: a majority of the committee. */
export function majorityOf(committeeSize: number): number {
  return Math.floor(committeeSize / 2) + 1;
}

/**
 * The votes one case needs: the campaign's quorum, but never more than the members allowed to vote
 * on it (those not from the case's unit). A case no member may vote on needs the quorum still,
 * and is shown to the secretariat as one the committee cannot decide.
 */
export function quorumForCase(campaignQuorum: number, eligibleMembers: number): number {
  return eligibleMembers > 0 ? Math.min(campaignQuorum, eligibleMembers) : campaignQuorum;
}

export interface CommitteeSeat {
  /** The member's unit: they recuse from its cases. */
  unit: string | null;
  active: boolean;
}

/** Members who may vote on a case: active, and not from the unit that recommended it. */
export function eligibleVoters<T extends CommitteeSeat>(committee: readonly T[], recommendingUnit: string): T[] {
  return committee.filter((m) => m.active && !sameUnit(m.unit, recommendingUnit));
}

/** The votes one case needs, with recusals counted. */
export function caseQuorum(committee: readonly CommitteeSeat[], campaignQuorum: number, recommendingUnit: string): number {
  return quorumForCase(campaignQuorum, eligibleVoters(committee, recommendingUnit).length);
}

export function fieldName(fields: readonly CampaignField[], code: string, language: string): string {
  const f = fields.find((x) => x.code === code);
  if (!f) return code;
  return language === 'en' ? (f.nameEn ?? f.name) : f.name;
}
