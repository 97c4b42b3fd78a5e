import {
  DonationEventV1,
  GLOBAL_SCOPE,
  StatsOverviewV1,
  TopicName,
  TOPICS,
  topicName,
} from '@donations/contracts';
import type { ConsumedBatch } from '@donations/kafka';
import { connectRedis, requiredEnv, TopicCollector, waitFor } from '@donations/testing';
import { REDIS, STATISTICS_CONFIG } from '../src/connections/connections.tokens';
import type { StatsState } from '../src/rebuild/rebuild-progress';
import { StateGoneError } from '../src/rebuild/state-gone.error';
import { StatsRepository } from '../src/stats/stats.repository';
import { StatisticsFixture } from './statistics.fixture';
import { expectStatsToMatchGroundTruth, overviewAndState } from './stats.expectations';

/**
 * A Redis database of this test's own (FLUSHDB wipes all of it): an empty one among 1..15,
 * never 0, where the other tests keep their keys.
 */
async function emptyRedisDatabase(): Promise<string> {
  const url = new URL(requiredEnv('REDIS_URL'));
  const first = 1 + Math.floor(Math.random() * 15);
  for (let step = 0; step < 15; step += 1) {
    const db = 1 + ((first - 1 + step) % 15);
    url.pathname = `/${db}`;
    const probe = await connectRedis(url.toString());
    const size = await probe.dbSize().finally(() => probe.destroy());
    if (size === 0) return url.toString();
  }
  throw new Error('no empty Redis database among 1..15 for the rebuild test');
}

/** FLUSHDB on the test's own database: Redis lost the statistics, the service still runs. */
async function flush(url: string): Promise<void> {
  expect(new URL(url).pathname).not.toMatch(/^\/?0?$/);
  const redis = await connectRedis(url);
  await redis.flushDb().finally(() => redis.destroy());
}

/** A stream of donations with refunds and duplicates, offset by `from` in the fixture's builder. */
function stream(fixture: StatisticsFixture, from: number, count: number): DonationEventV1[] {
  const donations = Array.from({ length: count }, (_, i) => fixture.aDonation(from + i));
  const refunds = donations
    .filter((_, i) => i % 9 === 0)
    .map((d) => fixture.aRefundOf(d, Math.ceil(d.amountMinor / 2)));
  return [...donations, ...refunds, ...donations.slice(0, count / 10)];
}

/** Messages in a topic of the fixture's (donations.counted.v1: what a rebuild has to read). */
async function messagesInTopic(
  fixture: StatisticsFixture,
  topic: TopicName = TOPICS.donationsCounted,
): Promise<number> {
  const ends = await fixture.topicEnds(topic);
  return ends.reduce((sum, { low, high }) => sum + Number(high) - Number(low), 0);
}

/** Messages no statistic may count: not JSON, not an event, an event with a negative amount. */
async function publishPoison(fixture: StatisticsFixture): Promise<number> {
  const [valid] = fixture.ledger.decide([fixture.aDonation(90_000)]);
  const poison = [
    'not json at all',
    JSON.stringify({ ...valid, event: { type: 'donation.completed' } }),
    JSON.stringify({ ...valid, event: { ...valid.event, amountMinor: -5 } }),
  ];
  const producer = fixture.kafka.producer();
  await producer.connect();
  try {
    await producer.send({
      topic: topicName(TOPICS.donationsCounted, fixture.config.TOPIC_PREFIX),
      messages: poison.map((value, index) => ({ key: `poison-${index}`, value })),
    });
  } finally {
    await producer.disconnect();
  }
  return poison.length;
}

async function overview(fixture: StatisticsFixture) {
  const response = await fixture.app!.inject({ method: 'GET', url: '/stats/overview' });
  expect(response.statusCode).toBe(200);
  return overviewAndState(response.json<Record<string, unknown>>());
}

async function readyState(fixture: StatisticsFixture): Promise<Record<string, unknown>> {
  const response = await fixture.app!.inject({ method: 'GET', url: '/health/ready' });
  expect(response.statusCode).toBe(200);
  const body = response.json<{ details: { statistics: Record<string, unknown> } }>();
  return body.details.statistics;
}

async function publishAndConsume(fixture: StatisticsFixture, events: DonationEventV1[]) {
  for (let from = 0; from < events.length; from += 2_000) {
    await fixture.publish(events.slice(from, from + 2_000));
  }
  await fixture.waitUntilConsumed();
}

/** The service started on its own topics with `env`, after consuming a stream of `count` donations. */
async function consumingFixture(
  published: DonationEventV1[],
  count: number,
  env: Record<string, string>,
): Promise<StatisticsFixture> {
  const fixture = await StatisticsFixture.create(env);
  try {
    await fixture.startApp();
    published.push(...stream(fixture, 0, count));
    await publishAndConsume(fixture, published);
    return fixture;
  } catch (error) {
    // afterAll never gets this fixture: close it here, or its consumer outlives the test run.
    await fixture.close();
    throw error;
  }
}

const stateOf = (body: { state: unknown }) => body.state as StatsState;

