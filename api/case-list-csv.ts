import type { Category, Channel, Language } from '../domain/channels';
import { BEIJING_OFFSET, beijingTimestamp } from '../domain/beijing-time';
import { fieldName } from '../domain/campaign-config';
import { spreadsheetCsv } from '../domain/spreadsheet-csv';
import type { CaseStatus } from '../domain/statuses';
import { CATEGORY_LABELS, CHANNEL_LABELS, STATUS_LABELS, say } from '../domain/vocabulary';
import type { exportVisibleCases } from '../use-cases/nominations';

const HEADERS: Record<'zh' | 'en', string[]> = {
  zh: ['申报编号', '评选活动', '状态', '业务领域', '申报渠道', '类别', '候选人或团队', '所在单位', '推荐单位', `提交时间（北京时间，${BEIJING_OFFSET}）`],
  en: ['case', 'campaign', 'status', 'field', 'channel', 'category', 'nominee or team', 'nominee’s unit', 'recommending unit', `submitted (Beijing time, ${BEIJING_OFFSET})`],
};

/** The case list as a spreadsheet reads it: no phone, age or email; times in Beijing time, as on the pages. */
export function caseListCsv({ cases, campaigns }: Awaited<ReturnType<typeof exportVisibleCases>>, language: Language): string {
  const rows = [HEADERS[language === 'en' ? 'en' : 'zh']];
  for (const c of cases) {
    const campaign = campaigns.get(c.campaignId);
    rows.push([
      c.id,
      campaign?.title ?? c.campaignId,
      say(STATUS_LABELS[c.status as CaseStatus], language, c.status),
      campaign ? fieldName(campaign.fields, c.field, language) : c.field,
      say(CHANNEL_LABELS[c.channel as Channel], language, c.channel),
      say(CATEGORY_LABELS[c.category as Category], language, c.category),
      c.nomineeName,
      c.nomineeUnit,
      c.recommendingUnit,
      beijingTimestamp(c.submittedAt),
    ]);
  }
  return spreadsheetCsv(rows);
}
