// Values as a raw query answers them, which differ by database where Prisma's own reads do not.

/** A boolean: true or false on PostgreSQL, 1 or 0 on SQLite. */
export function booleanOf(value: boolean | number | bigint): boolean {
  return Boolean(Number(value));
}

/** A time: a Date on PostgreSQL, ISO text or epoch milliseconds on SQLite. Never an invalid Date: that would pass every comparison unnoticed. */
export function timeOf(value: Date | string | number): Date {
  const time = value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
  if (Number.isNaN(time.getTime())) throw new Error(`unreadable time ${JSON.stringify(value)}`);
  return time;
}

/** timeOf, keeping a missing time missing. */
export function timeOrNullOf(value: Date | string | number | null): Date | null {
  return value === null ? null : timeOf(value);
}