describe('statistics rebuild after Redis lost its state', () => {
  let redisUrl: string;

  beforeAll(async () => {
    redisUrl = await emptyRedisDatabase();
  });

  describe('flushed while the service idles', () => {
    let fixture: StatisticsFixture;
    const published: DonationEventV1[] = [];

    beforeAll(async () => {
      fixture = await consumingFixture(published, 6_000, {
        REDIS_URL: redisUrl,
        // Small batches, one partition at a time: the rebuild takes long enough to be watched.
        STATISTICS_FETCH_MAX_BYTES_PER_PARTITION: '16384',
        STATISTICS_PARTITIONS_CONCURRENTLY: '1',
        STATISTICS_STATE_CHECK_INTERVAL_MS: '200',
      });
    });

    afterAll(() => fixture?.close());

    it('reports rebuilding with progress, then live, and ends with the figures it had', async () => {
      const poison = await publishPoison(fixture);
      await fixture.waitUntilConsumed();
      await waitFor(async () => (await messagesInTopic(fixture, TOPICS.dlq)) === poison, {
        description: 'the poison messages on donations.dlq',
      });
      const before = await overview(fixture);
      expect(before.state).toEqual({ status: 'live' });
      const beforeFigures = await fixture.snapshot();
      const total = await messagesInTopic(fixture);
      const topic = await TopicCollector.start<StatsOverviewV1>(
        fixture.kafka,
        TOPICS.statsOverview,
        fixture.config.TOPIC_PREFIX,
      );
      const globalOnTopic = () => topic.messages.filter((m) => m.key === GLOBAL_SCOPE);
      await waitFor(
        () =>
          globalOnTopic().at(-1)?.value.totals.CNY?.donationCount ===
          before.overview.totals.CNY?.donationCount,
        { description: 'the pre-flush global overview on stats.overview.v1' },
      );
      const publishedBeforeFlush = topic.messages.length;

      await flush(redisUrl);
      const seen: StatsState[] = [];
      let health: Record<string, unknown> | undefined;
      await waitFor(
        async () => {
          const state = stateOf(await overview(fixture).catch(() => ({ state: undefined })));
          if (state) seen.push(state);
          if (state?.status === 'rebuilding' && state.progress && !health) {
            health = await readyState(fixture);
          }
          return seen.some((s) => s.status === 'rebuilding') && state?.status === 'live';
        },
        { timeoutMs: 60_000, intervalMs: 20, description: 'rebuilding, then live' },
      );
      await fixture.waitUntilConsumed();

      const progress = seen.flatMap((s) => (s.status === 'rebuilding' && s.progress) || []);
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.every((p) => p.total === total && p.consumed <= p.total)).toBe(true);
      expect(progress.some((p) => p.consumed < p.total && p.ratio < 1)).toBe(true);
      const consumed = progress.map((p) => p.consumed);
      expect(consumed).toEqual([...consumed].sort((a, b) => a - b));
      expect(health).toMatchObject({ status: 'up', state: 'rebuilding', progress: { total } });
      expect(await readyState(fixture)).toMatchObject({ status: 'up', state: 'live' });

      const after = await overview(fixture);
      expect(after.state).toEqual({ status: 'live' });
      expect({ ...after.overview, version: 0, updatedAt: '' }).toEqual({
        ...before.overview,
        version: 0,
        updatedAt: '',
      });
      expect(await fixture.snapshot()).toEqual(beforeFigures);
      await expectStatsToMatchGroundTruth(fixture.redis, after.overview, published);
      // The rebuild read the poison again (dead letters go out before the offset moves past
      // them), and did not publish their dead letters a second time.
      expect(await messagesInTopic(fixture, TOPICS.dlq)).toBe(poison);

      // Dashboards never saw figures climbing back from zero: nothing was published while
      // rebuilding; once live, every scope went out again, with the figures it had.
      const scopesBefore = new Set(topic.messages.slice(0, publishedBeforeFlush).map((m) => m.key));
      const republished = () => topic.messages.slice(publishedBeforeFlush);
      await waitFor(() => new Set(republished().map((m) => m.key)).size >= scopesBefore.size, {
        description: 'every scope republished after the rebuild',
      });
      await topic.stop();
      const cnyCounts = republished()
        .filter((m) => m.key === GLOBAL_SCOPE)
        .map((m) => m.value.totals.CNY?.donationCount);
      expect(new Set(cnyCounts)).toEqual(new Set([before.overview.totals.CNY?.donationCount]));
      expect(new Set(republished().map((m) => m.key))).toEqual(scopesBefore);
    });
  });

  describe('flushed while events arrive (no state check but the batch script)', () => {
    let fixture: StatisticsFixture;
    const published: DonationEventV1[] = [];

    beforeAll(async () => {
      fixture = await consumingFixture(published, 2_000, {
        REDIS_URL: redisUrl,
        // The periodic check would notice the flush too: here only a refused batch can.
        STATISTICS_STATE_CHECK_INTERVAL_MS: '600000',
      });
    });

    afterAll(() => fixture?.close());

    it('refuses a batch from the middle of the log on a partition without offset, changing nothing', async () => {
      const repository = new StatsRepository(
        fixture.app!.get(REDIS),
        fixture.app!.get(STATISTICS_CONFIG),
      );
      const before = await fixture.snapshot();
      const batch: ConsumedBatch = {
        topic: TOPICS.donationsCounted,
        kafkaTopic: 'direct',
        partition: 99,
        messages: [],
        firstOffset: '5',
        lastOffset: '5',
        nextOffset: '6',
      };
      const events = fixture.ledger.decide([fixture.aDonation(50_000)]);
      await expect(repository.applyBatch(batch, events, '0')).rejects.toBeInstanceOf(
        StateGoneError,
      );
      await expect(repository.applyBatch(batch, events)).rejects.toBeInstanceOf(StateGoneError);
      expect(await fixture.snapshot()).toEqual(before);
    });

    it('rebuilds from the earliest offsets when a batch is refused, to the ground truth', async () => {
      await flush(redisUrl);
      const more = stream(fixture, 2_000, 1_000);
      published.push(...more);
      await publishAndConsume(fixture, more);
      const { overview: after, state } = await waitFor(
        async () => {
          const body = await overview(fixture);
          return stateOf(body).status === 'live' && body;
        },
        { description: 'live again' },
      );
      expect(state).toEqual({ status: 'live' });
      await expectStatsToMatchGroundTruth(fixture.redis, after, published);
    });
  });
});
