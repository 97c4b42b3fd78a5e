import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import {
  aDonationEvent,
  DonationEventV1,
  makeUscc,
  TopicName,
  TOPICS,
  topicName,
} from '@donations/contracts';
import { TypedProducer } from '@donations/kafka';
import { loadConfig } from '@donations/config';
import {
  createTestSchema,
  createTestTopics,
  requiredEnv,
  TestSchema,
  testKafka,
  uniqueSuffix,
  waitFor,
} from '@donations/testing';
import { createAggregatorApp } from '../src/aggregator-app';
import { AggregatorConfig, AggregatorConfigSchema } from '../src/config/aggregator.config';

export const CHARITY_A = makeUscc('53100000500021676');
export const CHARITY_B = makeUscc('91350100M00010012');

/**
 * One aggregator under test on the real Kafka and PostgreSQL: its own topics, schema and consumer
 * group, a producer of donation events, a pg client on the schema, and the app (started on demand).
 * Events of `anEvent` spread over three campaigns; the third belongs to CHARITY_B.
 */
export class AggregatorFixture {
  app: NestFastifyApplication | undefined;
  readonly campaigns = ['A', 'B', 'C'].map((name) => `campaign-${name}-${uniqueSuffix()}`);

  private constructor(
    readonly kafka: Kafka,
    readonly prefix: string,
    readonly schema: TestSchema,
    readonly config: AggregatorConfig,
    readonly producer: TypedProducer,
    readonly client: Client,
  ) {}

  /** `env` sets or overrides the aggregator's configuration for this fixture. */
  static async create(env: Record<string, string> = {}): Promise<AggregatorFixture> {
    const kafka = testKafka();
    const prefix = await createTestTopics(kafka);
    const schema = await createTestSchema();
    const config = loadConfig(AggregatorConfigSchema, {
      HTTP_PORT: '0',
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      DATABASE_URL: schema.url,
      DATABASE_SCHEMA: schema.schema,
      TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      AGGREGATOR_GROUP_ID: `aggregator-${uniqueSuffix()}`,
      OPERATOR_TOKEN: `operator-${uniqueSuffix()}-${uniqueSuffix()}`,
      ...env,
    });
    const producer = TypedProducer.create(kafka, prefix);
    const client = new Client({ connectionString: schema.url });
    await client.connect();
    await client.query(`SET search_path TO "${schema.schema}"`);
    return new AggregatorFixture(kafka, prefix, schema, config, producer, client);
  }

  async close(): Promise<void> {
    await this.stopApp();
    await this.producer.disconnect();
    await this.client.end();
    await this.schema.drop();
  }

  async startApp(): Promise<NestFastifyApplication> {
    const app = await createAggregatorApp(this.config);
    this.app = app;
    await app.startAllMicroservices();
    await app.init();
    return app;
  }

  async stopApp(): Promise<void> {
    await this.app?.close();
    this.app = undefined;
  }

  charityOf(campaignId: string) {
    return campaignId === this.campaigns[2] ? CHARITY_B : CHARITY_A;
  }

  anEvent(index: number): DonationEventV1 {
    const campaignId = this.campaigns[index % this.campaigns.length];
    return aDonationEvent({
      campaignId,
      charityId: this.charityOf(campaignId),
      platform: index % 2 === 0 ? 'alipay' : 'tencent',
      currency: index % 5 === 0 ? 'USD' : 'CNY',
      amountMinor: 100 + index,
      occurredAt: new Date(Date.UTC(2024, 8, 9, 2, index)).toISOString(),
    });
  }

  async publish(events: readonly DonationEventV1[]): Promise<void> {
    await this.producer.send(
      TOPICS.donationsNormalized,
      events.map((event) => ({ key: event.campaignId, value: event })),
    );
  }

  async topicEnds(base: TopicName): Promise<{ partition: number; high: string; low: string }[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await admin.fetchTopicOffsets(topicName(base, this.prefix));
    } finally {
      await admin.disconnect();
    }
  }

  /** The schema of the active generation of the totals (the test schema until a rebuild). */
  async activeSchema(): Promise<string> {
    const { rows } = await this.client.query<{ schema_name: string }>(
      'SELECT schema_name FROM aggregator_active_generation',
    );
    return rows[0].schema_name;
  }

  /** Waits until the stored offsets of every non-empty partition reach the end of the topic. */
  async waitUntilConsumed(): Promise<void> {
    const ends = await this.topicEnds(TOPICS.donationsNormalized);
    const expected = ends.filter(({ high, low }) => high !== low);
    await waitFor(
      async () => {
        const schema = await this.activeSchema();
        const { rows } = await this.client.query<{ partition: number; next_offset: string }>(
          `SELECT partition, next_offset FROM "${schema}".consumer_offsets WHERE group_id = $1`,
          [this.config.AGGREGATOR_GROUP_ID],
        );
        const stored = new Map(rows.map((row) => [row.partition, row.next_offset]));
        return expected.every(({ partition, high }) => stored.get(partition) === high);
      },
      { description: 'stored offsets at the end of every partition' },
    );
  }
}

/** The fields a refund shares with the donation it takes back. */
export function refundOf(donation: DonationEventV1) {
  return {
    platform: donation.platform,
    platformTxnId: donation.platformTxnId,
    campaignId: donation.campaignId,
    charityId: donation.charityId,
    currency: donation.currency,
    occurredAt: donation.occurredAt,
  };
}
