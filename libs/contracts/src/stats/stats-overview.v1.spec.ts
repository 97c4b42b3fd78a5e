import { StatsOverviewV1, StatsOverviewV1Schema } from './stats-overview.v1';

function anOverview(overrides: Partial<StatsOverviewV1> = {}): StatsOverviewV1 {
  return {
    scope: 'global',
    version: 12,
    totals: {
      CNY: {
        raisedMinor: 11100,
        refundedMinor: 0,
        netMinor: 11100,
        donationCount: 3,
        refundCount: 0,
        distribution: {
          buckets: [
            { upToMinor: 100, count: 1 },
            { upToMinor: 1000, count: 1 },
            { upToMinor: 10000, count: 1 },
            { upToMinor: null, count: 0 },
          ],
          shareAtOrUnder100: 1 / 3,
          shareAtOrUnder1000: 2 / 3,
          shareAtOrUnder10000: 1,
          medianMinorEstimate: 1000,
        },
      },
    },
    uniqueDonors: 2,
    platforms: {
      alipay: { donationCount: 2, share: 2 / 3 },
      jd: { donationCount: 1, share: 1 / 3 },
    },
    ageBands: { '18-24': 2, unknown: 1 },
    updatedAt: '2024-09-09T02:00:00.000Z',
    ...overrides,
  };
}

describe('stats.overview.v1', () => {
  it('accepts an overview with distribution, shares and age bands', () => {
    expect(StatsOverviewV1Schema.safeParse(anOverview()).success).toBe(true);
  });

  it('accepts an empty scope before the first donation', () => {
    const empty = anOverview({ totals: {}, uniqueDonors: 0, platforms: {}, ageBands: {} });
    expect(StatsOverviewV1Schema.safeParse(empty).success).toBe(true);
  });

  it.each([
    ['a share above 1', { platforms: { alipay: { donationCount: 1, share: 1.2 } } }],
    ['an unknown age band', { ageBands: { '30-40': 1 } }],
    ['a negative unique donor count', { uniqueDonors: -1 }],
    ['an invalid scope', { scope: 'everything' }],
    ['an unknown currency', { totals: { XYZ: anOverview().totals.CNY } }],
    ['an extra field', { average: 37 }],
  ])('rejects %s', (_name, overrides) => {
    expect(StatsOverviewV1Schema.safeParse({ ...anOverview(), ...overrides }).success).toBe(false);
  });

  it('rejects a bucket with a zero bound', () => {
    const cny = anOverview().totals.CNY!;
    const distribution = { ...cny.distribution, buckets: [{ upToMinor: 0, count: 1 }] };
    const overview = anOverview({ totals: { CNY: { ...cny, distribution } } });
    expect(StatsOverviewV1Schema.safeParse(overview).success).toBe(false);
  });
});
