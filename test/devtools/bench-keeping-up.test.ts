import { keepingUp } from '../../scripts/bench/keeping-up';
import { atSteadyRate } from '../../scripts/bench/steady-rate';

/** Ten arrivals a second apart from t=0, each reaching its first step `lag(i)` ms later. */
function arrivals(lag: (i: number) => number) {
  const sentAt: Record<string, number> = {};
  const firstStepAt: Record<string, number> = {};
  for (let i = 0; i < 10; i++) {
    sentAt[`w${i}`] = i * 1000;
    firstStepAt[`w${i}`] = i * 1000 + lag(i);
  }
  return { sentAt, firstStepAt };
}

test('a worker whose lag stays short keeps up; one whose lag grows with every arrival does not, and the last tenth shows it', () => {
  const steady = arrivals(() => 300);
  expect(keepingUp(steady.sentAt, steady.firstStepAt, 20, 20)).toMatchObject({ keptUp: true, lagP95FirstTenthMs: 300, lagP95LastTenthMs: 300 });
  const behind = arrivals((i) => 500 + i * 400);
  expect(keepingUp(behind.sentAt, behind.firstStepAt, 20, 20)).toMatchObject({ keptUp: false, lagP95FirstTenthMs: 500, lagP95LastTenthMs: 4100 });
});

test('arrivals answered at under 95% of the rate asked for do not keep up, however short the lag', () => {
  const steady = arrivals(() => 300);
  expect(keepingUp(steady.sentAt, steady.firstStepAt, 18.9, 20).keptUp).toBe(false);
});

test('an arrival without a first step is left out of the lags, in the order they were sent', () => {
  const { sentAt, firstStepAt } = arrivals((i) => 100 * (i + 1));
  delete firstStepAt.w9;
  expect(keepingUp(sentAt, firstStepAt, 20, 20).firstStepLagMs).toMatchObject({ count: 9, max: 900 });
});

test('steady arrivals all run even when one fails, and the failure is thrown once every arrival is answered', async () => {
  const answered: number[] = [];
  const run = atSteadyRate(5, 1000, async (i) => {
    if (i === 2) throw new Error('arrival 2 failed');
    answered.push(i);
  });
  await expect(run).rejects.toThrow('arrival 2 failed');
  expect(answered).toEqual([1, 3, 4, 5]);
});
