function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  // A cell a spreadsheet would run as a formula is kept as text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads the Chinese), CRLF lines. */
export function spreadsheetCsv(rows: (string | number | undefined)[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
