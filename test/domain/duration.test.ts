import { parseIsoDuration } from '../../domain/duration';

test.each([
  ['P7D', 7 * 86_400_000],
  ['PT30S', 30_000],
  ['P1W', 7 * 86_400_000],
  ['P1DT2H3M4.5S', 86_400_000 + 2 * 3_600_000 + 3 * 60_000 + 4_500],
])('%s is %d ms', (text, ms) => {
  expect(parseIsoDuration(text)).toBe(ms);
});

test.each(['', 'P', 'PT', '7D', 'P1M', 'P1Y', 'P0D', 'PT-5S', 'P1DT'])('"%s" is refused', (text) => {
  expect(parseIsoDuration(text)).toBeNull();
});
