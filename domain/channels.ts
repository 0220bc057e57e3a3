/** Submission channels (三种申报渠道); which kinds of unit use each is a campaign's own setting (see campaign-config). */
export const CHANNELS = ['organisation', 'self', 'branch'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CATEGORIES = ['individual', 'team'] as const;
export type Category = (typeof CATEGORIES)[number];

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
