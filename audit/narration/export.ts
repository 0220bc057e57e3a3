import type { Language } from '../../domain/channels';
import { BEIJING_OFFSET } from '../../domain/beijing-time';
import { spreadsheetCsv } from '../../domain/spreadsheet-csv';
import type { Label } from '../../domain/vocabulary';
import { say } from '../../domain/vocabulary';
import type { HistoryDetail, HistoryItem, HistorySource } from './history-item';
import type { Phrasebook } from './words';
import { beijingTime, kindWords, stageWords, tongueOf } from './words';

// The case file as a spreadsheet: one line per row of the page, at the same Beijing time the page
// shows, with the records folded under each row in its last column.

const HEADERS: Phrasebook<string[]> = {
  zh: [`时间（北京时间，${BEIJING_OFFSET}）`, '阶段', '类别', '操作人', '事件', '原因或依据', '内部备注', '来源', '事件类型', '事件编号', '明细（折叠的记录）'],
  en: [`at (Beijing time, ${BEIJING_OFFSET})`, 'stage', 'kind', 'actor', 'what', 'why', 'internal note', 'source', 'eventType', 'eventId', 'detail (the records folded)'],
};

const SOURCE_LABELS: Record<HistorySource, Label> = {
  workflow: { zh: '工作流', en: 'workflow' },
  audit: { zh: '审计日志', en: 'audit' },
  timeline: { zh: '时间线', en: 'timeline' },
};

/** One folded record on a line: when, where from, its event and id, its machine words. */
function detailLine(d: HistoryDetail, language: Language): string {
  const why = d.why ? ` — ${d.why}` : '';
  return `${beijingTime(d.at)} [${say(SOURCE_LABELS[d.source], language)} ${d.eventType} #${d.eventId}] ${d.actor}: ${d.text}${why}`;
}

/** The history as a spreadsheet. */
export function historyCsv(items: HistoryItem[], language: Language): string {
  const rows = items.map((i) => [
    beijingTime(i.at),
    stageWords(i.stage, language),
    kindWords(i.kind, language),
    i.actor,
    i.what,
    i.why ?? '',
    i.note ?? '',
    say(SOURCE_LABELS[i.source], language),
    i.eventType,
    String(i.eventId),
    i.detail.map((d) => detailLine(d, language)).join('\n'),
  ]);
  return spreadsheetCsv([HEADERS[tongueOf(language)], ...rows]);
}
