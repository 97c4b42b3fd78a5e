import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Kafka, Producer } from 'kafkajs';
import {
  AGE_BANDS,
  aDonationEvent,
  aRefundEvent,
  DonationCompletedV1,
  DonationCountedV1,
  DonationEventV1,
  DonationRefundedV1,
  makeUscc,
  Platform,
  TopicName,
  TOPICS,
  topicName,
} from '@donations/contracts';
import { loadConfig } from '@donations/config';
import {
  createTestTopics,
  requiredEnv,
  testKafka,
  testRedisPrefix,
  uniqueSuffix,
  waitFor,
  connectRedis,
  PlainRedis,
} from '@donations/testing';
import { RebuildService } from '../src/rebuild/rebuild.service';
import { StatisticsConfig, StatisticsConfigSchema } from '../src/config/statistics.config';
import { createStatisticsApp } from '../src/statistics-app';
import { statsKeys } from '../src/stats/stats.keys';
import { CountedLedger } from './counted-ledger';

export const CHARITIES = [makeUscc('53100000500021676'), makeUscc('91350100M00010012')];
const PLATFORMS: Platform[] = ['alipay', 'tencent', 'jd'];
const REGIONS = ['CN-GD', 'CN-BJ', 'CN-SH'];
/** Amounts around the ¥1 / ¥10 / ¥100 edges and far above them. */
const AMOUNTS = [
  1, 99, 100, 101, 500, 999, 1_000, 1_001, 5_000, 10_000, 10_001, 250_000, 3_000_000,
];

/** Counted messages per produce request (about 600 bytes each: well under 1 MiB). */
const PUBLISH_CHUNK = 500;

/**
 * One statistics service under test on the real Kafka and Redis: its own topics, key prefix and
 * consumer group, a producer of donations.counted.v1 (fed by a ledger that drops duplicates as
 * the aggregator does), a Redis client under the prefix and the app (started on demand).
 */
export class StatisticsFixture {
  app: NestFastifyApplication | undefined;
  readonly campaigns = ['A', 'B', 'C'].map((name) => `campaign-${name}-${uniqueSuffix()}`);
  readonly ledger = new CountedLedger();
  /** Every counted message produced, republished ones included, in order. */
  readonly sent: DonationCountedV1[] = [];

  private constructor(
    readonly kafka: Kafka,
    readonly config: StatisticsConfig,
    readonly producer: Producer,
    readonly redis: PlainRedis,
  ) {}

  /** `env`: settings over the test's own (e.g. a REDIS_URL with a database of the test's own). */
  static async create(env: Record<string, string> = {}): Promise<StatisticsFixture> {
    const kafka = testKafka();
    const prefix = await createTestTopics(kafka);
    const config = loadConfig(StatisticsConfigSchema, {
      HTTP_PORT: '0',
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      REDIS_URL: requiredEnv('REDIS_URL'),
      REDIS_KEY_PREFIX: testRedisPrefix(),
      TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      STATISTICS_GROUP_ID: `statistics-${uniqueSuffix()}`,
      ...env,
    });
    const redis = await connectRedis(config.REDIS_URL, { keyPrefix: config.REDIS_KEY_PREFIX });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    return new StatisticsFixture(kafka, config, producer, redis);
  }

  async close(): Promise<void> {
    await this.stopApp();
    await this.producer.disconnect();
    const raw = await connectRedis(this.config.REDIS_URL);
    const keys = await raw.keys(`${this.config.REDIS_KEY_PREFIX}*`);
    if (keys.length > 0) await raw.del(keys);
    raw.destroy();
    this.redis.destroy();
  }

  async startApp(): Promise<NestFastifyApplication> {
    const app = await createStatisticsApp(this.config);
    this.app = app;
    await app.startAllMicroservices();
    await app.init();
    return app;
  }

  async stopApp(): Promise<void> {
    await this.app?.close();
    this.app = undefined;
  }

  /** A donation of index i: varied platform, campaign, charity, currency, donor, band, region, minute. */
  aDonation(i: number): DonationCompletedV1 {
    const campaignId = this.campaigns[i % 3];
    return aDonationEvent({
      campaignId,
      charityId: CHARITIES[campaignId === this.campaigns[2] ? 1 : 0],
      platform: PLATFORMS[i % PLATFORMS.length],
      currency: i % 7 === 0 ? 'USD' : 'CNY',
      amountMinor: AMOUNTS[i % AMOUNTS.length],
      occurredAt: new Date(Date.UTC(2024, 8, 9, 1, 50) + i * 37_000).toISOString(),
      donor: {
        hash: (i % 41).toString(16).padStart(64, '0'),
        ...(i % 3 === 0 ? {} : { ageBand: AGE_BANDS[i % AGE_BANDS.length] }),
        ...(i % 4 === 0 ? {} : { region: REGIONS[i % REGIONS.length] }),
      },
    });
  }

