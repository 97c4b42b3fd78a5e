import {
  AGE_BAND_KEYS,
  CurrencyStats,
  Platform,
  PlatformShare,
  StatsOverviewV1,
} from '@donations/contracts';
import { amountDistribution } from '../stats/amount-buckets';

/** The Redis state of one scope's overview, as HGETALL and PFCOUNT return it. */
export interface OverviewHashes {
  totals: Record<string, string>;
  amounts: Record<string, string>;
  ageBands: Record<string, string>;
  uniqueDonors: number;
  /** Donations per platform within the scope. */
  platformCounts: Partial<Record<Platform, number>>;
}

/** What stamps a view: the version and time it is published (or read) with. */
export interface OverviewStamp {
  version: number;
  updatedAt: string;
}

/** A scope's stats.overview.v1 value from its Redis state; undefined before its first event. */
export function overviewOf(
  scope: string,
  hashes: OverviewHashes,
  stamp: OverviewStamp,
): StatsOverviewV1 | undefined {
  if (Object.keys(hashes.totals).length === 0) return undefined;
  const platformCounts = Object.entries(hashes.platformCounts);
  const all = platformCounts.reduce((sum, [, count]) => sum + count, 0);
  return {
    scope,
    version: stamp.version,
    totals: currencyTotals(hashes.totals, hashes.amounts),
    uniqueDonors: hashes.uniqueDonors,
    platforms: Object.fromEntries(
      platformCounts
        .filter(([, count]) => count > 0)
        .map(([platform, count]): [string, PlatformShare] => [
          platform,
          { donationCount: count, share: count / all },
        ]),
    ),
    ageBands: Object.fromEntries(
      AGE_BAND_KEYS.filter((band) => hashes.ageBands[band] !== undefined).map((band) => [
        band,
        Number(hashes.ageBands[band]),
      ]),
    ),
    updatedAt: stamp.updatedAt,
  };
}

/** The stamp of a live read: the batch counter and time of the last batch that counted. */
export function liveStamp(meta: Record<string, string>): OverviewStamp | undefined {
  const version = Number(meta.version ?? 0);
  if (!(version > 0) || meta.updatedAt === undefined) return undefined;
  return { version, updatedAt: meta.updatedAt };
}

export function donationCount(totals: Record<string, string>): number {
  return Object.entries(totals)
    .filter(([field]) => field.endsWith(':donations'))
    .reduce((sum, [, value]) => sum + Number(value), 0);
}

function currencyTotals(
  totals: Record<string, string>,
  amounts: Record<string, string>,
): Record<string, CurrencyStats> {
  const currencies = new Set(Object.keys(totals).map((field) => field.split(':')[0]));
  const measure = (currency: string, name: string): number =>
    Number(totals[`${currency}:${name}`] ?? 0);
  return Object.fromEntries(
    [...currencies].sort().map((currency): [string, CurrencyStats] => {
      const raisedMinor = measure(currency, 'raised');
      const refundedMinor = measure(currency, 'refunded');
      return [
        currency,
        {
          raisedMinor,
          refundedMinor,
          netMinor: raisedMinor - refundedMinor,
          donationCount: measure(currency, 'donations'),
          refundCount: measure(currency, 'refunds'),
          distribution: amountDistribution(fineCounts(amounts, currency)),
        },
      ];
    }),
  );
}

function fineCounts(amounts: Record<string, string>, currency: string): Map<number, number> {
  return new Map(
    Object.entries(amounts)
      .filter(([field]) => field.startsWith(`${currency}:`))
      .map(([field, count]) => [Number(field.slice(currency.length + 1)), Number(count)]),
  );
}
