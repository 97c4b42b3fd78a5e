import type { StatsOverviewV1, TotalsByCurrency } from '@donations/contracts';
import { Counters, countersOf, CurrencyFigures, KeyFigures } from './figures';

/** A totals table's row: counters as decimal text, by_platform as the aggregator's jsonb. */
export interface TotalsRow {
  readonly id: string;
  readonly currency: string;
  readonly raised_minor: string;
  readonly refunded_minor: string;
  readonly donation_count: string;
  readonly refund_count: string;
  readonly by_platform: Record<string, Record<string, string>>;
}

/** The rows of a totals table as figures by key; `counts` adds the charities' campaign counts. */
export function tableFigures(
  rows: readonly TotalsRow[],
  counts?: ReadonlyMap<string, bigint>,
): Map<string, KeyFigures> {
  const totals = new Map<string, Map<string, CurrencyFigures>>();
  for (const row of rows) {
    const byPlatform = new Map<string, Counters>(
      Object.entries(row.by_platform).map(([platform, counters]) => [
        platform,
        countersOf(counters as Record<keyof Counters, string>),
      ]),
    );
    const counters = countersOf({
      raisedMinor: row.raised_minor,
      refundedMinor: row.refunded_minor,
      donationCount: row.donation_count,
      refundCount: row.refund_count,
    });
    const key = totals.get(row.id) ?? new Map<string, CurrencyFigures>();
    key.set(row.currency, { ...counters, byPlatform });
    totals.set(row.id, key);
  }
  const figures = new Map<string, KeyFigures>();
  for (const key of new Set([...totals.keys(), ...(counts?.keys() ?? [])])) {
    const campaignCount = counts === undefined ? undefined : (counts.get(key) ?? 0n);
    figures.set(key, {
      totals: totals.get(key) ?? new Map(),
      ...(campaignCount === undefined ? {} : { campaignCount }),
    });
  }
  return figures;
}

/** An aggregate topic message's totals (and a roll-up's campaign count) as figures. */
export function topicFigures(totals: TotalsByCurrency, campaignCount?: number): KeyFigures {
  const byCurrency = new Map<string, CurrencyFigures>();
  for (const [currency, value] of Object.entries(totals)) {
    if (value === undefined) continue;
    const byPlatform = new Map<string, Counters>();
    for (const [platform, counters] of Object.entries(value.byPlatform)) {
      if (counters !== undefined) byPlatform.set(platform, countersOf(counters));
    }
    byCurrency.set(currency, { ...countersOf(value), byPlatform });
  }
  return {
    totals: byCurrency,
    ...(campaignCount === undefined ? {} : { campaignCount: BigInt(campaignCount) }),
  };
}

/** A statistics overview's per-currency counters as figures (it has no platform breakdown). */
export function statisticsFigures(overview: StatsOverviewV1): KeyFigures {
  const byCurrency = new Map<string, CurrencyFigures>();
  for (const [currency, value] of Object.entries(overview.totals)) {
    if (value !== undefined) byCurrency.set(currency, countersOf(value));
  }
  return { totals: byCurrency };
}
