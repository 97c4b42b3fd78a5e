import { StatsOverviewV1Schema } from '@donations/contracts';
import { liveStamp, overviewOf } from './overview.views';

const hashes = {
  totals: {
    'CNY:raised': '1000',
    'CNY:refunded': '300',
    'CNY:donations': '3',
    'CNY:refunds': '1',
    'USD:raised': '50',
    'USD:donations': '1',
  },
  amounts: { 'CNY:6': '3', 'USD:3': '1' },
  ageBands: { '18-24': '1', unknown: '3' },
  uniqueDonors: 2,
  platformCounts: { alipay: 3, tencent: 1, jd: 0 },
};
const stamp = { version: 3, updatedAt: '2024-09-09T02:00:00.000Z' };

describe('overview view', () => {
  it('is a valid stats.overview.v1 value with net amounts and per-platform shares', () => {
    const overview = overviewOf('global', hashes, stamp);
    expect(StatsOverviewV1Schema.parse(overview)).toEqual(overview);
    expect(overview?.totals.CNY?.netMinor).toBe(700);
    expect(overview?.totals.USD?.refundCount).toBe(0);
    expect(overview?.platforms).toEqual({
      alipay: { donationCount: 3, share: 0.75 },
      tencent: { donationCount: 1, share: 0.25 },
    });
    expect(overview?.ageBands).toEqual({ '18-24': 1, unknown: 3 });
  });

  it('carries the scope and the stamp it is published with', () => {
    const published = { version: 1_725_847_200_000, updatedAt: '2024-09-09T02:00:01.000Z' };
    const overview = overviewOf('campaign:c-1', hashes, published);
    expect(overview).toMatchObject({ scope: 'campaign:c-1', ...published });
    expect(StatsOverviewV1Schema.safeParse(overview).success).toBe(true);
  });

  it('is absent for a scope with nothing counted', () => {
    expect(overviewOf('charity:x', { ...hashes, totals: {} }, stamp)).toBeUndefined();
  });

  it('reads the live stamp from the meta hash, absent before the first batch that counted', () => {
    expect(liveStamp({ version: '3', updatedAt: stamp.updatedAt })).toEqual(stamp);
    expect(liveStamp({})).toBeUndefined();
    expect(liveStamp({ version: '0', updatedAt: stamp.updatedAt })).toBeUndefined();
  });
});
