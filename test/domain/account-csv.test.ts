import { parseAccountCsv } from '../../domain/account-csv';

// Every name, address and unit here is made up.
const ZH_HEADER = '用户名,姓名,邮箱,角色,业务领域,单位';
const EN_HEADER = 'username,displayName,email,roles,fields,unit';

const lines = (...rows: string[]) => rows.join('\n');

describe('parseAccountCsv: reading', () => {
  test('reads a sheet with Chinese headers and Chinese role names', () => {
    const { rows, errors } = parseAccountCsv(
      lines(
        ZH_HEADER,
        'mishu01,测试秘书,mishu01@example.com,秘书处,,',
        'zuzhang,测试组长,zuzhang@example.com,评审工作组,catering;greening,',
        'tuijian,测试联系人,tuijian@example.com,推荐单位,,示例大学后勤处',
      ),
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, username: 'mishu01', displayName: '测试秘书', email: 'mishu01@example.com', roles: ['secretariat'], fields: [] },
      { line: 3, username: 'zuzhang', displayName: '测试组长', email: 'zuzhang@example.com', roles: ['working-group'], fields: ['catering', 'greening'] },
      { line: 4, username: 'tuijian', displayName: '测试联系人', email: 'tuijian@example.com', roles: ['unit'], fields: [], unitName: '示例大学后勤处' },
    ]);
  });

  test('reads English headers in any order and any case, ignoring extra columns, with role codes', () => {
    const { rows, errors } = parseAccountCsv(
      lines('No.,Unit,Roles,E-mail,Display Name,USERNAME,Fields,Remarks', '1,Example College,branch committee,b.one@example.com,Test Person B,b.one,energy,n/a'),
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, username: 'b.one', displayName: 'Test Person B', email: 'b.one@example.com', roles: ['branch', 'committee'], fields: ['energy'], unitName: 'Example College' },
    ]);
  });

  test('accepts the other names of the columns: 显示名 and 电子邮箱', () => {
    const { rows, errors } = parseAccountCsv(lines('用户名,显示名,电子邮箱,角色', 'shenji,测试审计,shenji@example.com,审计员'));
    expect(errors).toEqual([]);
    expect(rows).toMatchObject([{ username: 'shenji', displayName: '测试审计', email: 'shenji@example.com', roles: ['auditor'] }]);
  });

  test('every Chinese role name and its short form is read, and a role named twice counts once', () => {
    const { rows, errors } = parseAccountCsv(
      lines(ZH_HEADER, 'all.roles,测试全角色,all@example.com,秘书处、评审工作组、分支机构、评审委员会委员、审计员、推荐单位,property,示例学院', 'weiyuan,测试委员,wy@example.com,评审委员 committee COMMITTEE,,'),
    );
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.roles)).toEqual([['secretariat', 'working-group', 'branch', 'committee', 'auditor', 'unit'], ['committee']]);
  });

  test('lists in a cell may be separated by ; ； 、 ，, spaces, or commas inside quotes', () => {
    const { rows, errors } = parseAccountCsv(
      lines(
        EN_HEADER,
        'u.one,Test One,one@example.com,working-group；branch,catering；energy,',
        'u.two,Test Two,two@example.com,"working-group, committee","catering, energy,safety",',
        'u.three,Test Three,three@example.com,working-group  auditor,catering、energy ; safety,',
        'u.four,Test Four,four@example.com,branch，committee,CATERING，catering,',
      ),
    );
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.roles, r.fields])).toEqual([
      [['working-group', 'branch'], ['catering', 'energy']],
      [['working-group', 'committee'], ['catering', 'energy', 'safety']],
      [['working-group', 'auditor'], ['catering', 'energy', 'safety']],
      [['branch', 'committee'], ['catering']],
    ]);
  });

  test('RFC 4180 quoting: commas, doubled quotes and line breaks inside quoted values', () => {
    const text = lines(EN_HEADER, 'q.one,"Test ""Nick"" Person",q1@example.com,unit,,"Example University, Logistics"', 'q.two,Test Two,q2@example.com,unit,,"Example\nSchool"', 'q.three,Test Three,q3@example.com,secretariat,,');
    const { rows, errors } = parseAccountCsv(text);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.line, r.displayName, r.unitName])).toEqual([
      [2, 'Test "Nick" Person', 'Example University, Logistics'],
      [3, 'Test Two', 'Example\nSchool'],
      // The quoted line break is a physical line: the next record starts on line 5.
      [5, 'Test Three', undefined],
    ]);
  });

  test('a byte-order mark and CRLF line ends (as Excel writes "CSV UTF-8") are accepted', () => {
    const text = `\uFEFF${ZH_HEADER}\r\nmishu02,测试秘书乙,mishu02@example.com,秘书处,,\r\n\r\nfenzhi,测试分支,fenzhi@example.com,分支机构,k12,示例分会\r\n`;
    const { rows, errors } = parseAccountCsv(text);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.line, r.username, r.unitName])).toEqual([
      [2, 'mishu02', undefined],
      [4, 'fenzhi', '示例分会'],
    ]);
  });

  test('values are trimmed; full-width letters in a username are read as ASCII', () => {
    const { rows, errors } = parseAccountCsv(lines(EN_HEADER, ' ｍｉｓｈｕ０３ ,  Test Three  , three@example.com ,  secretariat ,, '));
    expect(errors).toEqual([]);
    expect(rows[0]).toEqual({ line: 2, username: 'mishu03', displayName: 'Test Three', email: 'three@example.com', roles: ['secretariat'], fields: [] });
  });

  test('the fields and unit columns may be left out when no line needs them, or cut short on a line', () => {
    const { rows, errors } = parseAccountCsv(lines('username,displayName,email,roles', 'a.one,Test A,a@example.com,secretariat'));
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(1);
    const short = parseAccountCsv(lines(EN_HEADER, 'a.two,Test A,a@example.com,auditor'));
    expect(short.errors).toEqual([]);
    expect(short.rows).toMatchObject([{ username: 'a.two', roles: ['auditor'], fields: [] }]);
  });

  test('a staff account may name its own unit', () => {
    const { rows, errors } = parseAccountCsv(lines(ZH_HEADER, 'weiyuan2,测试委员,wy2@example.com,评审委员,,示例大学'));
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ roles: ['committee'], unitName: '示例大学' });
  });

  test('a header with no data rows reads as no rows and no errors', () => {
    expect(parseAccountCsv(`${ZH_HEADER}\r\n`)).toEqual({ rows: [], errors: [] });
  });
});