  aRefundOf(donation: DonationCompletedV1, amountMinor: number): DonationRefundedV1 {
    const { platform, platformTxnId, campaignId, charityId, currency, donor } = donation;
    return aRefundEvent({
      platform,
      platformTxnId,
      campaignId,
      charityId,
      currency,
      donor,
      amountMinor,
    });
  }

  /** The events as the aggregator would publish them: one counted message per new event. */
  async publish(events: readonly DonationEventV1[]): Promise<void> {
    await this.publishCounted(this.ledger.decide(events));
  }

  /** Counted messages as given, each on its source partition. */
  async publishCounted(messages: readonly DonationCountedV1[]): Promise<void> {
    // In requests of at most PUBLISH_CHUNK messages, one after the other (order kept): a larger
    // one can exceed the broker's message.max.bytes for one partition.
    for (let from = 0; from < messages.length; from += PUBLISH_CHUNK) {
      await this.producer.send({
        topic: topicName(TOPICS.donationsCounted, this.config.TOPIC_PREFIX),
        acks: -1,
        messages: messages.slice(from, from + PUBLISH_CHUNK).map((message) => ({
          key: message.event.campaignId,
          partition: message.source.partition,
          value: JSON.stringify(message),
        })),
      });
    }
    this.sent.push(...messages);
  }

  /** What the aggregator's relay does after a crash: messages sent before, sent again. */
  republish(from: number, to: number): Promise<void> {
    return this.publishCounted(this.sent.slice(from, to));
  }

  /** The low and high offsets of every partition of a topic of the fixture's. */
  async topicEnds(
    topic: TopicName = TOPICS.donationsCounted,
  ): Promise<{ partition: number; low: string; high: string }[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    return admin
      .fetchTopicOffsets(topicName(topic, this.config.TOPIC_PREFIX))
      .finally(() => admin.disconnect());
  }

  /** The environment of a statistics process on the fixture's topics, Redis prefix and group. */
  processEnv(settings: Record<string, string>): Record<string, string | undefined> {
    const { config } = this;
    return {
      PATH: process.env.PATH,
      KAFKA_BROKERS: config.KAFKA_BROKERS.join(','),
      REDIS_URL: config.REDIS_URL,
      REDIS_KEY_PREFIX: config.REDIS_KEY_PREFIX,
      TOPIC_PREFIX: config.TOPIC_PREFIX,
      STATISTICS_GROUP_ID: config.STATISTICS_GROUP_ID,
      ...settings,
    };
  }

  /** Messages of the counted topic not yet covered by the offsets stored in Redis. */
  async unconsumed(): Promise<number> {
    const ends = await this.topicEnds();
    const stored = await this.redis.hGetAll(
      statsKeys.offsets(this.config.STATISTICS_GROUP_ID, TOPICS.donationsCounted),
    );
    return ends.reduce(
      (left, { partition, low, high }) =>
        left + Number(high) - Number(stored[String(partition)] ?? low),
      0,
    );
  }

  /** Waits until the offsets stored in Redis reach the end of every non-empty partition. */
  async waitUntilConsumed(): Promise<void> {
    const ends = await this.topicEnds();
    const expected = ends.filter(({ high, low }) => high !== low);
    const key = statsKeys.offsets(this.config.STATISTICS_GROUP_ID, TOPICS.donationsCounted);
    await waitFor(
      async () => {
        const stored = await this.redis.hGetAll(key);
        return expected.every(({ partition, high }) => stored[String(partition)] === high);
      },
      { description: 'offsets in Redis at the end of every partition' },
    );
    // A fresh state says "rebuilding" until its marker is in place (at boot, retried within a
    // second if Kafka did not answer): the figures are complete now.
    const rebuild = this.app?.get(RebuildService);
    if (rebuild) {
      await waitFor(async () => (await rebuild.state()).status === 'live', {
        description: 'the statistics state live',
      });
    }
  }

  /** Every statistic key (not offsets, fences, meta or published versions) with its content. */
  async snapshot(): Promise<Record<string, unknown>> {
    const prefix = this.config.REDIS_KEY_PREFIX;
    const raw = await connectRedis(this.config.REDIS_URL, { keyPrefix: prefix });
    try {
      const keys = (await raw.keys(`${prefix}stats:*`))
        .map((key) => key.slice(prefix.length))
        .filter((key) => !/^stats:(fences|offsets|meta|published)/.test(key))
        .sort();
      // Hashes, sorted sets (rankings) and HyperLogLogs (strings: their estimate).
      const read = async (key: string): Promise<unknown> => {
        const type = await raw.type(key);
        if (type === 'hash') return raw.hGetAll(key);
        if (type === 'zset') return raw.zRangeWithScores(key, 0, -1);
        return raw.pfCount(key);
      };
      const entries = await Promise.all(keys.map(async (key) => [key, await read(key)] as const));
      return Object.fromEntries(entries);
    } finally {
      raw.destroy();
    }
  }
}
