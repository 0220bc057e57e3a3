import { z } from 'zod';
import type { CsvColumn, CsvLineError, CsvRecord } from './csv-records';
import { foldCell, isBlankRecord, locateColumns, splitCsvRecords } from './csv-records';
import type { Role } from './roles';
import { ROLES } from './roles';
import { ROLE_LABELS } from './vocabulary';

/**
 * The accounts the secretariat creates in bulk (`POST /api/users/import`): a CSV sheet with the
 * columns of `POST /api/users`, one account per line. Pure: text in, rows and per-line errors out;
 * what needs the database (a username already taken, a unit name that names no unit) is checked by
 * the caller.
 *
 * - UTF-8, with or without a byte-order mark; CRLF, LF or CR; RFC 4180 quoting (csv-records.ts).
 * - Headers in Chinese or English, in any order: 用户名/username, 姓名/displayName (or 显示名),
 *   邮箱/email (or 电子邮箱), 角色/roles, and optionally 业务领域/fields, 单位/unit. Other columns
 *   (序号, 备注 …) are ignored.
 * - Roles and fields are lists in one cell, separated by `;` `；` `、` spaces, or commas inside a
 *   quoted value. Roles by their Chinese names (秘书处, 评审工作组, 分支机构, 评审委员会委员 or
 *   评审委员, 审计员, 推荐单位) or their codes; fields by their codes (`catering`).
 * - The unit is named, not given by id: the caller looks the name up.
 * - Line numbers are physical lines, 1 = the first; a record spanning lines is named by its first.
 *
 * Each error is told twice, `message` in English and `messageZh` in Chinese, so the API can answer
 * in the reader's language without knowing what went wrong; `message` alone is a `CsvLineError`.
 */

export interface AccountRow {
  /** The line of the file the row starts on. */
  line: number;
  username: string;
  displayName: string;
  email: string;
  /** At least one, each once, in the order given. */
  roles: Role[];
  /** Field codes, each once, in the order given; possibly empty. */
  fields: string[];
  /** The name of the account's unit as written in the sheet; required with the `unit` role. */
  unitName?: string;
}

export interface AccountCsvError extends CsvLineError {
  /** The same error in Chinese. */
  messageZh: string;
}

export interface AccountCsvResult {
  rows: AccountRow[];
  errors: AccountCsvError[];
}

export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{3,64}$/;
export const MAX_DISPLAY_NAME = 100;
export const MAX_EMAIL = 254;
export const MAX_UNIT_NAME = 200;
export const FIELD_CODE_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
/** The roles that review by business field, so need at least one. */
export const ROLES_NEEDING_FIELDS: readonly Role[] = ['working-group', 'branch'];

type Column = 'username' | 'displayName' | 'email' | 'roles' | 'fields' | 'unit';

export const ACCOUNT_COLUMNS: readonly (CsvColumn<Column> & { required: boolean })[] = [
  { key: 'username', zh: '用户名', en: 'username', required: true },
  { key: 'displayName', zh: '姓名', en: 'displayName', aliases: ['显示名'], required: true },
  { key: 'email', zh: '邮箱', en: 'email', aliases: ['电子邮箱', 'e-mail'], required: true },
  { key: 'roles', zh: '角色', en: 'roles', required: true },
  { key: 'fields', zh: '业务领域', en: 'fields', required: false },
  { key: 'unit', zh: '单位', en: 'unit', required: false },
];

/** Role codes, their Chinese names (those of the pages) and one short form the secretariat uses. */
const ROLE_NAMES = new Map<string, Role>([
  ...ROLES.map((role) => [role, role] as const),
  ...ROLES.map((role) => [foldCell(ROLE_LABELS[role].zh), role] as const),
  ['评审委员', 'committee'],
]);

const roleChoices = ROLES.map((role) => `${ROLE_LABELS[role].zh}/${role}`);
const ROLE_CHOICES = roleChoices.join(', ');
const ROLE_CHOICES_ZH = roleChoices.join('、');

const email = z.email({ pattern: z.regexes.html5Email }).max(MAX_EMAIL);

const label = (key: Column) => {
  const c = ACCOUNT_COLUMNS.find((col) => col.key === key)!;
  return `${c.zh}/${c.en}`;
};

/** A list in one cell; NFKC turns `；` into `;` and `，` into `,`. */
const listItems = (cell: string) =>
  cell
    .normalize('NFKC')
    .split(/[;,、\s]+/)
    .filter((item) => item !== '');

interface Problem {
  en: string;
  zh: string;
}

const errorOn = (line: number, { en, zh }: Problem): AccountCsvError => ({ line, message: en, messageZh: zh });

