import { TOPICS } from '@donations/contracts';
import {
  aCampaignTotals,
  aCharityRollup,
  aMinute,
  anOverview,
  CHARITY_IDS,
  currencyTotals,
} from '../../test/feed.builders';
import { DashboardState } from './dashboard.state';

const cny = (raisedMinor: number, donationCount: number) => ({
  CNY: currencyTotals({ raisedMinor, donationCount }),
});
const usd = (raisedMinor: number, donationCount: number) => ({
  USD: currencyTotals({ raisedMinor, donationCount, platform: 'stripe' }),
});
const NOW = new Date('2024-09-09T02:10:00.000Z');

describe('DashboardState', () => {
  it('sums every campaign per currency and counts donations over currencies', () => {
    const state = new DashboardState({ topN: 5, seriesMinutes: 60 });
    state.apply({ kind: 'campaign', value: aCampaignTotals('a', 1, cny(1_000, 2)) });
    state.apply({
      kind: 'campaign',
      value: aCampaignTotals('b', 1, { ...cny(500, 1), ...usd(300, 3) }),
    });
    const snapshot = state.snapshot(NOW);
    expect(snapshot.totals.map((t) => [t.currency, t.netMinor, t.donationCount])).toEqual([
      ['CNY', 1_500, 3],
      ['USD', 300, 3],
    ]);
    expect(snapshot).toMatchObject({ donationCount: 6, campaignCount: 2, charityCount: 0 });
    expect(snapshot.generatedAt).toBe(NOW.toISOString());
  });

  it('shows the latest overview of the global scope, keeps platform scopes, ignores the rest', () => {
    const state = new DashboardState({ topN: 5, seriesMinutes: 60 });
    expect(state.apply({ kind: 'overview', value: anOverview(2, 8) })).toBe('applied');
    expect(state.apply({ kind: 'overview', value: anOverview(1, 4) })).toBe('stale');
    expect(state.apply({ kind: 'overview', value: anOverview(1, 4, 'platform:jd') })).toBe(
      'applied',
    );
    expect(state.apply({ kind: 'overview', value: anOverview(9, 1, 'campaign:x') })).toBe(
      'ignored',
    );
    const { overview } = state.snapshot(NOW);
    expect(overview).toMatchObject({ version: 2, uniqueDonors: 4 });
    expect(overview!.platforms.map((p) => [p.platform, p.donationCount])).toEqual([
      ['alipay', 6],
      ['tencent', 2],
    ]);
    expect(overview!.ageBands).toHaveLength(8);
    expect(overview!.ageBands.find((b) => b.band === '18-24')).toEqual({ band: '18-24', count: 7 });
    expect(overview!.amounts[0]).toMatchObject({ currency: 'CNY', shareAtOrUnder100: 0.5 });
  });

  it('keeps the global series only', () => {
    const state = new DashboardState({ topN: 5, seriesMinutes: 60 });
    state.apply({ kind: 'minute', value: aMinute('2024-09-09T02:00:00.000Z', 1, 3) });
    const other = aMinute('2024-09-09T02:01:00.000Z', 1, 3, 'platform:jd');
    expect(state.apply({ kind: 'minute', value: other })).toBe('ignored');
    expect(state.snapshot(NOW).series.map((p) => p.minute)).toEqual(['2024-09-09T02:00:00.000Z']);
  });

  it('ranks charities with their campaign count and honours tombstones', () => {
    const state = new DashboardState({ topN: 5, seriesMinutes: 60 });
    state.apply({ kind: 'charity', value: aCharityRollup(CHARITY_IDS[0], 1, 3, cny(900, 1)) });
    state.apply({ kind: 'charity', value: aCharityRollup(CHARITY_IDS[1], 1, 1, cny(100, 1)) });
    state.apply({ kind: 'tombstone', topic: TOPICS.charityRollups, key: CHARITY_IDS[1] });
    const { topCharities, charityCount } = state.snapshot(NOW);
    expect(charityCount).toBe(1);
    expect(topCharities[0].entries).toEqual([
      expect.objectContaining({ id: CHARITY_IDS[0], campaignCount: 3, netMinor: 900 }),
    ]);
  });

  it('counts what each message did, and the invalid ones', () => {
    const state = new DashboardState({ topN: 5, seriesMinutes: 60 });
    state.apply({ kind: 'campaign', value: aCampaignTotals('a', 2, cny(1, 1)) });
    state.apply({ kind: 'campaign', value: aCampaignTotals('a', 1, cny(1, 1)) });
    state.reject();
    state.markCaughtUp();
    expect(state.snapshot(NOW).feed).toEqual({
      caughtUp: true,
      applied: 1,
      stale: 1,
      ignored: 0,
      invalid: 1,
    });
  });

  it('tells whether a pipeline reading changes what the page shows', () => {
    const state = new DashboardState({ topN: 5, seriesMinutes: 60 });
    const reading = (dlqMessages: number, at: string) => ({
      dlqMessages,
      lag: [{ group: 'aggregator', lag: 0 }],
      checkedAt: at,
    });
    expect(state.setPipeline(reading(2, 'a'))).toBe(true);
    expect(state.setPipeline(reading(2, 'b'))).toBe(false);
    expect(state.snapshot(NOW).pipeline.checkedAt).toBe('b');
    expect(state.setPipeline(reading(3, 'c'))).toBe(true);
  });

  it("names the top lists' ids from the registry, and only those shown", () => {
    const state = new DashboardState({ topN: 1, seriesMinutes: 60 });
    state.apply({ kind: 'campaign', value: aCampaignTotals('a', 1, cny(1_000, 2)) });
    state.apply({ kind: 'campaign', value: aCampaignTotals('b', 1, cny(500, 1)) });
    expect(state.snapshot(NOW).names).toEqual({ campaigns: {}, charities: {} });
    const names = {
      campaigns: new Map([
        ['a', '乡村助学'],
        ['b', '安全饮水'],
      ]),
      charities: new Map([[CHARITY_IDS[0], '某慈善基金会']]),
    };
    expect(state.setNames(names)).toBe(true);
    expect(state.setNames({ ...names })).toBe(false);
    expect(state.snapshot(NOW).names).toEqual({ campaigns: { a: '乡村助学' }, charities: {} });
  });
});
