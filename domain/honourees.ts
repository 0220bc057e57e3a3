/**
 * Who was honoured before is not eligible again (2020 感动人物, 2021–2023 最美后勤人). Individuals are
 * matched by name and unit, teams by team name and unit, after normalising width, case and spaces.
 */
export function normaliseForMatch(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

export function honoureeKey(category: 'individual' | 'team', name: string, unit: string): string {
  return `${category}|${normaliseForMatch(name)}|${normaliseForMatch(unit)}`;
}
