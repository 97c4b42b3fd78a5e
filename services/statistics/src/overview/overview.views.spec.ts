import { StatsOverviewV1Schema } from '@donations/contracts';
import { overviewOf } from './overview.views';

const hashes = {
  meta: { version: '3', updatedAt: '2024-09-09T02:00:00.000Z' },
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
  platformTotals: { alipay: { 'CNY:donations': '3' }, tencent: { 'USD:donations': '1' }, jd: {} },
};

describe('overview view', () => {
  it('is a valid stats.overview.v1 value with net amounts and per-platform shares', () => {
    const overview = overviewOf(hashes);
    expect(StatsOverviewV1Schema.parse(overview)).toEqual(overview);
    expect(overview?.totals.CNY?.netMinor).toBe(700);
    expect(overview?.totals.USD?.refundCount).toBe(0);
    expect(overview?.platforms).toEqual({
      alipay: { donationCount: 3, share: 0.75 },
      tencent: { donationCount: 1, share: 0.25 },
    });
    expect(overview?.ageBands).toEqual({ '18-24': 1, unknown: 3 });
  });

  it('is absent before anything was counted', () => {
    expect(overviewOf({ ...hashes, meta: {} })).toBeUndefined();
  });
});
