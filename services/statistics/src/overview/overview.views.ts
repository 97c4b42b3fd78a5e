import {
  AGE_BAND_KEYS,
  CurrencyStats,
  GLOBAL_SCOPE,
  Platform,
  PlatformShare,
  StatsOverviewV1,
} from '@donations/contracts';
import { amountDistribution } from '../stats/amount-buckets';

/** The Redis hashes of one scope's overview, as HGETALL returns them. */
export interface OverviewHashes {
  meta: Record<string, string>;
  totals: Record<string, string>;
  amounts: Record<string, string>;
  ageBands: Record<string, string>;
  uniqueDonors: number;
  platformTotals: Partial<Record<Platform, Record<string, string>>>;
}

/** The global stats.overview.v1 value from Redis' hashes; undefined before the first event. */
export function overviewOf(hashes: OverviewHashes): StatsOverviewV1 | undefined {
  const version = Number(hashes.meta.version ?? 0);
  if (version === 0 || hashes.meta.updatedAt === undefined) return undefined;
  const platformCounts = Object.entries(hashes.platformTotals).map(
    ([platform, totals]) => [platform, donationCount(totals)] as const,
  );
  const all = platformCounts.reduce((sum, [, count]) => sum + count, 0);
  return {
    scope: GLOBAL_SCOPE,
    version,
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
    updatedAt: hashes.meta.updatedAt,
  };
}

function donationCount(totals: Record<string, string>): number {
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
