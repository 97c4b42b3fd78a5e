import {
  AMOUNT_BUCKET_BOUNDS_MINOR,
  CampaignTotalsV1,
  CampaignTotalsV1Schema,
  CharityRollupV1,
  CharityRollupV1Schema,
  CurrencyStats,
  CurrencyTotals,
  GLOBAL_SCOPE,
  makeUscc,
  Platform,
  StatsOverviewV1,
  StatsOverviewV1Schema,
  StatsTimeseriesV1,
  StatsTimeseriesV1Schema,
} from '@donations/contracts';

/** Contract-valid messages of the feed topics, with the figures a test cares about as overrides. */

const AT = '2024-09-09T02:00:00.000Z';

export interface Counted {
  raisedMinor: number;
  refundedMinor?: number;
  donationCount: number;
  refundCount?: number;
  platform?: Platform;
}

/** One currency's totals, all of it on one platform. */
export function currencyTotals(counted: Counted): CurrencyTotals {
  const { raisedMinor, refundedMinor = 0, donationCount, refundCount = 0 } = counted;
  const figures = { raisedMinor, refundedMinor, donationCount, refundCount };
  return {
    ...figures,
    netMinor: raisedMinor - refundedMinor,
    byPlatform: { [counted.platform ?? 'alipay']: figures },
  };
}

export function aCampaignTotals(
  campaignId: string,
  version: number,
  totals: CampaignTotalsV1['totals'],
): CampaignTotalsV1 {
  return CampaignTotalsV1Schema.parse({
    campaignId,
    version,
    totals,
    firstEventAt: AT,
    lastEventAt: AT,
    updatedAt: new Date().toISOString(),
  });
}

export const CHARITY_IDS = [makeUscc('53100000500021676'), makeUscc('91350100M00010012')];

export function aCharityRollup(
  charityId: string,
  version: number,
  campaignCount: number,
  totals: CharityRollupV1['totals'],
): CharityRollupV1 {
  return CharityRollupV1Schema.parse({
    charityId,
    version,
    campaignCount,
    totals,
    firstEventAt: AT,
    lastEventAt: AT,
    updatedAt: new Date().toISOString(),
  });
}

function cnyStats(donationCount: number, raisedMinor: number): CurrencyStats {
  const share = (n: number) => (donationCount === 0 ? 0 : n / donationCount);
  const small = Math.floor(donationCount / 2);
  const buckets = [...AMOUNT_BUCKET_BOUNDS_MINOR, null].map((upToMinor, i) => ({
    upToMinor,
    count: i === 0 ? small : i === 2 ? donationCount - small : 0,
  }));
  return {
    raisedMinor,
    refundedMinor: 0,
    netMinor: raisedMinor,
    donationCount,
    refundCount: 0,
    distribution: {
      buckets,
      shareAtOrUnder100: share(small),
      shareAtOrUnder1000: share(small),
      shareAtOrUnder10000: share(donationCount),
      medianMinorEstimate: donationCount === 0 ? null : 550,
    },
  };
}

/** An overview of `scope` with CNY figures, two platforms (3:1) and two age bands. */
export function anOverview(
  version: number,
  donationCount: number,
  scope = GLOBAL_SCOPE,
): StatsOverviewV1 {
  const alipay = Math.round((donationCount * 3) / 4);
  const share = (n: number) => (donationCount === 0 ? 0 : n / donationCount);
  return StatsOverviewV1Schema.parse({
    scope,
    version,
    totals: { CNY: cnyStats(donationCount, donationCount * 1_000) },
    uniqueDonors: Math.ceil(donationCount / 2),
    platforms: {
      alipay: { donationCount: alipay, share: share(alipay) },
      tencent: { donationCount: donationCount - alipay, share: share(donationCount - alipay) },
    },
    ageBands: { '18-24': donationCount - 1, unknown: 1 },
    updatedAt: new Date().toISOString(),
  });
}

/** One minute of a scope's series, with `donationCount` CNY donations of ¥10. */
export function aMinute(
  minute: string,
  version: number,
  donationCount: number,
  scope = GLOBAL_SCOPE,
): StatsTimeseriesV1 {
  return StatsTimeseriesV1Schema.parse({
    scope,
    version,
    minute,
    perCurrency: {
      CNY: { raisedMinor: donationCount * 1_000, donationCount, refundedMinor: 0, refundCount: 0 },
    },
    updatedAt: new Date().toISOString(),
  });
}
