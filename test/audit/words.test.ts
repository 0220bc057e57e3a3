import { isStepActivity } from '../../audit/case-activity-names';
import { beijingTime, durationText, localTime } from '../../audit/narration/words';

test('times are read in Beijing time to the minute; what is not a time is shown as it is', () => {
  expect(localTime('2030-01-01T16:30:00.000Z', 'zh-CN')).toBe('2030-01-02 00:30（北京时间）');
  expect(localTime('2030-01-01T16:30:00.000Z', 'en')).toBe('2030-01-02 00:30 (Beijing time)');
  expect(localTime('soon', 'en')).toBe('soon');
  expect(localTime(undefined, 'en')).toBe('?');
});

test('the CSV’s cell is the page’s time without the zone its header names', () => {
  for (const iso of ['2030-01-01T16:30:59.999Z', '2030-12-31T15:59:00.000Z', '2030-06-30T00:00:00.000Z']) {
    expect(localTime(iso, 'zh-CN')).toBe(`${beijingTime(iso)}（北京时间）`);
    expect(localTime(iso, 'en')).toBe(`${beijingTime(iso)} (Beijing time)`);
  }
  expect(beijingTime('2030-12-31T15:59:00.000Z')).toBe('2030-12-31 23:59');
  expect(beijingTime('2030-12-31T16:00:00.000Z')).toBe('2031-01-01 00:00');
});

test('a duration is given in its largest unit, to one decimal', () => {
  expect(durationText(7 * 86_400_000, 'zh-CN')).toBe('7 天');
  expect(durationText(90 * 60_000, 'en')).toBe('1.5 h');
  expect(durationText(1500, 'en')).toBe('1.5 s');
  expect(durationText(250, 'zh-CN')).toBe('250 毫秒');
  expect(durationText(0, 'en')).toBe('0 ms');
});

test('the activities that record a case step are the contract’s, and only those', () => {
  expect(['recordCaseStep', 'enterSelectionPool', 'recordVote', 'compensate', undefined].map(isStepActivity)).toEqual([true, true, false, false, false]);
});
