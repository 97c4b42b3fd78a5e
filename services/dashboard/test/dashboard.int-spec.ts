import { TOPICS } from '@donations/contracts';
import {
  aCampaignTotals,
  aCharityRollup,
  aMinute,
  anOverview,
  CHARITY_IDS,
  currencyTotals,
} from './feed.builders';
import { DashboardFixture, Gateway } from './dashboard.fixture';
import type { DashboardSnapshot } from '../src/state/dashboard.state';

const M0 = '2024-09-09T02:00:00.000Z';
const M1 = '2024-09-09T02:01:00.000Z';
const cny = (raisedMinor: number, donationCount: number) => ({
  CNY: currencyTotals({ raisedMinor, donationCount }),
});

/** What two gateways that read the same topics must agree on. */
function stateOf(snapshot: DashboardSnapshot) {
  const { generatedAt: _at, pipeline: _pipeline, feed: _feed, ...state } = snapshot;
  return state;
}

const netOf = (snapshot: DashboardSnapshot, currency: string) =>
  snapshot.totals.find((t) => t.currency === currency)?.netMinor;

describe('dashboard gateway on real Kafka', () => {
  let fixture: DashboardFixture;
  let gateway: Gateway;

  /** Every feed topic with a stale version and a bad message among the good ones. */
  async function publishHistory(): Promise<void> {
    const { producer } = fixture;
    await producer.send(TOPICS.campaignTotals, [
      { key: 'campaign-a', value: aCampaignTotals('campaign-a', 1, cny(1_000, 1)) },
      { key: 'campaign-a', value: aCampaignTotals('campaign-a', 2, cny(5_000, 3)) },
      {
        key: 'campaign-b',
        value: aCampaignTotals('campaign-b', 1, {
          ...cny(3_000, 2),
          USD: currencyTotals({ raisedMinor: 700, donationCount: 1, platform: 'stripe' }),
        }),
      },
      // Stale: version 1 again, after version 2 on the same key (a relay's re-publish).
      { key: 'campaign-a', value: aCampaignTotals('campaign-a', 1, cny(999_999, 99)) },
    ]);
    await producer.send(TOPICS.charityRollups, [
      { key: CHARITY_IDS[0], value: aCharityRollup(CHARITY_IDS[0], 1, 1, cny(5_000, 3)) },
      { key: CHARITY_IDS[0], value: aCharityRollup(CHARITY_IDS[0], 2, 2, cny(8_000, 5)) },
      { key: CHARITY_IDS[1], value: aCharityRollup(CHARITY_IDS[1], 1, 1, cny(700, 1)) },
    ]);
    await producer.send(TOPICS.statsOverview, [
      { key: 'global', value: anOverview(1, 4) },
      { key: 'global', value: anOverview(2, 8) },
      { key: 'platform:alipay', value: anOverview(1, 6, 'platform:alipay') },
      { key: 'campaign:campaign-a', value: anOverview(1, 3, 'campaign:campaign-a') },
    ]);
    await producer.send(TOPICS.statsTimeseries, [
      { key: 'global', value: aMinute(M0, 1, 2) },
      { key: 'global', value: aMinute(M0, 3, 5) },
      { key: 'global', value: aMinute(M0, 2, 9) },
      { key: 'global', value: aMinute(M1, 4, 3) },
      { key: 'platform:jd', value: aMinute(M1, 1, 3, 'platform:jd') },
    ]);
    await fixture.sendRaw(TOPICS.campaignTotals, [{ key: 'campaign-a', value: '{not json' }]);
    await fixture.sendRaw(TOPICS.charityRollups, [
      { key: CHARITY_IDS[1], value: JSON.stringify(anOverview(3, 3)) },
    ]);
    await fixture.sendRaw(TOPICS.statsOverview, [
      { key: 'global', value: JSON.stringify(anOverview(9, 9, 'platform:jd')) },
    ]);
    await fixture.sendRaw(TOPICS.statsTimeseries, [{ key: 'global', value: null }]);
  }

  /** Two dead letters, and five donations on partition 0 of which one group has consumed two. */
  async function publishPipeline(): Promise<void> {
    await fixture.sendRaw(TOPICS.dlq, [
      { key: 'x', value: 'dead letter 1' },
      { key: 'y', value: 'dead letter 2' },
    ]);
    const donations = Array.from({ length: 5 }, (_, i) => ({
      key: `k${i}`,
      value: `d${i}`,
      partition: 0,
    }));
    await fixture.sendRaw(TOPICS.donationsNormalized, donations);
    await fixture.commitNormalized(fixture.groups.aggregator, '2');
  }

  beforeAll(async () => {
    fixture = await DashboardFixture.create();
    await publishHistory();
    await publishPipeline();
    gateway = await fixture.startGateway();
  });

  afterAll(() => fixture.close());

  it('serves the latest version of every campaign and charity, summed per currency, CNY first', async () => {
    const snapshot = await gateway.caughtUp();
    expect(snapshot.totals).toEqual([
      {
        currency: 'CNY',
        exponent: 2,
        raisedMinor: 8_000,
        refundedMinor: 0,
        netMinor: 8_000,
        donationCount: 5,
        refundCount: 0,
      },
      {
        currency: 'USD',
        exponent: 2,
        raisedMinor: 700,
        refundedMinor: 0,
        netMinor: 700,
        donationCount: 1,
        refundCount: 0,
      },
    ]);
    expect(snapshot).toMatchObject({ donationCount: 6, campaignCount: 2, charityCount: 2 });
    expect(snapshot.topCampaigns[0].entries.map((e) => [e.id, e.netMinor])).toEqual([
      ['campaign-a', 5_000],
      ['campaign-b', 3_000],
    ]);
    expect(snapshot.topCharities[0].entries[0]).toMatchObject({
      id: CHARITY_IDS[0],
      campaignCount: 2,
      netMinor: 8_000,
    });
  });

  it('serves the latest global overview and per-minute series', async () => {
    const { overview, series } = await gateway.caughtUp();
    expect(overview).toMatchObject({ version: 2, uniqueDonors: 4 });
    expect(overview!.platforms.map((p) => p.platform)).toEqual(['alipay', 'tencent']);
    expect(overview!.amounts[0]).toMatchObject({
      currency: 'CNY',
      shareAtOrUnder100: 0.5,
      medianMinorEstimate: 550,
    });
    expect(series.map((p) => [p.minute, p.perCurrency.CNY?.donationCount])).toEqual([
      [M0, 5],
      [M1, 3],
    ]);
  });

  it('skips and counts stale, foreign and malformed messages without stopping', async () => {
    const { feed } = await gateway.caughtUp();
    expect(feed).toEqual({ caughtUp: true, applied: 12, stale: 2, ignored: 2, invalid: 4 });
    const metrics = await (await gateway.get('/metrics')).text();
    for (const reason of ['NOT_JSON', 'SCHEMA_INVALID', 'KEY_MISMATCH', 'UNEXPECTED_TOMBSTONE']) {
      expect(metrics).toMatch(
        new RegExp(`dashboard_feed_rejected_total\\{[^}]*reason="${reason}"[^}]*\\} 1`),
      );
    }
    expect(metrics).toMatch(/dashboard_feed_messages_total\{[^}]*outcome="stale"[^}]*\} \d/);
    expect((await gateway.get('/health/ready')).status).toBe(200);
  });

  it('shows the dead letters held and the lag of the groups that commit offsets in Kafka', async () => {
    const { pipeline } = await gateway
      .snapshot()
      .then(async (first) => (first.pipeline.dlqMessages === 2 ? first : await gateway.caughtUp()));
    expect(pipeline.dlqMessages).toBe(2);
    expect(pipeline.lag).toEqual([
      { group: fixture.groups.aggregator, lag: 3 },
      { group: fixture.groups.statistics, lag: null },
    ]);
  });

  it('serves the page, its script and the chart library from the service itself', async () => {
    const page = await gateway.get('/');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('data-testid="donation-count"');
    expect(html).toContain('src="/vendor/chart.umd.min.js"');
    for (const path of ['/dashboard.js', '/vendor/chart.umd.min.js']) {
      const script = await gateway.get(path);
      expect([script.status, script.headers.get('content-type')]).toEqual([
        200,
        'text/javascript; charset=utf-8',
      ]);
      expect(await script.text()).toMatch(path.includes('chart') ? /Chart/ : /EventSource/);
    }
  });

  it('streams a snapshot on connect, then coalesced updates as new versions arrive', async () => {
    const client = await gateway.events();
    try {
      const first = await client.waitForEvent('the snapshot', () => true);
      expect(first.type).toBe('snapshot');
      expect(stateOf(first.data)).toEqual(stateOf(await gateway.snapshot()));

      await fixture.producer.send(TOPICS.campaignTotals, [
        { key: 'campaign-c', value: aCampaignTotals('campaign-c', 1, cny(10_000, 4)) },
      ]);
      const update = await client.waitForEvent(
        'an update with campaign-c',
        (e) => netOf(e.data, 'CNY') === 18_000,
      );
      expect(update.type).toBe('update');
      expect(update.data.topCampaigns[0].entries[0]).toMatchObject({
        id: 'campaign-c',
        netMinor: 10_000,
      });

      // 30 versions of one campaign, each its own send: the page gets a few updates, the last one included.
      const since = Date.now();
      const seen = client.events.length;
      for (let version = 3; version <= 32; version += 1) {
        await fixture.producer.send(TOPICS.campaignTotals, [
          {
            key: 'campaign-a',
            value: aCampaignTotals('campaign-a', version, cny(5_000 + version, 3)),
          },
        ]);
      }
      await client.waitForEvent('the last version', (e) => netOf(e.data, 'CNY') === 18_032);
      const updates = client.events.slice(seen);
      const elapsed = Date.now() - since;
      expect(updates.length).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 1);
      expect(updates.length).toBeLessThan(30);
      for (let i = 1; i < updates.length; i += 1) {
        expect(updates[i].at - updates[i - 1].at).toBeGreaterThanOrEqual(150);
      }
    } finally {
      await client.close();
    }
  });

  it('builds the same state in a gateway that starts later, from the topics alone', async () => {
    const late = await fixture.startGateway();
    const rebuilt = await late.caughtUp();
    expect(stateOf(rebuilt)).toEqual(stateOf(await gateway.snapshot()));
    expect(netOf(rebuilt, 'CNY')).toBe(18_032);
    expect(rebuilt.feed.invalid).toBe(4);
    await late.close();
  });

  it('ends the open streams when it shuts down', async () => {
    const client = await gateway.events();
    await client.waitForEvent('the snapshot', (e) => e.type === 'snapshot');
    await gateway.close();
    expect(client.ended).toBe(true);
    await client.close();
  });
});
