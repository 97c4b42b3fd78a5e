import { Currency, CURRENCIES, Platform, PLATFORMS } from '@donations/contracts';
import { Counters, CurrencyCounters, TotalsState } from '../totals/totals.types';

/** One campaign_totals or charity_totals row as pg returns it (bigint as decimal strings). */
export interface TotalsRow {
  readonly key: string;
  readonly currency: string;
  readonly raised_minor: string;
  readonly refunded_minor: string;
  readonly donation_count: string;
  readonly refund_count: string;
  readonly by_platform: Record<string, Record<string, string>>;
  readonly first_event_at: Date | null;
  readonly last_event_at: Date | null;
}

const isCurrency = (value: string): value is Currency =>
  (CURRENCIES as readonly string[]).includes(value);
const isPlatform = (value: string): value is Platform =>
  (PLATFORMS as readonly string[]).includes(value);

function countersOf(json: Record<string, string>): Counters {
  return {
    raisedMinor: BigInt(json.raisedMinor ?? '0'),
    refundedMinor: BigInt(json.refundedMinor ?? '0'),
    donationCount: BigInt(json.donationCount ?? '0'),
    refundCount: BigInt(json.refundCount ?? '0'),
  };
}

function currencyCountersOf(row: TotalsRow): CurrencyCounters {
  const byPlatform = new Map<Platform, Counters>();
  for (const [platform, counters] of Object.entries(row.by_platform)) {
    if (!isPlatform(platform)) {
      throw new Error(`unknown platform ${platform} in the totals of ${row.key}`);
    }
    byPlatform.set(platform, countersOf(counters));
  }
  const raisedMinor = BigInt(row.raised_minor);
  const refundedMinor = BigInt(row.refunded_minor);
  return {
    raisedMinor,
    refundedMinor,
    donationCount: BigInt(row.donation_count),
    refundCount: BigInt(row.refund_count),
    netMinor: raisedMinor - refundedMinor,
    byPlatform,
  };
}

function bound(times: readonly (Date | null)[], pick: (a: number, b: number) => number) {
  const known = times.filter((time): time is Date => time !== null).map((t) => t.getTime());
  return known.length === 0
    ? undefined
    : new Date(known.reduce((a, b) => pick(a, b))).toISOString();
}

/**
 * The state of one topic key from its totals rows (one per currency) and its version. A key whose
 * rows have no event time (touched only by reversals) reports `fallbackAt` instead.
 */
export function stateOfRows(
  rows: readonly TotalsRow[],
  version: number,
  fallbackAt: Date,
): TotalsState {
  const totals = new Map<Currency, CurrencyCounters>();
  for (const row of rows) {
    if (!isCurrency(row.currency)) {
      throw new Error(`unknown currency ${row.currency} in the totals of ${row.key}`);
    }
    totals.set(row.currency, currencyCountersOf(row));
  }
  const fallback = fallbackAt.toISOString();
  return {
    version,
    totals,
    firstEventAt:
      bound(
        rows.map((row) => row.first_event_at),
        Math.min,
      ) ?? fallback,
    lastEventAt:
      bound(
        rows.map((row) => row.last_event_at),
        Math.max,
      ) ?? fallback,
  };
}
