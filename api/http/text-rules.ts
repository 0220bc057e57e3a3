/**
 * What no string may hold, wherever it arrives (JSON body, multipart JSON part, query, path, CSV):
 * an unpaired UTF-16 surrogate (a JSON `\ud800` escape; no database can store it) or a control
 * character. Tab, line feed and carriage return are white space free text may hold; whether a
 * field may span lines is its schema's rule (`msg:single-line`), and URL parts never may.
 */
export type TextProblem = 'lone-surrogate' | 'control-character';

// Without the `u` flag a regular expression sees UTF-16 code units, so a lone half is found.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Unicode's control characters (C0, DEL, C1) but tab, line feed and carriage return. */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Every control character: for values that are one line by nature (path segments, query values). */
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F]/;

export function textProblem(text: string, { oneLine = false } = {}): TextProblem | null {
  if (LONE_SURROGATE.test(text)) return 'lone-surrogate';
  if ((oneLine ? CONTROL_IN_LINE : CONTROL_IN_TEXT).test(text)) return 'control-character';
  return null;
}

export interface TextProblemAt {
  path: (string | number)[];
  problem: TextProblem;
}

/**
 * Every string of a parsed JSON value, object keys included, that holds a problem, with its path.
 * Walked with a stack of its own: 100 kB of `[[[…` must not overflow the call stack.
 */
export function findTextProblems(value: unknown): TextProblemAt[] {
  const found: TextProblemAt[] = [];
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (pending.length > 0) {
    const { value: v, path } = pending.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) found.push({ path, problem });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => pending.push({ value: item, path: [...path, i] }));
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        const problem = textProblem(key, { oneLine: true });
        if (problem) found.push({ path: [...path, key], problem });
        else pending.push({ value: item, path: [...path, key] });
      }
    }
  }
  // The stack visits the last member first: put them back in the order they were written.
  return found.reverse();
}

/** A text fit to be shown back (a field's path in an answer): lone surrogates and control characters become U+FFFD. */
export function displayable(text: string): string {
  return text.replace(new RegExp(`${LONE_SURROGATE.source}|${CONTROL_IN_LINE.source}`, 'g'), '\uFFFD');
}
