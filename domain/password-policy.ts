// @zxcvbn-ts is a pure library (no I/O, clock or randomness), so the domain may use it besides zod.
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type { Label } from './vocabulary';

/**
 * The password rule of the contract: "at least 10 characters and not a common password" (refused
 * as 422 weak-password). Pure and synchronous; the word lists (some 400 kB, 0.1–0.3 s to load and
 * index) are loaded on the first check, so importing the domain stays cheap.
 *
 * "Common" means a guessing attack would find it early: zxcvbn's estimate of the guesses needed
 * (dictionaries of leaked passwords and words, keyboard runs, sequences, repeats, dates, l33t) is
 * below MIN_PASSWORD_GUESSES. Two additions for an attacker who targets this site and this account:
 * - the account's own names (username, email, display name) are words he tries first, and so are
 *   this site's words; a password built on them must be strong without them;
 * - a few words common in Chinese passwords that the mostly English dictionaries lack.
 */

export const PASSWORD_PROBLEMS = ['too-short', 'too-long', 'common', 'like-account'] as const;
export type PasswordProblem = (typeof PASSWORD_PROBLEMS)[number];

/** What is known of the account the password is for; every part is optional. */
export interface PasswordContext {
  username?: string;
  email?: string;
  displayName?: string;
}

/** Counted in code points, so 10 Chinese characters are 10 characters. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * zxcvbn's score 3 starts here ("safely unguessable"; below is "protection from unthrottled online
 * attacks" only). Sign-ins are throttled, so this guards the stolen-database case, where scrypt
 * makes each guess slow. Random 10-character passwords of letters and digits pass (10,000 of 10,000
 * tried; of lower-case letters and digits, 9,998: the two refused held a name and a repeat).
 */
export const MIN_PASSWORD_GUESSES = 1e8;

/**
 * zxcvbn estimates only this many leading characters: its matching grows with the square of the
 * length (up to about 0.15 s at 100 characters, 0.5 s at 256), and a strong start makes a strong password.
 */
const ESTIMATED_LENGTH = 100;

/** The system's name and the words of the award (最美后勤人): what an attacker of this site tries first. */
const SITE_WORDS = ['laurel', 'houqin', 'zuimei'];

/** Pinyin phrases and lucky numbers frequent in Chinese password leaks but absent from the common list. */
const CHINESE_COMMON = ['woaini1314', 'woaini520', 'woaiwojia', 'wodemima', 'mima', 'aini', '1314', '520', 'caonima', 'nihao', 'zhongguo', 'xiaoming'];

export const PASSWORD_PROBLEM_LABELS: Record<PasswordProblem, Label> = {
  'too-short': { zh: `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符`, en: `The password needs at least ${MIN_PASSWORD_LENGTH} characters` },
  'too-long': { zh: `密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符`, en: `The password may have at most ${MAX_PASSWORD_LENGTH} characters` },
  common: {
    zh: '密码过于常见或容易猜到（常用密码、键盘连续键、数字序列、重复字符等），请换一个',
    en: 'The password is common or easy to guess (a common password, a keyboard run, a sequence, repeated characters); choose another',
  },
  'like-account': {
    zh: '密码不能是用户名、邮箱或姓名，也不能在它们的基础上稍作改动',
    en: 'The password may not be, or be built on, the username, email or name',
  },
};

let loaded: ZxcvbnFactory | undefined;

/** Loads the word lists and builds the estimator; call at start-up to spare the first request the wait. */
export function preparePasswordPolicy(): void {
  estimator();
}

function estimator(): ZxcvbnFactory {
  if (!loaded) {
    // Loaded here, not imported at the top, so that only a password check pays for the dictionaries.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ZxcvbnFactory: Factory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    loaded = new Factory({
      dictionary: { ...common.dictionary, site: SITE_WORDS, 'chinese-common': CHINESE_COMMON },
      graphs: common.adjacencyGraphs,
      maxLength: ESTIMATED_LENGTH,
    });
  }
  return loaded;
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase();
const codePoints = (text: string) => [...text].length;

/**
 * Long enough to be a name inside a password rather than chance: a whole name of 3 letters or digits,
 * a piece of one (`wei` of `zhang.wei`) of 4, or 2 Chinese characters.
 */
const isWordLike = (token: string, minAscii: number) => codePoints(token) >= (/^\p{ASCII}*$/u.test(token) ? minAscii : 2);

/** The account's names as an attacker would try them: whole, without separators, and piece by piece. */
function accountWords({ username, email, displayName }: PasswordContext): string[] {
  const words = new Set<string>();
  const add = (text: string | undefined, separators: RegExp) => {
    const whole = fold(text ?? '').trim();
    for (const word of [whole, whole.replace(separators, '')]) if (isWordLike(word, 3)) words.add(word);
    for (const piece of whole.split(separators)) if (isWordLike(piece, 4)) words.add(piece);
  };
  add(username, /[._-]+/);
  // The mailbox, not the domain: `example.com` is shared by colleagues and says nothing of the person.
  if (email) words.add(fold(email).trim());
  add(email?.split('@')[0], /[._+-]+/);
  add(displayName, /[\s·.・-]+/);
  return [...words];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The password without the given words (any case), longest first so a name goes before its parts. */
function without(password: string, words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).reduce((rest, word) => rest.replace(new RegExp(escapeRegExp(word), 'giu'), ''), password);
}

/**
 * The first problem of a password, or null when it may be used. `context` names the account, so a
 * password that is (or is built on) its username, email or display name is refused as 'like-account'.
 */
export function checkPassword(password: string, context: PasswordContext = {}): PasswordProblem | null {
  const length = codePoints(password);
  if (length < MIN_PASSWORD_LENGTH) return 'too-short';
  if (length > MAX_PASSWORD_LENGTH) return 'too-long';

  // Full-width forms (ｐａｓｓｗｏｒｄ, typed with a Chinese input method) are judged as what they read.
  const normalized = password.normalize('NFKC');
  const folded = normalized.toLowerCase();
  const ownWords = accountWords(context);
  const builtOnAccount = ownWords.some((word) => folded.includes(word));
  const refusal: PasswordProblem = builtOnAccount ? 'like-account' : 'common';

  if (ownWords.includes(folded)) return 'like-account';
  const zxcvbn = estimator();
  if (zxcvbn.check(normalized, ownWords).guesses < MIN_PASSWORD_GUESSES) return refusal;

  // Words a targeted attack tries first cost it next to nothing: what is left must be strong alone.
  const targeted = [...ownWords, ...SITE_WORDS].filter((word) => folded.includes(word));
  if (targeted.length > 0 && zxcvbn.check(without(normalized, targeted)).guesses < MIN_PASSWORD_GUESSES) return refusal;
  return null;
}
