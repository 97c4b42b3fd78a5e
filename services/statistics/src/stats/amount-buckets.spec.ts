import { AMOUNT_BUCKET_BOUNDS_MINOR } from '@donations/contracts';
import { amountDistribution, FINE_BOUNDS_MINOR, fineBucketOf } from './amount-buckets';

const countsOf = (amounts: number[]): Map<number, number> => {
  const counts = new Map<number, number>();
  for (const amount of amounts) {
    const index = fineBucketOf(amount);
    counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  return counts;
};

describe('amount buckets', () => {
  it('keeps every contract bound as a fine bound, so published buckets are exact sums', () => {
    for (const bound of AMOUNT_BUCKET_BOUNDS_MINOR) expect(FINE_BOUNDS_MINOR).toContain(bound);
  });

  it('puts an amount equal to a bound in that bound’s bucket and above the last in the open one', () => {
    expect(FINE_BOUNDS_MINOR[fineBucketOf(100)]).toBe(100);
    expect(FINE_BOUNDS_MINOR[fineBucketOf(101)]).toBe(200);
    expect(fineBucketOf(10_000_001)).toBe(FINE_BOUNDS_MINOR.length);
  });

  it('derives the contract buckets and the small-amount shares from the fine counts', () => {
    const amounts = [1, 100, 101, 1_000, 9_999, 10_000, 10_001, 2_000_000];
    const distribution = amountDistribution(countsOf(amounts));
    const expected = [...AMOUNT_BUCKET_BOUNDS_MINOR, null].map((upTo, i, all) => {
      const lower = i === 0 ? 0 : (all[i - 1] as number);
      return amounts.filter((a) => a > lower && (upTo === null || a <= upTo)).length;
    });
    expect(distribution.buckets.map((bucket) => bucket.count)).toEqual(expected);
    expect(distribution.shareAtOrUnder100).toBe(amounts.filter((a) => a <= 100).length / 8);
    expect(distribution.shareAtOrUnder1000).toBe(amounts.filter((a) => a <= 1_000).length / 8);
    expect(distribution.shareAtOrUnder10000).toBe(amounts.filter((a) => a <= 10_000).length / 8);
  });

  it('estimates the median inside the fine bucket that holds the true median', () => {
    const amounts = [150, 300, 320, 450, 480, 700, 5_000];
    const median = [...amounts].sort((a, b) => a - b)[3];
    const index = fineBucketOf(median);
    const estimate = amountDistribution(countsOf(amounts)).medianMinorEstimate;
    expect(estimate).toBeGreaterThanOrEqual(FINE_BOUNDS_MINOR[index - 1]);
    expect(estimate).toBeLessThanOrEqual(FINE_BOUNDS_MINOR[index]);
  });

  it('has no median and zero shares before the first donation', () => {
    const distribution = amountDistribution(new Map());
    expect(distribution.medianMinorEstimate).toBeNull();
    expect(distribution.shareAtOrUnder100).toBe(0);
  });
});
