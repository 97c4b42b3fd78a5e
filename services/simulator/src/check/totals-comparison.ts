import type { TotalsByCurrency as TopicTotals } from '@donations/contracts';
import type { TotalsByCurrency as TruthTotals } from '../truth/ground-truth';

const COUNTERS = ['raisedMinor', 'refundedMinor', 'donationCount', 'refundCount'] as const;

/** One counter per line, `CNY.raisedMinor` or `CNY.byPlatform.alipay.refundCount`: decimal text. */
export type FlatTotals = ReadonlyMap<string, string>;

/** The shape the aggregator's HTTP views have: every counter a decimal string. */
export interface HttpCurrencyTotals {
  raisedMinor: string;
  refundedMinor: string;
  netMinor: string;
  donationCount: string;
  refundCount: string;
  byPlatform: Record<string, Record<(typeof COUNTERS)[number], string>>;
}

type CounterSource = Record<(typeof COUNTERS)[number], number | string> & {
  byPlatform: Partial<Record<string, Record<(typeof COUNTERS)[number], number | string>>>;
};

function flatten(totals: Iterable<[string, CounterSource & { netMinor?: number | string }]>) {
  const flat = new Map<string, string>();
  for (const [currency, sums] of totals) {
    for (const counter of COUNTERS) flat.set(`${currency}.${counter}`, String(sums[counter]));
    const net = sums.netMinor ?? BigInt(sums.raisedMinor) - BigInt(sums.refundedMinor);
    flat.set(`${currency}.netMinor`, String(net));
    for (const [platform, share] of Object.entries(sums.byPlatform)) {
      if (!share) continue;
      for (const counter of COUNTERS) {
        flat.set(`${currency}.byPlatform.${platform}.${counter}`, String(share[counter]));
      }
    }
  }
  return flat;
}

export const flatTruth = (totals: TruthTotals | undefined): FlatTotals => flatten(totals ?? []);

export const flatTopic = (totals: TopicTotals | undefined): FlatTotals =>
  flatten(Object.entries(totals ?? {}) as [string, CounterSource & { netMinor: number }][]);

export const flatHttp = (totals: Record<string, HttpCurrencyTotals> | undefined): FlatTotals =>
  flatten(Object.entries(totals ?? {}));

/** The counters of a stats.overview.v1 `totals` (the statistics keep no amounts per platform). */
export type OverviewCounters = Record<(typeof COUNTERS)[number] | 'netMinor', number>;

export const flatOverview = (totals: Record<string, OverviewCounters> | undefined): FlatTotals =>
  flatten(
    Object.entries(totals ?? {}).map(([currency, sums]) => [currency, { ...sums, byPlatform: {} }]),
  );

/** The counters per currency only, without the per-platform ones: what the statistics compare. */
export const withoutPlatforms = (totals: FlatTotals): FlatTotals =>
  new Map([...totals].filter(([path]) => !path.includes('.byPlatform.')));

/**
 * The differences between the simulator's truth and what a source shows for one key, one line
 * each: `campaign x (http): CNY.raisedMinor expected 1200, got 1100`. A counter the source does
 * not have is `(none)`; zeros on both sides are no difference.
 */
export function differences(label: string, expected: FlatTotals, actual: FlatTotals): string[] {
  const lines: string[] = [];
  for (const path of new Set([...expected.keys(), ...actual.keys()])) {
    const want = expected.get(path) ?? '0';
    const got = actual.get(path);
    if (want === (got ?? '0')) continue;
    lines.push(`${label}: ${path} expected ${want}, got ${got ?? '(none)'}`);
  }
  return lines.sort();
}
