import { parseHonoureeCsv, splitCsvRecords } from '../../domain/honouree-csv';
import { honoureeKey } from '../../domain/honourees';

// Every name and unit here is made up.
const ZH_HEADER = '年度,荣誉,类别,姓名或团队名称,单位';
const EN_HEADER = 'year,title,category,name,unit';

const lines = (...rows: string[]) => rows.join('\n');

describe('parseHonoureeCsv', () => {
  test('reads a sheet with Chinese headers; rows carry the lookup key of the submission check', () => {
    const { rows, errors } = parseHonoureeCsv(
      lines(ZH_HEADER, '2021,2021年度最美后勤人,个人,测试人员甲,示例大学后勤处', '2020,2020年度感动人物,团队,示例食堂保障团队,示例中学'),
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, year: 2021, title: '2021年度最美后勤人', category: 'individual', name: '测试人员甲', unit: '示例大学后勤处', lookupKey: honoureeKey('individual', '测试人员甲', '示例大学后勤处') },
      { line: 3, year: 2020, title: '2020年度感动人物', category: 'team', name: '示例食堂保障团队', unit: '示例中学', lookupKey: honoureeKey('team', '示例食堂保障团队', '示例中学') },
    ]);
  });

  test('reads English headers in any order, in any case, ignoring extra columns, and English categories', () => {
    const { rows, errors } = parseHonoureeCsv(lines('No., Unit ,NAME,Category,Title,Year,Remarks', '1,Example College,Test Person B,Individual,Most Beautiful Logistics Worker,2022,n/a', '2,Example School,Test Kitchen Team,TEAM,Most Beautiful Logistics Worker,2023,'));
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.line, r.year, r.category, r.name, r.unit])).toEqual([
      [2, 2022, 'individual', 'Test Person B', 'Example College'],
      [3, 2023, 'team', 'Test Kitchen Team', 'Example School'],
    ]);
  });

  test('mixed-language headers are fine too, and values are trimmed', () => {
    const { rows, errors } = parseHonoureeCsv(lines('年度,title,类别,name,单位', ' 2021 , 最美后勤人 , 个人 , 测试人员丙 , 示例学院 '));
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ year: 2021, title: '最美后勤人', name: '测试人员丙', unit: '示例学院' });
  });

  test('RFC 4180 quoting: commas, doubled quotes and line breaks inside quoted values', () => {
    const text = lines(EN_HEADER, '2021,"Award, first class",individual,"Test ""Nick"" Person","Example University,\nLogistics Office"', '2022,Award,team,Test Team,Example School');
    const { rows, errors } = parseHonoureeCsv(text);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ line: 2, title: 'Award, first class', name: 'Test "Nick" Person', unit: 'Example University,\nLogistics Office' });
    // The quoted line break is a physical line: the next record starts on line 4.
    expect(rows[1]).toMatchObject({ line: 4, name: 'Test Team' });
  });

  test('a byte-order mark and CRLF line ends (as Excel writes "CSV UTF-8") are accepted', () => {
    const text = `\uFEFF${ZH_HEADER}\r\n2021,最美后勤人,个人,测试人员丁,示例大学\r\n2022,最美后勤人,团队,"示例\r\n维修班组",示例大学\r\n`;
    const { rows, errors } = parseHonoureeCsv(text);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.line, r.name, r.unit])).toEqual([
      [2, '测试人员丁', '示例大学'],
      [3, '示例\r\n维修班组', '示例大学'],
    ]);
  });

  test('lone CR line ends, blank lines and empty spreadsheet rows are skipped', () => {
    const { rows, errors } = parseHonoureeCsv(`\n${EN_HEADER}\r2021,T,individual,Test Person E,Example School\r\r,,,,\r2022,T,team,Test Team F,Example School\r`);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.line, r.name])).toEqual([
      [3, 'Test Person E'],
      [6, 'Test Team F'],
    ]);
  });

  test('full-width digits and letters are read as their ASCII forms', () => {
    const { rows, errors } = parseHonoureeCsv(lines(EN_HEADER, '２０２１,T,ＴＥＡＭ,Test Team G,Example School'));
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ year: 2021, category: 'team' });
  });

  test('a header row without the five columns is one error on its line, and no row is read', () => {
    const { rows, errors } = parseHonoureeCsv(lines('年度,荣誉,姓名,单位', '2021,最美后勤人,测试人员甲,示例大学'));
    expect(rows).toEqual([]);
    expect(errors).toEqual([{ line: 1, message: expect.stringMatching(/类别\/category.*姓名或团队名称\/name/) }]);
  });

  test('a column named twice in the header is refused', () => {
    const { errors } = parseHonoureeCsv(lines('year,title,category,name,unit,单位', '2021,T,individual,N,U,U'));
    expect(errors).toEqual([{ line: 1, message: expect.stringContaining('单位/unit appears twice') }]);
  });

  test('an empty file says it lacks a header row', () => {
    for (const text of ['', '\uFEFF', '\r\n\r\n']) {
      expect(parseHonoureeCsv(text)).toEqual({ rows: [], errors: [{ line: 1, message: expect.stringContaining('header row') }] });
    }
  });

  test('a header with no data rows reads as no rows and no errors', () => {
    expect(parseHonoureeCsv(`${ZH_HEADER}\r\n`)).toEqual({ rows: [], errors: [] });
  });

  test('every bad line is named, each error kind with its own message, and good lines still parse', () => {
    const text = lines(
      ZH_HEADER, //                                          line 1
      '2021,最美后勤人,个人,测试人员甲,示例大学', //          2 good
      '2021,最美后勤人,个人,测试人员乙', //                  3 missing column
      '2021,最美后勤人,集体,示例班组,示例大学', //           4 unknown category
      '1999,感动人物,个人,测试人员丙,示例大学', //           5 year out of range
      '2101,感动人物,个人,测试人员丁,示例大学', //           6 year out of range
      '2021.5,感动人物,个人,测试人员戊,示例大学', //         7 year not an integer
      'twenty,感动人物,个人,测试人员己,示例大学', //         8 year not a number
      '2021,最美后勤人,个人,,示例大学', //                   9 empty name
      '2021,最美后勤人,团队,示例班组,  ', //                 10 empty unit
      '2021,最美后勤人,个人,测试人员庚,示例大学,多余', //     11 too many values
      '2021,最美后勤人,个人,"测试"人员辛",示例大学', //       12 bad quoting
      ',,个人,测试人员壬,示例大学', //                       13 empty year and title
      '2023,最美后勤人,个人,测试人员 甲,示例大学', //         14 same person as line 2
      '2022,最美后勤人,team,示例班组,示例大学', //           15 good
    );
    const { rows, errors } = parseHonoureeCsv(text);
    expect(rows.map((r) => r.line)).toEqual([2, 15]);
    expect(errors).toEqual([
      { line: 3, message: expect.stringMatching(/^has 4 values but the header has 5 columns: missing 单位\/unit$/) },
      { line: 4, message: '类别/category "集体" is not one of 个人/individual, 团队/team' },
      { line: 5, message: '年度/year "1999" is not a whole number between 2000 and 2100' },
      { line: 6, message: '年度/year "2101" is not a whole number between 2000 and 2100' },
      { line: 7, message: '年度/year "2021.5" is not a whole number between 2000 and 2100' },
      { line: 8, message: '年度/year "twenty" is not a whole number between 2000 and 2100' },
      { line: 9, message: '姓名或团队名称/name is empty' },
      { line: 10, message: '单位/unit is empty' },
      { line: 11, message: expect.stringMatching(/^has 6 values but the header has 5 columns/) },
      { line: 12, message: expect.stringContaining('closing quote') },
      { line: 13, message: '年度/year is empty' },
      { line: 13, message: '荣誉/title is empty' },
      { line: 14, message: 'the same person and unit as line 2: list each honouree once' },
    ]);
  });

  test('only the four category words are categories', () => {
    const { rows, errors } = parseHonoureeCsv(lines(EN_HEADER, '2021,T,constructor,Test Person L,Example School', '2021,T,individuals,Test Person M,Example School'));
    expect(rows).toEqual([]);
    expect(errors.map((e) => e.line)).toEqual([2, 3]);
  });

  test('trailing empty cells beyond the header are not extra values', () => {
    const { rows, errors } = parseHonoureeCsv(lines(EN_HEADER, '2021,T,individual,Test Person H,Example School,,'));
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(1);
  });

  test('a quoted value never closed is named by the line it opened on', () => {
    const { rows, errors } = parseHonoureeCsv(lines(EN_HEADER, '2021,T,individual,Test Person I,Example School', '2021,T,individual,"Test Person J,Example School', '2022,T,team,Test Team K,Example School'));
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(errors).toEqual([{ line: 3, message: 'a quoted value opened on line 3 is never closed' }]);
  });

  test('text decoded from a non-UTF-8 file (replacement characters) is refused, not stored garbled', () => {
    const { errors } = parseHonoureeCsv(lines(EN_HEADER, '2021,T,individual,\uFFFD\uFFFD,Example School'));
    expect(errors).toEqual([{ line: 2, message: expect.stringContaining('not valid UTF-8') }]);
  });

  test('an overlong value is refused', () => {
    const { errors } = parseHonoureeCsv(lines(EN_HEADER, `2021,T,individual,${'x'.repeat(201)},Example School`));
    expect(errors).toEqual([{ line: 2, message: '姓名或团队名称/name is longer than 200 characters' }]);
  });
});

describe('splitCsvRecords', () => {
  test('an empty last field and an empty quoted field are kept', () => {
    expect(splitCsvRecords('a,,""\n"",b,\n').map((r) => r.fields)).toEqual([
      ['a', '', ''],
      ['', 'b', ''],
    ]);
  });
});
