import { SeededRandom, WeightedChoice } from '../random/seeded-random';

/** Currencies the simulated platforms pay in: the Chinese platforms CNY, overseas giving more. */
export type SimCurrency = 'CNY' | 'USD' | 'HKD' | 'EUR';

type Band = 'popular' | 'small' | 'medium' | 'tail';

/** Most donations are small (≤ ¥10) and come from young donors; a long tail of large ones. */
const CNY_BANDS = new WeightedChoice<Band>([
  ['popular', 0.45],
  ['small', 0.3],
  ['medium', 0.2],
  ['tail', 0.05],
]);

/** The amounts donors tap most on 公益 pages, in fen: ¥1, 2, 5, 6.66, 8.88, 9.90, 10. */
const POPULAR_FEN = new WeightedChoice([
  [100, 0.3],
  [200, 0.1],
  [500, 0.2],
  [666, 0.08],
  [888, 0.1],
  [990, 0.07],
  [1000, 0.15],
]);

/** Overseas card donations in whole units (USD, HKD, EUR), in cents later. */
const CARD_UNITS = new WeightedChoice([
  [5, 0.2],
  [10, 0.25],
  [20, 0.15],
  [25, 0.15],
  [50, 0.12],
  [100, 0.08],
  [250, 0.04],
  [1000, 0.01],
]);

/** The largest donation the tail reaches, in yuan. */
const TAIL_CAP_YUAN = 50_000;

/**
 * A donation amount in minor units. CNY: 45 % popular amounts up to ¥10, 30 % any amount from
 * ¥0.01 to ¥10, 20 % ¥10-200 (log-uniform, whole yuan), 5 % a Pareto tail from ¥200 up to
 * ¥50,000: about three quarters are ≤ ¥10. Card currencies: typical whole-unit gifts.
 */
export function donationAmountMinor(random: SeededRandom, currency: SimCurrency): number {
  if (currency !== 'CNY') return CARD_UNITS.draw(random) * 100;
  switch (CNY_BANDS.draw(random)) {
    case 'popular':
      return POPULAR_FEN.draw(random);
    case 'small':
      return random.between(1, 1000);
    case 'medium':
      return Math.round(10 * Math.pow(20, random.next())) * 100;
    case 'tail': {
      const yuan = 200 * Math.pow(1 - random.next(), -1 / 1.2);
      return Math.round(Math.min(yuan, TAIL_CAP_YUAN)) * 100;
    }
  }
}

/**
 * The refunds of a donation, each > 0 and together at most the donation: a full refund (60 %),
 * one partial refund, or two partial refunds (when the amount allows).
 */
export function refundAmountsMinor(random: SeededRandom, donationMinor: number): number[] {
  const roll = random.next();
  if (donationMinor < 3 || roll < 0.6) return [donationMinor];
  const first = random.between(1, Math.floor(donationMinor / 2));
  if (roll < 0.85) return [first];
  const second = random.between(1, donationMinor - first);
  return [first, second];
}
