/** The longest file name shown back, in characters, extension included. */
export const MAX_FILE_NAME_LENGTH = 80;

const FALLBACK = 'upload';

/**
 * Characters a name is never shown with: controls (C0, DEL, C1), unpaired surrogates, the
 * invisible format characters that reorder or hide text (U+202E makes `gpj.exe` read `exe.jpg`),
 * markup and quotes.
 */
const UNSHOWABLE =
  /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB<>"'`]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** At most `max` characters (code points), the extension kept: `a-very-long-na….pdf`. */
function shorten(name: string, max: number): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 10 ? [...name.slice(dot)] : [];
  return chars.slice(0, max - extension.length - 1).join('') + '…' + extension.join('');
}

/**
 * The client's file name as it may be shown back (never stored as a name: files are stored under
 * generated names): its last path part only, without unshowable characters, leading dots or
 * surrounding spaces, at most {@link MAX_FILE_NAME_LENGTH} characters.
 */
export function displayFileName(clientName: string | undefined): string {
  const lastPart = (clientName ?? '').split(/[/\\]/).pop() ?? '';
  const clean = lastPart.normalize('NFC').replace(UNSHOWABLE, '').replace(/\s+/g, ' ').replace(/^[\s.]+|\s+$/g, '');
  return clean === '' ? FALLBACK : shorten(clean, MAX_FILE_NAME_LENGTH);
}
