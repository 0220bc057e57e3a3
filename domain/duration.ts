/**
 * ISO 8601 durations as campaigns use them (`P7D`, `PT30S`, `P1W`). Years and months are refused:
 * their length depends on the calendar, and a notice period must mean the same everywhere.
 */
const PATTERN = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function parseIsoDuration(text: string): number | null {
  const m = PATTERN.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const [, weeks, days, hours, minutes, seconds] = m;
  const ms =
    Number(weeks ?? 0) * 604_800_000 +
    Number(days ?? 0) * 86_400_000 +
    Number(hours ?? 0) * 3_600_000 +
    Number(minutes ?? 0) * 60_000 +
    Number(seconds ?? 0) * 1_000;
  return ms > 0 ? Math.round(ms) : null;
}

export function isIsoDuration(text: string): boolean {
  return parseIsoDuration(text) !== null;
}