function readHeader(header: CsvRecord): { index: Map<Column, number>; problems: Problem[] } {
  if (header.problem) return { index: new Map(), problems: [{ en: `header row: ${header.problem}`, zh: `表头行：${header.problemZh}` }] };
  if (header.fields.some((cell) => cell.includes('\uFFFD'))) {
    return {
      index: new Map(),
      problems: [{ en: 'the file is not UTF-8 text: save the sheet as "CSV UTF-8"', zh: '文件不是 UTF-8 编码：请将表格另存为"CSV UTF-8"格式' }],
    };
  }
  const { index, repeated } = locateColumns(header.fields, ACCOUNT_COLUMNS);
  const problems: Problem[] = repeated.map((key) => ({ en: `column ${label(key)} appears twice`, zh: `${label(key)} 列出现了两次` }));
  const missing = ACCOUNT_COLUMNS.filter((c) => c.required && !index.has(c.key)).map((c) => label(c.key));
  if (missing.length > 0) {
    const found = header.fields.map((f) => f.trim()).filter(Boolean);
    problems.push({
      en: `header row lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${found.length > 0 ? found.join(', ') : 'nothing'})`,
      zh: `表头缺少 ${missing.join('、')} 列（现有：${found.length > 0 ? found.join('、') : '无'}）`,
    });
  }
  return { index, problems };
}

/** The values of one line and the problems found in it alone (a row is made of it only without problems). */
function readAccount(cell: (key: Column) => string): { account: Omit<AccountRow, 'line'>; problems: Problem[] } {
  const problems: Problem[] = [];

  const username = cell('username').normalize('NFKC').trim();
  if (username === '') problems.push({ en: `${label('username')} is empty`, zh: `${label('username')} 为空` });
  else if (!USERNAME_PATTERN.test(username))
    problems.push({
      en: `${label('username')} "${username}" must be 3 to 64 letters, digits, dots, underscores or dashes`,
      zh: `${label('username')}"${username}"须为 3 至 64 个字母、数字、点、下划线或连字符`,
    });

  const displayName = cell('displayName').trim();
  if (displayName === '') problems.push({ en: `${label('displayName')} is empty`, zh: `${label('displayName')} 为空` });
  else if (displayName.length > MAX_DISPLAY_NAME)
    problems.push({ en: `${label('displayName')} is longer than ${MAX_DISPLAY_NAME} characters`, zh: `${label('displayName')} 超过 ${MAX_DISPLAY_NAME} 个字符` });

  const address = cell('email').trim();
  if (address === '') problems.push({ en: `${label('email')} is empty`, zh: `${label('email')} 为空` });
  else if (!email.safeParse(address).success)
    problems.push({ en: `${label('email')} "${address}" is not an email address`, zh: `${label('email')}"${address}"不是有效的邮箱地址` });

  const roleNames = listItems(cell('roles'));
  const roles = [...new Set(roleNames.map((name) => ROLE_NAMES.get(foldCell(name))).filter((role) => role !== undefined))];
  const unknownRoles = roleNames.filter((name) => !ROLE_NAMES.has(foldCell(name)));
  if (roleNames.length === 0)
    problems.push({ en: `${label('roles')} is empty: give at least one of ${ROLE_CHOICES}`, zh: `${label('roles')} 为空：请至少填写一个角色（${ROLE_CHOICES_ZH}）` });
  else if (unknownRoles.length > 0) {
    const quoted = unknownRoles.map((name) => `"${name}"`);
    problems.push({
      en: `${label('roles')} ${quoted.join(', ')} ${unknownRoles.length > 1 ? 'are not roles' : 'is not a role'}: use ${ROLE_CHOICES}`,
      zh: `${label('roles')} ${quoted.join('、')} 不是有效的角色，可用：${ROLE_CHOICES_ZH}`,
    });
  }

  const fields = [...new Set(listItems(cell('fields')).map((code) => code.toLowerCase()))];
  const badFields = fields.filter((code) => !FIELD_CODE_PATTERN.test(code));
  if (badFields.length > 0) {
    const quoted = badFields.map((code) => `"${code}"`);
    problems.push({
      en: `${label('fields')} ${quoted.join(', ')} ${badFields.length > 1 ? 'are not field codes' : 'is not a field code'} (lower-case letters, digits and dashes, such as catering)`,
      zh: `${label('fields')} ${quoted.join('、')} 不是业务领域代码（小写字母、数字和连字符，如 catering）`,
    });
  }
  const needingFields = roles.filter((role) => ROLES_NEEDING_FIELDS.includes(role));
  if (needingFields.length > 0 && fields.length === 0) {
    problems.push({
      en: `the role${needingFields.length > 1 ? 's' : ''} ${needingFields.join(' and ')} need${needingFields.length > 1 ? '' : 's'} at least one field in ${label('fields')}`,
      zh: `${needingFields.map((role) => ROLE_LABELS[role].zh).join('、')}角色须在 ${label('fields')} 中填写至少一个业务领域`,
    });
  }

  const unitName = cell('unit').trim();
  if (unitName.length > MAX_UNIT_NAME) problems.push({ en: `${label('unit')} is longer than ${MAX_UNIT_NAME} characters`, zh: `${label('unit')} 超过 ${MAX_UNIT_NAME} 个字符` });
  else if (unitName === '' && roles.includes('unit'))
    problems.push({ en: `the role unit needs the unit's name in ${label('unit')}`, zh: `推荐单位角色须在 ${label('unit')} 中填写单位名称` });

  return { account: { username, displayName, email: address, roles, fields, ...(unitName !== '' && { unitName }) }, problems };
}