describe('parseAccountCsv: the header', () => {
  test('an empty file says it lacks a header row, in both languages', () => {
    for (const text of ['', '\uFEFF', '\r\n,,,\r\n']) {
      expect(parseAccountCsv(text)).toEqual({
        rows: [],
        errors: [{ line: 1, message: expect.stringContaining('header row'), messageZh: expect.stringContaining('表头') }],
      });
    }
  });

  test('a header without a required column is one error on its line, and no row is read', () => {
    const { rows, errors } = parseAccountCsv(lines('', '用户名,姓名,单位', 'mishu01,测试秘书,示例大学'));
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      {
        line: 2,
        message: 'header row lacks columns 邮箱/email, 角色/roles (found: 用户名, 姓名, 单位)',
        messageZh: '表头缺少 邮箱/email、角色/roles 列（现有：用户名、姓名、单位）',
      },
    ]);
  });

  test('a column named twice (in either language) is refused', () => {
    const { errors } = parseAccountCsv(lines('username,displayName,email,roles,用户名', 'a,b,c,d,e'));
    expect(errors).toEqual([{ line: 1, message: 'column 用户名/username appears twice', messageZh: '用户名/username 列出现了两次' }]);
  });

  test('a sheet saved in another encoding than UTF-8 is told so at the header', () => {
    const { errors } = parseAccountCsv(lines('\uFFFD\uFFFD\uFFFD,\uFFFD\uFFFD,\uFFFD\uFFFD,\uFFFD\uFFFD', 'a,b,c,d'));
    expect(errors).toEqual([{ line: 1, message: expect.stringContaining('not UTF-8'), messageZh: expect.stringContaining('UTF-8') }]);
  });

  test('a header with a broken quote is named', () => {
    const { errors } = parseAccountCsv('"username,displayName,email,roles\nx,y,z,w');
    expect(errors).toEqual([{ line: 1, message: 'header row: a quoted value opened on line 1 is never closed', messageZh: '表头行：第 1 行开始的带引号的值没有结束引号' }]);
  });
});

