import type { CsvLineError } from './csv-records';
import { foldCell, isBlankRecord, locateColumns, splitCsvRecords } from './csv-records';
import { honoureeKey } from './honourees';

// The record splitter lives in csv-records.ts (the account sheet reads with it too); both stay importable from here.
export { splitCsvRecords };
export type { CsvLineError };

/**
 * The registry of earlier honourees as the secretariat keeps it: a CSV sheet with a header row,
 * one honouree (person or team) per line. Pure: text in, rows and per-line errors out.
 *
 * - UTF-8 text, with or without a byte-order mark; lines end in CRLF, LF or CR.
 * - RFC 4180 quoting: a quoted value may hold commas, line breaks and doubled quotes (`""`).
 * - Headers in Chinese or English, in any order: 年度/year, 荣誉/title, 类别/category,
 *   姓名或团队名称/name, 单位/unit. Other columns (序号, 备注 …) are ignored.
 * - Blank lines (also `,,,,` as spreadsheets write them) are skipped.
 * - Line numbers are physical lines of the file, 1 = the first line; a record whose quoted value
 *   spans lines is named by the line it starts on.
 */

export type HonoureeCategory = 'individual' | 'team';

export interface HonoureeRow {
  /** The line of the file the row starts on. */
  line: number;
  year: number;
  title: string;
  category: HonoureeCategory;
  name: string;
  unit: string;
  /** `honoureeKey(category, name, unit)`: what the submission check looks up. */
  lookupKey: string;
}

export interface HonoureeCsvResult {
  rows: HonoureeRow[];
  errors: CsvLineError[];
}

export const MIN_HONOUREE_YEAR = 2000;
export const MAX_HONOUREE_YEAR = 2100;
export const MAX_HONOUREE_TEXT = 200;

type Column = 'year' | 'title' | 'category' | 'name' | 'unit';

/** The required columns, each with its Chinese and English header. */
export const HONOUREE_COLUMNS: readonly { key: Column; zh: string; en: string }[] = [
  { key: 'year', zh: '年度', en: 'year' },
  { key: 'title', zh: '荣誉', en: 'title' },
  { key: 'category', zh: '类别', en: 'category' },
  { key: 'name', zh: '姓名或团队名称', en: 'name' },
  { key: 'unit', zh: '单位', en: 'unit' },
];

const CATEGORIES = new Map<string, HonoureeCategory>([
  ['个人', 'individual'],
  ['individual', 'individual'],
  ['团队', 'team'],
  ['team', 'team'],
]);

const label = (key: Column) => {
  const c = HONOUREE_COLUMNS.find((col) => col.key === key)!;
  return `${c.zh}/${c.en}`;
};

function checkText(key: Column, raw: string, errors: string[]): string {
  const value = raw.trim();
  if (value === '') errors.push(`${label(key)} is empty`);
  else if (value.includes('\uFFFD')) errors.push(`${label(key)} holds characters that are not valid UTF-8 (save the sheet as "CSV UTF-8")`);
  else if (value.length > MAX_HONOUREE_TEXT) errors.push(`${label(key)} is longer than ${MAX_HONOUREE_TEXT} characters`);
  return value;
}

/** Parses the registry sheet: every bad line is named, and a row is returned only if its line is good. */
export function parseHonoureeCsv(text: string): HonoureeCsvResult {
  const records = splitCsvRecords(text);
  const errors: CsvLineError[] = [];
  const rows: HonoureeRow[] = [];

  const headerAt = records.findIndex((r) => !isBlankRecord(r));
  if (headerAt < 0) {
    return { rows, errors: [{ line: 1, message: `the file is empty: expected a header row with ${HONOUREE_COLUMNS.map((c) => `${c.zh}/${c.en}`).join(', ')}` }] };
  }
  const header = records[headerAt];
  if (header.problem) return { rows, errors: [{ line: header.line, message: `header row: ${header.problem}` }] };

  // Which field holds which column.
  const { index, repeated } = locateColumns(header.fields, HONOUREE_COLUMNS);
  const headerProblems = repeated.map((key) => `column ${label(key)} appears twice`);
  const missing = HONOUREE_COLUMNS.filter((c) => !index.has(c.key));
  if (missing.length > 0) {
    const found = header.fields.map((f) => f.trim()).filter(Boolean);
    headerProblems.push(
      `header row lacks column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `${c.zh}/${c.en}`).join(', ')}` +
        ` (found: ${found.length > 0 ? found.join(', ') : 'nothing'})`,
    );
  }
  if (headerProblems.length > 0) return { rows, errors: headerProblems.map((message) => ({ line: header.line, message })) };

  const width = header.fields.length;
  const lastRequired = Math.max(...index.values());
  const firstLineOf = new Map<string, number>();

  for (const record of records.slice(headerAt + 1)) {
    if (isBlankRecord(record)) continue;
    if (record.problem) {
      errors.push({ line: record.line, message: record.problem });
      continue;
    }
    if (record.fields.length <= lastRequired) {
      const absent = HONOUREE_COLUMNS.filter((c) => index.get(c.key)! >= record.fields.length).map((c) => label(c.key));
      errors.push({
        line: record.line,
        message: `has ${record.fields.length} value${record.fields.length === 1 ? '' : 's'} but the header has ${width} columns: missing ${absent.join(', ')}`,
      });
      continue;
    }
    if (record.fields.length > width && record.fields.slice(width).some((f) => f.trim() !== '')) {
      errors.push({
        line: record.line,
        message: `has ${record.fields.length} values but the header has ${width} columns (a comma inside a value must be quoted: "…,…")`,
      });
      continue;
    }
    const cell = (key: Column) => record.fields[index.get(key)!];
    const problems: string[] = [];

    const yearText = cell('year').normalize('NFKC').trim();
    const year = /^\d+$/.test(yearText) ? Number(yearText) : NaN;
    if (yearText === '') problems.push(`${label('year')} is empty`);
    else if (!(year >= MIN_HONOUREE_YEAR && year <= MAX_HONOUREE_YEAR))
      problems.push(`${label('year')} "${yearText}" is not a whole number between ${MIN_HONOUREE_YEAR} and ${MAX_HONOUREE_YEAR}`);

    const categoryText = cell('category').trim();
    const category = CATEGORIES.get(foldCell(categoryText));
    if (categoryText === '') problems.push(`${label('category')} is empty`);
    else if (!category) problems.push(`${label('category')} "${categoryText}" is not one of 个人/individual, 团队/team`);

    const title = checkText('title', cell('title'), problems);
    const name = checkText('name', cell('name'), problems);
    const unit = checkText('unit', cell('unit'), problems);

    if (problems.length > 0) {
      for (const message of problems) errors.push({ line: record.line, message });
      continue;
    }
    const lookupKey = honoureeKey(category!, name, unit);
    const earlier = firstLineOf.get(lookupKey);
    if (earlier !== undefined) {
      errors.push({ line: record.line, message: `the same ${category === 'team' ? 'team' : 'person'} and unit as line ${earlier}: list each honouree once` });
      continue;
    }
    firstLineOf.set(lookupKey, record.line);
    rows.push({ line: record.line, year, title, category: category!, name, unit, lookupKey });
  }
  return { rows, errors };
}
