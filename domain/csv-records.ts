/**
 * What every CSV sheet the secretariat uploads has in common: RFC 4180 records numbered by the
 * physical line they start on, blank rows, and headers matched in Chinese or English.
 *
 * - UTF-8 text, with or without a byte-order mark; lines end in CRLF, LF or CR.
 * - A quoted value may hold commas, line breaks and doubled quotes (`""`).
 */

export interface CsvRecord {
  /** The physical line of the file the record starts on, 1 = the first line. */
  line: number;
  fields: string[];
  /** Set when the record is malformed (bad quoting); `fields` then holds what could be read. */
  problem?: string;
  /** The same problem in Chinese. */
  problemZh?: string;
}

/** An error of a sheet, named by the physical line it is on. */
export interface CsvLineError {
  line: number;
  message: string;
}

/** A column a sheet may have, found by its Chinese or English header or another accepted name. */
export interface CsvColumn<K extends string> {
  key: K;
  zh: string;
  en: string;
  aliases?: readonly string[];
}

/** Headers and vocabulary compare after NFKC (full-width letters), dropping white space and case folding. */
export const foldCell = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** RFC 4180 records, each with the line it starts on; a malformed record carries its problem. */
export function splitCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;

  while (i < n) {
    const record: CsvRecord = { line, fields: [] };
    for (;;) {
      // One field, starting at i.
      let value = '';
      if (text[i] === '"') {
        const opened = line;
        i += 1;
        let closed = false;
        while (i < n) {
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i += 1;
            closed = true;
            break;
          }
          if (ch === '\r' || ch === '\n') {
            // A line break inside quotes belongs to the value; count it as one physical line.
            if (ch === '\r' && text[i + 1] === '\n') {
              value += '\r\n';
              i += 2;
            } else {
              value += ch;
              i += 1;
            }
            line += 1;
            continue;
          }
          value += ch;
          i += 1;
        }
        if (!closed) {
          record.problem ??= `a quoted value opened on line ${opened} is never closed`;
          record.problemZh ??= `第 ${opened} 行开始的带引号的值没有结束引号`;
        } else if (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
          record.problem ??= 'a closing quote must be followed by a comma or the end of the line (write a quote inside a quoted value as "")';
          record.problemZh ??= '结束引号后只能是逗号或行尾（带引号的值中的引号请写成 ""）';
          // Keep what follows as part of the value, up to the end of the field.
          while (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') value += text[i++];
        }
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') value += text[i++];
      }
      record.fields.push(value);
      if (i < n && text[i] === ',') {
        i += 1;
        continue;
      }
      break;
    }
    // End of record: a line break (CRLF, LF or CR) or the end of the text.
    if (i < n) {
      i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
    }
    records.push(record);
  }
  return records;
}

/** A blank line, or an empty spreadsheet row (`,,,,`). */
export const isBlankRecord = (record: CsvRecord) => !record.problem && record.fields.every((f) => f.trim() === '');

/**
 * Which field of the header row holds which column. Cells naming no column are ignored; a column
 * named again is listed in `repeated` (once per repetition, in the order met) and keeps its first place.
 */
export function locateColumns<K extends string>(header: readonly string[], columns: readonly CsvColumn<K>[]): { index: Map<K, number>; repeated: K[] } {
  const byName = new Map<string, K>();
  for (const column of columns) {
    for (const name of [column.zh, column.en, ...(column.aliases ?? [])]) byName.set(foldCell(name), column.key);
  }
  const index = new Map<K, number>();
  const repeated: K[] = [];
  header.forEach((cell, at) => {
    const key = byName.get(foldCell(cell));
    if (key === undefined) return;
    if (index.has(key)) repeated.push(key);
    else index.set(key, at);
  });
  return { index, repeated };
}