describe('parseAccountCsv: bad lines', () => {
  test('every bad line is named, each error kind with its own message, and good lines still parse', () => {
    const text = lines(
      EN_HEADER, //                                                         line 1
      'good.one,Test Good,good@example.com,secretariat,,', //               2 good
      ',Test Empty,empty@example.com,secretariat,,', //                     3 empty username
      'ab,Test Short,short@example.com,secretariat,,', //                   4 username too short
      `${'x'.repeat(65)},Test Long,long@example.com,secretariat,,`, //     5 username too long
      '张三,Test Han,han@example.com,secretariat,,', //                     6 username not ASCII
      'has space,Test Space,space@example.com,secretariat,,', //           7 username with a space
      'no.name,,noname@example.com,secretariat,,', //                       8 empty display name
      `long.name,${'名'.repeat(101)},ln@example.com,secretariat,,`, //      9 display name too long
      'no.mail,Test No Mail,,secretariat,,', //                             10 empty email
      'bad.mail,Test Bad Mail,not-an-address,secretariat,,', //            11 bad email
      'no.role,Test No Role,norole@example.com,,,', //                      12 no role
      'bad.role,Test Bad Role,badrole@example.com,主任；secretary,,', //     13 unknown roles
      'wg.nofield,Test WG,wg@example.com,评审工作组,,', //                   14 working group without a field
      'br.nofield,Test BR,br@example.com,branch,,', //                      15 branch without a field
      'bad.field,Test Field,bf@example.com,working-group,伙食管理;9x,', //   16 bad field codes
      'unit.noname,Test Unit,un@example.com,推荐单位,,', //                   17 unit role without a unit
      `unit.long,Test Unit,ul@example.com,unit,,${'单'.repeat(201)}`, //    18 unit name too long
      'short.line,Test Short Line', //                                       19 too few values
      'long.line,Test Long Line,ll@example.com,secretariat,,Example,extra', // 20 too many values
      'bad.quote,"Test "Bad" Quote",bq@example.com,secretariat,,', //       21 bad quoting
      'garbled,\uFFFD\uFFFD,g@example.com,secretariat,,', //                 22 not UTF-8
      ',,,,,', //                                                            23 blank: skipped
      'good.two,Test Good Two,good2@example.com,auditor,,', //              24 good
    );
    const { rows, errors } = parseAccountCsv(text);
    expect(rows.map((r) => r.line)).toEqual([2, 24]);
    expect(errors.map(({ line, message }) => ({ line, message }))).toEqual([
      { line: 3, message: '用户名/username is empty' },
      { line: 4, message: '用户名/username "ab" must be 3 to 64 letters, digits, dots, underscores or dashes' },
      { line: 5, message: expect.stringMatching(/^用户名\/username "x{65}" must be 3 to 64/) },
      { line: 6, message: expect.stringMatching(/^用户名\/username "张三" must be/) },
      { line: 7, message: expect.stringMatching(/^用户名\/username "has space" must be/) },
      { line: 8, message: '姓名/displayName is empty' },
      { line: 9, message: '姓名/displayName is longer than 100 characters' },
      { line: 10, message: '邮箱/email is empty' },
      { line: 11, message: '邮箱/email "not-an-address" is not an email address' },
      { line: 12, message: expect.stringMatching(/^角色\/roles is empty: give at least one of 秘书处\/secretariat, /) },
      { line: 13, message: expect.stringMatching(/^角色\/roles "主任", "secretary" are not roles: use 秘书处\/secretariat, 评审工作组\/working-group, /) },
      { line: 14, message: 'the role working-group needs at least one field in 业务领域/fields' },
      { line: 15, message: 'the role branch needs at least one field in 业务领域/fields' },
      { line: 16, message: '业务领域/fields "伙食管理", "9x" are not field codes (lower-case letters, digits and dashes, such as catering)' },
      { line: 17, message: "the role unit needs the unit's name in 单位/unit" },
      { line: 18, message: '单位/unit is longer than 200 characters' },
      { line: 19, message: 'has 2 values but the header has 6 columns: missing 邮箱/email, 角色/roles' },
      { line: 20, message: expect.stringMatching(/^has 7 values but the header has 6 columns \(a comma inside a value must be quoted/) },
      { line: 21, message: expect.stringContaining('closing quote') },
      { line: 22, message: expect.stringContaining('not valid UTF-8') },
    ]);
  });

  test('every error is also told in Chinese', () => {
    const { errors } = parseAccountCsv(
      lines(EN_HEADER, 'ab,,bad,主任,9x,', 'wg.one,Test,wg@example.com,working-group,,', 'unit.one,Test,u@example.com,unit,,', 'short', 'x,y,z,w,v,u,t', 'q,"a"b,c,d,,'),
    );
    expect(errors.length).toBeGreaterThanOrEqual(9);
    for (const error of errors) expect(error.messageZh).toMatch(/\p{Script=Han}/u);
    expect(errors.find((e) => e.line === 3)).toEqual({
      line: 3,
      message: 'the role working-group needs at least one field in 业务领域/fields',
      messageZh: '评审工作组角色须在 业务领域/fields 中填写至少一个业务领域',
    });
  });

  test('a line with several problems names each of them', () => {
    const { errors } = parseAccountCsv(lines(EN_HEADER, 'ab,,not-an-address,,,'));
    expect(errors.map((e) => [e.line, e.message.split(' ')[0]])).toEqual([
      [2, '用户名/username'],
      [2, '姓名/displayName'],
      [2, '邮箱/email'],
      [2, '角色/roles'],
    ]);
  });

  test('a quoted value never closed is named by the line it opened on, and the lines it swallowed are not read', () => {
    const { rows, errors } = parseAccountCsv(lines(EN_HEADER, 'a.one,Test A,a@example.com,secretariat,,', 'a.two,"Test B,b@example.com,secretariat,,', 'a.three,Test C,c@example.com,secretariat,,'));
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(errors).toEqual([{ line: 3, message: 'a quoted value opened on line 3 is never closed', messageZh: '第 3 行开始的带引号的值没有结束引号' }]);
  });
});

describe('parseAccountCsv: repeated usernames', () => {
  test('a username repeated in another case is named on the later line, with the line it repeats', () => {
    const { rows, errors } = parseAccountCsv(
      lines(ZH_HEADER, 'Zhang.Wei,测试甲,a@example.com,秘书处,,', 'li.na,测试乙,b@example.com,审计员,,', 'zhang.wei,测试丙,c@example.com,审计员,,', 'ZHANG.WEI,测试丁,d@example.com,审计员,,'),
    );
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
    expect(errors).toEqual([
      { line: 4, message: '用户名/username "zhang.wei" is already on line 2 (usernames are compared ignoring case)', messageZh: '用户名/username"zhang.wei"与第 2 行重复（不区分大小写）' },
      { line: 5, message: '用户名/username "ZHANG.WEI" is already on line 2 (usernames are compared ignoring case)', messageZh: '用户名/username"ZHANG.WEI"与第 2 行重复（不区分大小写）' },
    ]);
  });

  test('a repeated username is named even when the first line has other problems', () => {
    const { errors } = parseAccountCsv(lines(EN_HEADER, 'dup.user,Test A,not-an-address,secretariat,,', 'dup.user,Test B,b@example.com,secretariat,,'));
    expect(errors.map(({ line, message }) => ({ line, message }))).toEqual([
      { line: 2, message: '邮箱/email "not-an-address" is not an email address' },
      { line: 3, message: expect.stringContaining('is already on line 2') },
    ]);
  });
});