/** Parses the account sheet: every bad line is named, and a row is returned only if its line is good. */
export function parseAccountCsv(text: string): AccountCsvResult {
  const records = splitCsvRecords(text);
  const errors: AccountCsvError[] = [];
  const rows: AccountRow[] = [];

  const headerAt = records.findIndex((r) => !isBlankRecord(r));
  if (headerAt < 0) {
    const required = ACCOUNT_COLUMNS.filter((c) => c.required).map((c) => label(c.key));
    const optional = ACCOUNT_COLUMNS.filter((c) => !c.required).map((c) => label(c.key));
    return {
      rows,
      errors: [
        errorOn(1, {
          en: `the file is empty: expected a header row with ${required.join(', ')} (and, if needed, ${optional.join(', ')})`,
          zh: `文件为空：第一行应为表头，含 ${required.join('、')} 列（需要时再加 ${optional.join('、')} 列）`,
        }),
      ],
    };
  }
  const header = records[headerAt];
  const { index, problems: headerProblems } = readHeader(header);
  if (headerProblems.length > 0) return { rows, errors: headerProblems.map((p) => errorOn(header.line, p)) };

  const width = header.fields.length;
  const required = ACCOUNT_COLUMNS.filter((c) => c.required);
  const lastRequired = Math.max(...required.map((c) => index.get(c.key)!));
  const firstLineOf = new Map<string, number>();

  for (const record of records.slice(headerAt + 1)) {
    if (isBlankRecord(record)) continue;
    const line = record.line;
    if (record.problem) {
      errors.push(errorOn(line, { en: record.problem, zh: record.problemZh ?? record.problem }));
      continue;
    }
    const count = record.fields.length;
    if (count <= lastRequired) {
      const absent = required.filter((c) => index.get(c.key)! >= count).map((c) => label(c.key));
      errors.push(
        errorOn(line, {
          en: `has ${count} value${count === 1 ? '' : 's'} but the header has ${width} columns: missing ${absent.join(', ')}`,
          zh: `只有 ${count} 个值，而表头有 ${width} 列：缺少 ${absent.join('、')}`,
        }),
      );
      continue;
    }
    if (count > width && record.fields.slice(width).some((f) => f.trim() !== '')) {
      errors.push(
        errorOn(line, {
          en: `has ${count} values but the header has ${width} columns (a comma inside a value must be quoted: "…,…")`,
          zh: `有 ${count} 个值，而表头只有 ${width} 列（值中含逗号时须用英文双引号括起："…,…"）`,
        }),
      );
      continue;
    }
    if ([...index.values()].some((at) => record.fields[at]?.includes('\uFFFD'))) {
      errors.push(
        errorOn(line, {
          en: 'holds characters that are not valid UTF-8 (save the sheet as "CSV UTF-8")',
          zh: '含有无法识别的字符（请将表格另存为"CSV UTF-8"格式）',
        }),
      );
      continue;
    }
    // An optional column the line stops short of is empty.
    const cell = (key: Column) => {
      const at = index.get(key);
      return at === undefined ? '' : (record.fields[at] ?? '');
    };
    const { account, problems } = readAccount(cell);
    // A repeated username is named even when either line has other problems too.
    if (USERNAME_PATTERN.test(account.username)) {
      const key = account.username.toLowerCase();
      const earlier = firstLineOf.get(key);
      if (earlier === undefined) firstLineOf.set(key, line);
      else
        problems.push({
          en: `${label('username')} "${account.username}" is already on line ${earlier} (usernames are compared ignoring case)`,
          zh: `${label('username')}"${account.username}"与第 ${earlier} 行重复（不区分大小写）`,
        });
    }
    if (problems.length > 0) {
      for (const problem of problems) errors.push(errorOn(line, problem));
      continue;
    }
    rows.push({ line, ...account });
  }
  return { rows, errors };
}
