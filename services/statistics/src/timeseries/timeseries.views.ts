import type {
  MinuteCurrencyStats,
  TimeseriesPointView,
  TimeseriesView as TimeseriesContract,
} from '@donations/contracts';
import { seriesField, TOTAL_MEASURES, TotalMeasure } from '../stats/stats.keys';

export const STEP_MS = { minute: 60_000, hour: 3_600_000 } as const;

export type Step = keyof typeof STEP_MS;

/** Most buckets one timeseries answer holds: a day of minutes, or two months of hours. */
export const MAX_BUCKETS = 1_440;

/** One bucket of a series: what happened (by occurredAt) from `at` for one step. */
export type TimeseriesPoint = TimeseriesPointView;

/** GET /stats/timeseries: every bucket from the one holding `from` up to `to` (exclusive). */
export type TimeseriesView = TimeseriesContract;

/** The UTC starts of the step buckets that overlap [from, to). */
export function bucketStarts(from: Date, to: Date, step: Step): string[] {
  const stepMs = STEP_MS[step];
  const first = Math.floor(from.getTime() / stepMs) * stepMs;
  const starts: string[] = [];
  for (let at = first; at < to.getTime(); at += stepMs) starts.push(new Date(at).toISOString());
  return starts;
}

/** How many buckets bucketStarts gives, without building them. */
export function bucketCount(from: Date, to: Date, step: Step): number {
  const stepMs = STEP_MS[step];
  return Math.max(
    0,
    Math.ceil((to.getTime() - Math.floor(from.getTime() / stepMs) * stepMs) / stepMs),
  );
}

/** The currencies of a scope, from its totals hash fields (`<currency>:<measure>`). */
export function currenciesOf(totalsFields: readonly string[]): string[] {
  return [...new Set(totalsFields.map((field) => field.split(':')[0]))].sort();
}

/** The series hash fields of every (bucket, currency, measure), in the order pointsOf reads them. */
export function seriesFields(buckets: readonly string[], currencies: readonly string[]): string[] {
  return buckets.flatMap((bucket) =>
    currencies.flatMap((currency) =>
      TOTAL_MEASURES.map((measure) => seriesField(bucket, currency, measure)),
    ),
  );
}

/** The points from the HMGET values of seriesFields; a currency with no value is left out. */
export function pointsOf(
  buckets: readonly string[],
  currencies: readonly string[],
  values: readonly (string | null)[],
): TimeseriesPoint[] {
  let next = 0;
  return buckets.map((at) => {
    const perCurrency: Record<string, MinuteCurrencyStats> = {};
    for (const currency of currencies) {
      const measures = new Map<TotalMeasure, string | null>();
      for (const measure of TOTAL_MEASURES) measures.set(measure, values[next++] ?? null);
      if ([...measures.values()].every((value) => value === null)) continue;
      const of = (measure: TotalMeasure): number => Number(measures.get(measure) ?? 0);
      perCurrency[currency] = {
        raisedMinor: of('raised'),
        donationCount: of('donations'),
        refundedMinor: of('refunded'),
        refundCount: of('refunds'),
      };
    }
    return { at, perCurrency };
  });
}
