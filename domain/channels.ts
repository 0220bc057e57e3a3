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
