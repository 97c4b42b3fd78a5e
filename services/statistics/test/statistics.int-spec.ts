import {
  campaignScope,
  charityScope,
  DonationEventV1,
  GLOBAL_SCOPE,
  platformScope,
  StatsOverviewV1,
  TOPICS,
} from '@donations/contracts';
import type { ConsumedBatch } from '@donations/kafka';
import { REDIS, STATISTICS_CONFIG } from '../src/connections/connections.tokens';
import { OffsetFenceError } from '../src/stats/offset-fence.error';
import { StatsRepository } from '../src/stats/stats.repository';
import { statsKeys } from '../src/stats/stats.keys';
import {
  distinctCount,
  distinctEvents,
  donationsOf,
  expectedBuckets,
  expectedSeries,
  expectedTotals,
} from './stats.ground-truth';
import { StatisticsFixture } from './statistics.fixture';
import { overviewAndState } from './stats.expectations';

describe('statistics on real Kafka and Redis', () => {
  let fixture: StatisticsFixture;
  const published: DonationEventV1[] = [];

  beforeAll(async () => {
    fixture = await StatisticsFixture.create();
    await fixture.startApp();
    const donations = Array.from({ length: 240 }, (_, i) => fixture.aDonation(i));
    const refunds = donations
      .filter((_, i) => i % 9 === 0)
      .map((d) => fixture.aRefundOf(d, Math.ceil(d.amountMinor / 2)));
    // First delivery: donations, refunds and in-batch duplicates.
    const first = [...donations.slice(0, 160), ...refunds, ...donations.slice(0, 20)];
    await fixture.publish(first);
    await fixture.waitUntilConsumed();
    // The aggregator's relay crashed and publishes a range of counted messages again, some
    // of them applied in earlier batches, then the later delivery: duplicates of events counted
    // before (the ledger drops them), and the rest.
    const republishedFrom = fixture.sent.length - 60;
    await fixture.republish(republishedFrom, fixture.sent.length);
    const second = [...donations.slice(100), ...refunds.slice(0, 5), donations[3]];
    await fixture.publish(second);
    await fixture.republish(republishedFrom + 30, fixture.sent.length - 10);
    await fixture.waitUntilConsumed();
    published.push(...first, ...second);
  });

  afterAll(() => fixture.close());

  const counted = () => distinctEvents(published);

  async function overview(): Promise<StatsOverviewV1> {
    const response = await fixture.app!.inject({ method: 'GET', url: '/stats/overview' });
    expect(response.statusCode).toBe(200);
    // Every /stats response says whether its figures are live (rebuild/stats-state.interceptor).
    const body = overviewAndState(response.json<Record<string, unknown>>());
    expect(body.state).toEqual({ status: 'live' });
    return body.overview;
  }

  it('counts each distinct event once in the global totals, net of refunds, per currency', async () => {
    const expected = expectedTotals(counted(), () => GLOBAL_SCOPE).get(GLOBAL_SCOPE)!;
    const { totals } = await overview();
    for (const [currency, stats] of Object.entries(totals)) {
      expect(String(stats.raisedMinor)).toBe(expected[`${currency}:raised`]);
      expect(String(stats.refundedMinor ?? 0)).toBe(expected[`${currency}:refunded`] ?? '0');
      expect(stats.netMinor).toBe(stats.raisedMinor - stats.refundedMinor);
      expect(String(stats.donationCount)).toBe(expected[`${currency}:donations`]);
    }
    expect(Object.keys(totals).sort()).toEqual(['CNY', 'USD']);
  });

  it.each([
    ['platform', (e: DonationEventV1) => platformScope(e.platform)],
    ['charity', (e: DonationEventV1) => charityScope(e.charityId)],
    ['campaign', (e: DonationEventV1) => campaignScope(e.campaignId)],
    ['region', (e: DonationEventV1) => (e.donor.region ? `region:${e.donor.region}` : undefined)],
  ])('keeps the totals per %s', async (_, scopeOf) => {
    const expected = expectedTotals(counted(), scopeOf);
    expect(expected.size).toBeGreaterThan(1);
    for (const [scope, hash] of expected) {
      expect(await fixture.redis.hGetAll(statsKeys.totals(scope))).toEqual(hash);
    }
  });

  it('estimates unique donors overall, per platform and per campaign', async () => {
    const donations = donationsOf(counted());
    const groups: [string, DonationEventV1[]][] = [
      [GLOBAL_SCOPE, donations],
      ...['alipay', 'tencent', 'jd'].map((p): [string, DonationEventV1[]] => [
        `platform:${p}`,
        donations.filter((d) => d.platform === p),
      ]),
      ...fixture.campaigns.map((c): [string, DonationEventV1[]] => [
        campaignScope(c),
        donations.filter((d) => d.campaignId === c),
      ]),
    ];
    for (const [scope, events] of groups) {
      const truth = distinctCount(events.map((d) => d.donor.hash));
      const estimate = await fixture.redis.pfCount(statsKeys.donors(scope));
      expect(Math.abs(estimate - truth)).toBeLessThanOrEqual(Math.max(1, truth * 0.02));
    }
    expect((await overview()).uniqueDonors).toBe(
      await fixture.redis.pfCount(statsKeys.donors(GLOBAL_SCOPE)),
    );
  });

  it('describes the amount distribution, platform shares and age bands of the donations', async () => {
    const donations = donationsOf(counted());
    const view = await overview();
    for (const [currency, stats] of Object.entries(view.totals)) {
      const amounts = donations.filter((d) => d.currency === currency).map((d) => d.amountMinor);
      const share = (bound: number) => amounts.filter((a) => a <= bound).length / amounts.length;
      expect(stats.distribution.buckets.map((b) => b.count)).toEqual(expectedBuckets(amounts));
      expect(stats.distribution.shareAtOrUnder100).toBeCloseTo(share(100), 10);
      expect(stats.distribution.shareAtOrUnder1000).toBeCloseTo(share(1_000), 10);
      expect(stats.distribution.shareAtOrUnder10000).toBeCloseTo(share(10_000), 10);
    }
    for (const [platform, { donationCount, share }] of Object.entries(view.platforms)) {
      const count = donations.filter((d) => d.platform === platform).length;
      expect(donationCount).toBe(count);
      expect(share).toBeCloseTo(count / donations.length, 10);
    }
    for (const [band, count] of Object.entries(view.ageBands)) {
      expect(count).toBe(donations.filter((d) => (d.donor.ageBand ?? 'unknown') === band).length);
    }
  });

  it('files per-minute and per-hour series by event time', async () => {
    const distinct = counted();
    expect(await fixture.redis.hGetAll(statsKeys.minutes(GLOBAL_SCOPE))).toEqual(
      expectedSeries(distinct, 60_000),
    );
    expect(await fixture.redis.hGetAll(statsKeys.hours(GLOBAL_SCOPE))).toEqual(
      expectedSeries(distinct, 3_600_000),
    );
  });

  it('stores per partition the last source offset it applied, republished ranges skipped', async () => {
    const { STATISTICS_GROUP_ID } = fixture.config;
    const fences = await fixture.redis.hGetAll(
      statsKeys.fences(STATISTICS_GROUP_ID, TOPICS.donationsCounted),
    );
    const last = new Map<string, string>();
    for (const { source } of fixture.sent) {
      const before = last.get(String(source.partition));
      if (before === undefined || Number(source.offset) > Number(before)) {
        last.set(String(source.partition), source.offset);
      }
    }
    expect(fences).toEqual(Object.fromEntries(last));
    const inTopic = (await fixture.topicEnds()).reduce((sum, { high }) => sum + Number(high), 0);
    expect(inTopic).toBe(fixture.sent.length);
    expect(new Set(fixture.sent.map((m) => m.event.eventId)).size).toBe(counted().length);
    expect(fixture.sent.length - counted().length).toBeGreaterThanOrEqual(60);
    const keys = await fixture.redis.keys(`${fixture.config.REDIS_KEY_PREFIX}stats:*`);
    expect(keys.filter((key) => key.includes(':seen:'))).toEqual([]);
  });

  it('refuses a replayed batch atomically: nothing changes, not even a new event in it', async () => {
    const before = await fixture.snapshot();
    const offsetsKey = statsKeys.offsets(
      fixture.config.STATISTICS_GROUP_ID,
      TOPICS.donationsCounted,
    );
    const [partition] = Object.keys(await fixture.redis.hGetAll(offsetsKey)).map(Number);
    const repository = new StatsRepository(
      fixture.app!.get(REDIS),
      fixture.app!.get(STATISTICS_CONFIG),
    );
    const replay: ConsumedBatch = {
      topic: TOPICS.donationsCounted,
      kafkaTopic: 'replayed',
      partition,
      messages: [],
      firstOffset: '0',
      lastOffset: '1',
      nextOffset: '2',
    };
    const messages = [
      ...fixture.sent.filter((m) => m.source.partition === partition).slice(0, 1),
      ...fixture.ledger.decide([fixture.aDonation(10_000)]),
    ].map((m) => ({ ...m, source: { ...m.source, partition } }));
    await expect(repository.applyBatch(replay, messages)).rejects.toBeInstanceOf(OffsetFenceError);
    expect(await fixture.snapshot()).toEqual(before);
  });

  it('counts nothing twice after a restart of the same group and a re-delivery', async () => {
    const before = await fixture.snapshot();
    const version = Number(await fixture.redis.hGet(statsKeys.meta(), 'version'));
    await fixture.stopApp();
    await fixture.startApp();
    await fixture.publish(published.slice(0, 120));
    await fixture.republish(0, 120);
    await fixture.waitUntilConsumed();
    expect(await fixture.snapshot()).toEqual(before);
    expect(Number(await fixture.redis.hGet(statsKeys.meta(), 'version'))).toBe(version);
  });
});
