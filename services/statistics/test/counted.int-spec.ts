import { campaignScope, DonationEventV1, TOPICS } from '@donations/contracts';
import { statsKeys } from '../src/stats/stats.keys';
import { StatisticsFixture } from './statistics.fixture';
import { expectStatsToMatchGroundTruth, overviewAndState } from './stats.expectations';

describe('statistics of the counted stream (ledger decisions)', () => {
  let fixture: StatisticsFixture;
  /** The events the statistics must hold: counted, and not taken back. */
  const counted: DonationEventV1[] = [];

  beforeAll(async () => {
    fixture = await StatisticsFixture.create();
    await fixture.startApp();
  });

  afterAll(() => fixture.close());

  async function expectGroundTruth(): Promise<void> {
    await fixture.waitUntilConsumed();
    const response = await fixture.app!.inject({ method: 'GET', url: '/stats/overview' });
    const { overview } = overviewAndState(response.json<Record<string, unknown>>());
    await expectStatsToMatchGroundTruth(fixture.redis, overview, counted);
  }

  /** Keys under the test's prefix, and the fields and members they hold. */
  async function keySpace(): Promise<{ keys: number; entries: number; families: string[] }> {
    const prefix = fixture.config.REDIS_KEY_PREFIX;
    // The publisher's versions (`stats:published:<topic>`: one field per published scope and
    // minute, never per event) fill on its own schedule, every STATISTICS_PUBLISH_INTERVAL_MS:
    // left out, so the comparison does not race the publisher.
    const keys = (await fixture.redis.keys(`${prefix}*`))
      .map((key) => key.slice(prefix.length))
      .filter((key) => !key.startsWith('stats:published'));
    let entries = 0;
    for (const key of keys) {
      // The position and fence hashes hold one field per partition the batches touched so far.
      if (/^stats:(offsets|fences|meta)/.test(key)) continue;
      const type = await fixture.redis.type(key);
      if (type === 'hash') entries += await fixture.redis.hLen(key);
      if (type === 'zset') entries += await fixture.redis.zCard(key);
    }
    const families = [...new Set(keys.map((key) => key.split(':').slice(0, 2).join(':')))].sort();
    return { keys: keys.length, entries, families };
  }

  it('takes back a refund counted earlier, as if it had never counted', async () => {
    const donation = fixture.aDonation(1);
    // The refund came first and counted; its donation, later, shows it exceeds it.
    const refund = fixture.aRefundOf(donation, donation.amountMinor + 500);
    await fixture.publish([refund]);
    await fixture.waitUntilConsumed();
    const totalsKey = statsKeys.totals(campaignScope(donation.campaignId));
    expect(await fixture.redis.hGetAll(totalsKey)).toEqual({
      [`${refund.currency}:refunded`]: String(refund.amountMinor),
      [`${refund.currency}:refunds`]: '1',
    });

    await fixture.publishCounted([
      fixture.ledger.decideAs(donation, { decision: 'counted' }, [refund]),
    ]);
    counted.push(donation);
    await expectGroundTruth();
    const net = statsKeys.topNet('campaign', donation.currency);
    expect(await fixture.redis.zScore(net, donation.campaignId)).toBe(donation.amountMinor);
  });

  it('moves nothing for an event the ledger did not count, and fences past it', async () => {
    const donation = fixture.aDonation(2);
    await fixture.publish([donation]);
    counted.push(donation);
    await fixture.waitUntilConsumed();
    const before = await fixture.snapshot();
    const rejected = fixture.ledger.decideAs(fixture.aRefundOf(donation, 1_000_000), {
      decision: 'not-counted',
      reason: 'AGGREGATE.REFUND_EXCEEDS_DONATION',
    });
    await fixture.publishCounted([rejected]);
    await fixture.waitUntilConsumed();
    expect(await fixture.snapshot()).toEqual(before);
    const fences = await fixture.redis.hGetAll(
      statsKeys.fences(fixture.config.STATISTICS_GROUP_ID, TOPICS.donationsCounted),
    );
    expect(fences[String(rejected.source.partition)]).toBe(rejected.source.offset);
    await expectGroundTruth();
  });

  it('keeps no key or field per event: ten times the events, the same key space', async () => {
    // Events that fall into the same scopes, minutes and donors, each a new one.
    const wave = (count: number) =>
      Array.from({ length: count }, (_, i) => fixture.aDonation(i % 60));
    const first = wave(120);
    await fixture.publish(first);
    counted.push(...first);
    await fixture.waitUntilConsumed();
    const after120 = await keySpace();

    const more = wave(1_200);
    await fixture.publish(more);
    await fixture.republish(fixture.sent.length - 400, fixture.sent.length);
    counted.push(...more);
    await expectGroundTruth();
    expect(await keySpace()).toEqual(after120);
    expect(after120.families).toEqual([
      'stats:age-bands',
      'stats:amounts',
      'stats:donors',
      'stats:fences',
      'stats:hours',
      'stats:meta',
      'stats:minutes',
      'stats:offsets',
      'stats:platforms',
      'stats:top',
      'stats:totals',
    ]);
  });
});
