import type { Language } from '../../domain/channels';
import { spreadsheetCsv } from '../../domain/spreadsheet-csv';
import type { Label } from '../../domain/vocabulary';
import { say } from '../../domain/vocabulary';
import type { HistoryItem, HistorySource } from './history-item';
import type { Phrasebook } from './words';
import { tongueOf } from './words';

const HEADERS: Phrasebook<string[]> = {
  zh: ['时间', '来源', '操作人', '事件', '原因或依据', '事件类型', '事件编号'],
  en: ['at', 'source', 'actor', 'what', 'why', 'eventType', 'eventId'],
};

const SOURCE_LABELS: Record<HistorySource, Label> = {
  workflow: { zh: '工作流', en: 'workflow' },
  audit: { zh: '审计日志', en: 'audit' },
  timeline: { zh: '时间线', en: 'timeline' },
};

/** The history as a spreadsheet. */
export function historyCsv(items: HistoryItem[], language: Language): string {
  const rows = items.map((i) => [i.at, say(SOURCE_LABELS[i.source], language), i.actor, i.what, i.why ?? '', i.eventType, String(i.eventId)]);
  return spreadsheetCsv([HEADERS[tongueOf(language)], ...rows]);
}
