import { AMOUNT_BUCKET_BOUNDS_MINOR, AmountDistribution } from '@donations/contracts';

/**
 * Inclusive upper bounds (minor units) of the fine buckets kept in Redis: a 1-2-5 series from 1
 * to 10,000,000, then one open bucket. Every contract bound (¥1, ¥10, ¥100, ...) is one of them,
 * so the published buckets are sums of fine ones, and the median is estimated within ×2.5.
 */
export const FINE_BOUNDS_MINOR: readonly number[] = Array.from({ length: 7 }, (_, decade) =>
  [1, 2, 5].map((step) => step * 10 ** decade),
)
  .flat()
  .concat([10_000_000]);

/** The fine bucket of an amount: the first bound at or above it, or the open bucket. */
export function fineBucketOf(amountMinor: number): number {
  const index = FINE_BOUNDS_MINOR.findIndex((bound) => amountMinor <= bound);
  return index === -1 ? FINE_BOUNDS_MINOR.length : index;
}

/** The contract's distribution from the fine bucket counts (index -> donations). */
export function amountDistribution(fine: ReadonlyMap<number, number>): AmountDistribution {
  const total = [...fine.values()].reduce((sum, count) => sum + count, 0);
  const atOrUnder = (bound: number): number =>
    [...fine].reduce(
      (sum, [index, count]) =>
        index < FINE_BOUNDS_MINOR.length && FINE_BOUNDS_MINOR[index] <= bound ? sum + count : sum,
      0,
    );
  const share = (bound: number): number => (total === 0 ? 0 : atOrUnder(bound) / total);
  let below = 0;
  const buckets = [...AMOUNT_BUCKET_BOUNDS_MINOR, null].map((upToMinor) => {
    const upTo = upToMinor === null ? total : atOrUnder(upToMinor);
    const bucket = { upToMinor, count: upTo - below };
    below = upTo;
    return bucket;
  });
  return {
    buckets,
    shareAtOrUnder100: share(100),
    shareAtOrUnder1000: share(1_000),
    shareAtOrUnder10000: share(10_000),
    medianMinorEstimate: medianEstimate(fine, total),
  };
}

/** Interpolates the median linearly inside the fine bucket that holds it. */
function medianEstimate(fine: ReadonlyMap<number, number>, total: number): number | null {
  if (total === 0) return null;
  const half = total / 2;
  let below = 0;
  for (let index = 0; index <= FINE_BOUNDS_MINOR.length; index += 1) {
    const count = fine.get(index) ?? 0;
    const lower = index === 0 ? 0 : FINE_BOUNDS_MINOR[index - 1];
    if (count > 0 && below + count >= half) {
      if (index === FINE_BOUNDS_MINOR.length) return lower;
      const upper = FINE_BOUNDS_MINOR[index];
      return Math.round(lower + ((upper - lower) * (half - below)) / count);
    }
    below += count;
  }
  return null;
}
