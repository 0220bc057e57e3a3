/** Every time a person reads — pages, emails, exports — is Beijing time, saying so. */
const OFFSET_MS = 8 * 3_600_000;

/** The offset exports state in their headers. */
export const BEIJING_OFFSET = 'UTC+8';

/** An instant in Beijing time, to the second: `2030-01-02 00:30:05`. */
export function beijingTimestamp(at: Date): string {
  const shifted = new Date(at.getTime() + OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}
