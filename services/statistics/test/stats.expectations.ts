import type { PlainRedis } from '@donations/testing';
import {
  campaignScope,
  charityScope,
  DonationEventV1,
  GLOBAL_SCOPE,
  platformScope,
  StatsOverviewV1,
  StatsOverviewV1Schema,
} from '@donations/contracts';
import { statsKeys } from '../src/stats/stats.keys';
import {
  distinctCount,
  distinctEvents,
  donationsOf,
  expectedBuckets,
  expectedSeries,
  expectedTotals,
} from './stats.ground-truth';

/** The scopes whose totals the ground truth computes, by how an event falls into one. */
const TOTAL_SCOPES: ((event: DonationEventV1) => string | undefined)[] = [
  () => GLOBAL_SCOPE,
  (event) => platformScope(event.platform),
  (event) => charityScope(event.charityId),
  (event) => campaignScope(event.campaignId),
  (event) => (event.donor.region ? `region:${event.donor.region}` : undefined),
];

/** A /stats/* JSON body split into the stats.overview.v1 value and the `state` it carries. */
export function overviewAndState(body: Record<string, unknown>): {
  overview: StatsOverviewV1;
  state: unknown;
} {
  const { state, ...value } = body;
  return { overview: StatsOverviewV1Schema.parse(value), state };
}

/**
 * Every statistic the ground truth tells, against the distinct published events: the totals per
 * scope and the series in Redis; the amount buckets, age bands and unique donors (HyperLogLog,
 * within 2 %) of the global overview.
 */
export async function expectStatsToMatchGroundTruth(
  redis: PlainRedis,
  overview: StatsOverviewV1,
  published: readonly DonationEventV1[],
): Promise<void> {
  const distinct = distinctEvents(published);
  for (const scopeOf of TOTAL_SCOPES) {
    for (const [scope, hash] of expectedTotals(distinct, scopeOf)) {
      expect({ scope, totals: await redis.hGetAll(statsKeys.totals(scope)) }).toEqual({
        scope,
        totals: hash,
      });
    }
  }
  const series = [
    [statsKeys.minutes(GLOBAL_SCOPE), 60_000],
    [statsKeys.hours(GLOBAL_SCOPE), 3_600_000],
  ] as const;
  for (const [key, stepMs] of series) {
    expect({ key, series: await redis.hGetAll(key) }).toEqual({
      key,
      series: expectedSeries(distinct, stepMs),
    });
  }
  const donations = donationsOf(distinct);
  for (const [currency, stats] of Object.entries(overview.totals)) {
    const amounts = donations.filter((d) => d.currency === currency).map((d) => d.amountMinor);
    expect(stats.distribution.buckets.map((bucket) => bucket.count)).toEqual(
      expectedBuckets(amounts),
    );
  }
  const bands: Record<string, number> = {};
  for (const { donor } of donations) {
    const band = donor.ageBand ?? 'unknown';
    bands[band] = (bands[band] ?? 0) + 1;
  }
  expect(overview.ageBands).toEqual(bands);
  const donors = distinctCount(donations.map((d) => d.donor.hash));
  expect(Math.abs(overview.uniqueDonors - donors)).toBeLessThanOrEqual(Math.max(1, donors * 0.02));
}
