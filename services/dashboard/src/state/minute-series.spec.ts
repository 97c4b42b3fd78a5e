import { aMinute } from '../../test/feed.builders';
import { MinuteSeries } from './minute-series';

const minute = (m: number) => new Date(Date.UTC(2024, 8, 9, 2, m)).toISOString();

describe('MinuteSeries', () => {
  it('keeps the latest version of each minute, whatever order versions arrive in', () => {
    const series = new MinuteSeries(10);
    expect(series.apply(aMinute(minute(1), 4, 40))).toBe('applied');
    expect(series.apply(aMinute(minute(1), 2, 20))).toBe('stale');
    expect(series.apply(aMinute(minute(1), 4, 99))).toBe('stale');
    expect(series.apply(aMinute(minute(1), 7, 70))).toBe('applied');
    expect(series.points()).toEqual([
      { minute: minute(1), perCurrency: aMinute(minute(1), 7, 70).perCurrency },
    ]);
  });

  it('returns the minutes oldest first', () => {
    const series = new MinuteSeries(10);
    for (const m of [3, 1, 2]) series.apply(aMinute(minute(m), m, m));
    expect(series.points().map((p) => p.minute)).toEqual([minute(1), minute(2), minute(3)]);
  });

  it('keeps only the window counted back from the latest minute seen', () => {
    const series = new MinuteSeries(3);
    for (let m = 0; m < 10; m += 1) series.apply(aMinute(minute(m), m + 1, 1));
    expect(series.points().map((p) => p.minute)).toEqual([minute(7), minute(8), minute(9)]);
    expect(series.apply(aMinute(minute(6), 99, 1))).toBe('ignored');
    expect(series.apply(aMinute(minute(7), 99, 1))).toBe('applied');
    expect(series.points()).toHaveLength(3);
  });

  it('moves the window when a much later minute arrives', () => {
    const series = new MinuteSeries(5);
    series.apply(aMinute(minute(0), 1, 1));
    series.apply(aMinute(minute(30), 2, 1));
    expect(series.points().map((p) => p.minute)).toEqual([minute(30)]);
  });
});
