import { z } from 'zod';
import type { Language } from './channels';

/**
 * What a refused field says, in the reader's language. Schemas give their own rules as `msg:<code>`
 * (looked up here); zod's built-in checks are told in zod's Chinese or English words, with the
 * commonest ones put more plainly.
 */
const MESSAGES: Record<string, { zh: string; en: string }> = {
  'phone-format': { zh: '请填写 5–20 位数字，可含空格或短横线', en: 'digits, spaces or dashes, 5 to 20 characters' },
  'code-format': { zh: '只能使用小写字母、数字和短横线，以字母开头', en: 'lower-case letters, digits and dashes, starting with a letter' },
  'campaign-code-format': { zh: '只能使用小写字母、数字和短横线（2–63 个字符）', en: 'lower-case letters, digits and dashes (2–63 characters)' },
  'iso-duration': { zh: '请填写时长，例如 P7D（7 天）或 PT30S（30 秒）', en: 'an ISO 8601 duration such as P7D or PT30S' },
  'after-submission-deadline': { zh: '评审截止时间必须晚于申报截止时间', en: 'must be after submissionDeadline' },
  'one-deadline-at-least': { zh: '请至少填写申报截止时间或评审截止时间之一', en: 'give submissionDeadline, reviewDeadline or both' },
  'self-nomination-opinion': { zh: '个人自荐须附申报人单位加盖公章的意见', en: "a self-nomination needs the employer's sealed opinion" },
  'duplicate-code': { zh: '代码重复：每个代码只能出现一次', en: 'each code may appear only once' },
  'duplicate-member': { zh: '同一委员只能列出一次', en: 'each member may be listed only once' },
  'quorum-above-committee': { zh: '法定票数不能超过评审委员会人数', en: 'more than the committee has members' },
  'username-format': { zh: '用户名为 3–64 个字母、数字、点、下划线或短横线', en: '3–64 letters, digits, dots, underscores or dashes' },
  'nothing-to-change': { zh: '请至少修改一项', en: 'give at least one setting to change' },
  'unknown-field': { zh: '不认识的字段', en: 'unknown field' },
  'lone-surrogate': { zh: '含有无效字符（不成对的 UTF-16 代理项），请删除后重新填写', en: 'contains an invalid character (an unpaired UTF-16 surrogate); remove it' },
  'control-character': { zh: '含有控制字符（如 NUL），请删除后重新填写', en: 'contains a control character (such as NUL); remove it' },
  'single-line': { zh: '只能填写一行，不能含换行符或制表符', en: 'must be one line, without line breaks or tabs' },
  'malformed-percent-encoding': { zh: '网址中的 % 编码无效（须为 UTF-8）', en: 'invalid %-encoding in the address (it must be UTF-8)' },
  'not-utf8': { zh: '内容不是有效的 UTF-8 文本', en: 'the content is not valid UTF-8 text' },
  'size-limit': { zh: '不得超过 {size}', en: 'at most {size}' },
  required: { zh: '必填', en: 'required' },
};

export function validationMessage(code: string, language: Language): string | undefined {
  const m = MESSAGES[code];
  return m && (language === 'en' ? m.en : m.zh);
}

const LOCALES = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() } as const;

type Issue = z.core.$ZodIssue;

/** One refused field's words: the schema's own rule, a missing value, or zod's words in the language. */
export function describeIssue(issue: Issue, language: Language): string {
  if (issue.message.startsWith('msg:')) return validationMessage(issue.message.slice(4), language) ?? issue.message.slice(4);
  const missing = (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined && issue.message.includes('undefined')) || (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1);
  if (missing) return validationMessage('required', language)!;
  const said = LOCALES[language].localeError(issue as never);
  return (typeof said === 'string' ? said : said?.message) ?? issue.message;
}

/** A size as the limits are set and people read them: 100 KB, 10 MB (binary units). */
export function formatSize(bytes: number): string {
  const MB = 1024 * 1024;
  if (bytes >= MB && bytes % MB === 0) return `${bytes / MB} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} B`;
}

/** "at most 100 KB", in the reader's language. */
export function sizeLimitMessage(bytes: number, language: Language): string {
  return validationMessage('size-limit', language)!.replace('{size}', formatSize(bytes));
}
