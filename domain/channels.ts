/** Submission channels (三种申报渠道) and the kinds of recommending unit that may use each. */
export const CHANNELS = ['organisation', 'self', 'branch'] as const;
export type Channel = (typeof CHANNELS)[number];

export const UNIT_KINDS = ['association', 'member-unit', 'branch-office'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const CHANNEL_UNIT_KINDS: Record<Channel, readonly UnitKind[]> = {
  organisation: ['association', 'member-unit'],
  branch: ['branch-office'],
  self: [],
};

export const CATEGORIES = ['individual', 'team'] as const;
export type Category = (typeof CATEGORIES)[number];

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const CHANNEL_LABELS: Record<Channel, { zh: string; en: string }> = {
  organisation: { zh: '单位推荐', en: 'Nominated by an organisation' },
  self: { zh: '个人自荐', en: 'Self-nomination' },
  branch: { zh: '分支机构推荐', en: 'Nominated by a branch' },
};

export const CATEGORY_LABELS: Record<Category, { zh: string; en: string }> = {
  individual: { zh: '个人', en: 'Individual' },
  team: { zh: '团队', en: 'Team' },
};
