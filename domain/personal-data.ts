/** Personal data shown in lists, masked (PIPL: no more than the purpose needs). */

/** `13812340000` → `138****0000`; a short number keeps only its last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s|-/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length <= 2) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

/** `zhang.san@example.cn` → `z***@example.cn`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

const EMAIL = /[^\s@"'<>]+@[^\s@"'<>]+\.[A-Za-z]{2,}/g;
/** Phone numbers and other long digit runs (ids, card numbers); dates and times have separators. */
const LONG_DIGITS = /(?<![\d-])\+?\d[\d ]{5,}\d(?![\d-])/g;
const AGE = /("?age"?\s*[:=]\s*)\d+/gi;

/**
 * Removes what may be personal data from a line bound for a log: an error message can quote the
 * values of the request that caused it (database drivers do).
 */
export function redactPersonalData(line: string): string {
  return line.replace(EMAIL, '[email]').replace(LONG_DIGITS, '[number]').replace(AGE, '$1[age]');
}

/** The phone on a nomination form (its JSON), masked: lists never show it in full (the case view does, to those who may see the case). */
export function maskedPhoneOf(form: string): string | null {
  const phone = (JSON.parse(form) as { phone?: unknown }).phone;
  return typeof phone === 'string' ? maskPhone(phone) : null;
}
