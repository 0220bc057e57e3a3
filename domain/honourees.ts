/**
 * Who was honoured before is not eligible again (2020 感动人物, 2021–2023 最美后勤人). Individuals are
 * matched by name and their own unit (所在单位), teams by team name and the unit they belong to,
 * after normalising width, case, spaces and punctuation (「某市·第一中学」 is 「某市第一中学」).
 */
export function normaliseForMatch(text: string): string {
  return text.normalize('NFKC').replace(/[\s\p{P}\p{S}]+/gu, '').toLowerCase();
}

export function honoureeKey(category: 'individual' | 'team', name: string, unit: string): string {
  return `${category}|${normaliseForMatch(name)}|${normaliseForMatch(unit)}`;
}
