/**
 * The figures `ops verify` compares, whatever they were read from: per key (a campaign id or a
 * charity's USCC), per currency, the four counters in minor units and counts (bigint: no sum
 * loses precision), with the per-platform breakdown where the source has one.
 */
export interface Counters {
  readonly raisedMinor: bigint;
  readonly refundedMinor: bigint;
  readonly donationCount: bigint;
  readonly refundCount: bigint;
}

export const COUNTER_FIELDS = [
  'raisedMinor',
  'refundedMinor',
  'donationCount',
  'refundCount',
] as const;

export const ZERO: Counters = {
  raisedMinor: 0n,
  refundedMinor: 0n,
  donationCount: 0n,
  refundCount: 0n,
};

export interface CurrencyFigures extends Counters {
  /** undefined: the source has no breakdown (the statistics' overview). */
  readonly byPlatform?: ReadonlyMap<string, Counters>;
}

export interface KeyFigures {
  readonly totals: ReadonlyMap<string, CurrencyFigures>;
  /** A charity's number of campaigns; undefined for a campaign or where the source has none. */
  readonly campaignCount?: bigint;
}

/** Figures by key. */
export type Figures = ReadonlyMap<string, KeyFigures>;

export type KeyKind = 'campaign' | 'charity';

export function addCounters(a: Counters, b: Counters): Counters {
  return {
    raisedMinor: a.raisedMinor + b.raisedMinor,
    refundedMinor: a.refundedMinor + b.refundedMinor,
    donationCount: a.donationCount + b.donationCount,
    refundCount: a.refundCount + b.refundCount,
  };
}

export function isZero(counters: Counters): boolean {
  return COUNTER_FIELDS.every((field) => counters[field] === 0n);
}

/** Counters from numbers or decimal strings (topics carry numbers, PostgreSQL and jsonb text). */
export function countersOf(value: Record<(typeof COUNTER_FIELDS)[number], unknown>): Counters {
  const big = (field: (typeof COUNTER_FIELDS)[number]): bigint => {
    const raw = value[field];
    return typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'bigint'
      ? BigInt(raw)
      : 0n;
  };
  return {
    raisedMinor: big('raisedMinor'),
    refundedMinor: big('refundedMinor'),
    donationCount: big('donationCount'),
    refundCount: big('refundCount'),
  };
}
