import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import {
  aDonationEvent,
  aRefundEvent,
  DeadLetter,
  DonationEventV1,
  makeUscc,
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
  TopicCollector,
  uniqueSuffix,
  waitFor,
} from '@donations/testing';
import { createAggregatorApp } from '../src/aggregator-app';
import { AggregatorConfig, AggregatorConfigSchema } from '../src/config/aggregator.config';
import { ExpectedRow, groundTruth } from './totals.ground-truth';

const CHARITY_A = makeUscc('53100000500021676');
const CHARITY_B = makeUscc('91350100M00010012');

describe('aggregator totals on the real Kafka and PostgreSQL', () => {
  let kafka: Kafka;
  let prefix: string;
  let schema: TestSchema;
  let config: AggregatorConfig;
  let producer: TypedProducer;
  let client: Client;
  let dlq: TopicCollector<DeadLetter>;
  let app: NestFastifyApplication | undefined;
  const counted: DonationEventV1[] = [];
  const campaigns = ['A', 'B', 'C'].map((name) => `campaign-${name}-${uniqueSuffix()}`);
  const charityOf = (campaignId: string) => (campaignId === campaigns[2] ? CHARITY_B : CHARITY_A);

  beforeAll(async () => {
    kafka = testKafka();
    prefix = await createTestTopics(kafka);
    schema = await createTestSchema();
    config = loadConfig(AggregatorConfigSchema, {
      HTTP_PORT: '0',
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      DATABASE_URL: schema.url,
      DATABASE_SCHEMA: schema.schema,
      TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      AGGREGATOR_GROUP_ID: `aggregator-${uniqueSuffix()}`,
    });
    producer = TypedProducer.create(kafka, prefix);
    client = new Client({ connectionString: schema.url });
    await client.connect();
    await client.query(`SET search_path TO "${schema.schema}"`);
    dlq = await TopicCollector.start<DeadLetter>(kafka, TOPICS.dlq, prefix);
  });

  afterAll(async () => {
    await app?.close();
    await dlq?.stop();
    await producer?.disconnect();
    await client?.end();
    await schema?.drop();
  });

  async function startApp(): Promise<void> {
    app = await createAggregatorApp(config);
    await app.startAllMicroservices();
    await app.init();
  }

  function anEvent(index: number): DonationEventV1 {
    const campaignId = campaigns[index % campaigns.length];
    return aDonationEvent({
      campaignId,
      charityId: charityOf(campaignId),
      platform: index % 2 === 0 ? 'alipay' : 'tencent',
      currency: index % 5 === 0 ? 'USD' : 'CNY',
      amountMinor: 100 + index,
      occurredAt: new Date(Date.UTC(2024, 8, 9, 2, index)).toISOString(),
    });
  }

  async function publish(events: readonly DonationEventV1[]): Promise<void> {
    await producer.send(
      TOPICS.donationsNormalized,
      events.map((event) => ({ key: event.campaignId, value: event })),
    );
  }

  /** Waits until the stored offsets of every partition reach the end of the topic. */
  async function waitUntilConsumed(): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(topicName(TOPICS.donationsNormalized, prefix));
      const expected = ends.filter(({ high, low }) => high !== low);
      await waitFor(
        async () => {
          const { rows } = await client.query<{ partition: number; next_offset: string }>(
            'SELECT partition, next_offset FROM consumer_offsets WHERE group_id = $1',
            [config.AGGREGATOR_GROUP_ID],
          );
          const stored = new Map(rows.map((row) => [row.partition, row.next_offset]));
          return expected.every(({ partition, high }) => stored.get(partition) === high);
        },
        { description: 'stored offsets at the end of every partition' },
      );
    } finally {
      await admin.disconnect();
    }
  }

  async function totalsOf(table: 'campaign_totals' | 'charity_totals', key: string) {
    const { rows } = await client.query<ExpectedRow & { key: string; currency: string }>(
      `SELECT ${key} AS key, currency, raised_minor, refunded_minor, donation_count, refund_count,
              by_platform, first_event_at, last_event_at FROM ${table}`,
    );
    return new Map(
      rows.map(({ key: id, currency, ...row }) => [
        `${id}|${currency}`,
        {
          ...row,
          first_event_at: new Date(row.first_event_at).toISOString(),
          last_event_at: new Date(row.last_event_at).toISOString(),
        },
      ]),
    );
  }

  async function expectTotalsToMatchGroundTruth(): Promise<void> {
    expect(await totalsOf('campaign_totals', 'campaign_id')).toEqual(
      groundTruth(counted, (event) => event.campaignId),
    );
    expect(await totalsOf('charity_totals', 'charity_id')).toEqual(
      groundTruth(counted, (event) => event.charityId),
    );
  }

  it('counts every distinct event once, with duplicates and refunds before their donation', async () => {
    await startApp();
    const donations = Array.from({ length: 30 }, (_, index) => anEvent(index));
    const early = aRefundEvent({ ...refundOf(donations[3]), amountMinor: 50 });
    const tooLarge = aRefundEvent({ ...refundOf(donations[4]), amountMinor: 10_000 });
    await publish([early, tooLarge, donations[0], donations[0]]);
    await waitUntilConsumed();

    await publish([...donations, donations[1], donations[0]]);
    await waitUntilConsumed();

    counted.push(...donations, early);
    await expectTotalsToMatchGroundTruth();
    await waitFor(() => dlq.values().find((letter) => letter.originalKey === tooLarge.campaignId), {
      description: 'the refund that exceeds its donation in donations.dlq',
    });
    const reasons = dlq.values().map((letter) => letter.reason);
    expect(reasons).toEqual(['AGGREGATE.REFUND_EXCEEDS_DONATION']);
  });

  it('dead-letters a schema-invalid message with its reason and moves the partition on', async () => {
    const invalid = { ...anEvent(31), amountMinor: -5 };
    const after = anEvent(31 + campaigns.length);
    await publish([invalid, after]);
    await waitUntilConsumed();

    counted.push(after);
    await expectTotalsToMatchGroundTruth();
    const letter = await waitFor(() =>
      dlq.values().find((dead) => dead.reason === 'MESSAGE.SCHEMA_INVALID'),
    );
    expect(letter.originalKey).toBe(invalid.campaignId);
    expect(JSON.parse(Buffer.from(letter.originalValueBase64, 'base64').toString())).toEqual(
      invalid,
    );
  });

  it('counts nothing twice after a restart', async () => {
    await app?.close();
    app = undefined;
    const again = counted.slice(0, 10);
    const fresh = Array.from({ length: 12 }, (_, index) => anEvent(40 + index));
    await publish([...again, ...fresh, ...again]);
    await startApp();
    await waitUntilConsumed();

    counted.push(...fresh);
    await expectTotalsToMatchGroundTruth();
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM donation_ledger');
    expect(Number(rows[0].count)).toBe(new Set(counted.map((e) => e.eventId)).size + 1);
  });
});

function refundOf(donation: DonationEventV1) {
  return {
    platform: donation.platform,
    platformTxnId: donation.platformTxnId,
    campaignId: donation.campaignId,
    charityId: donation.charityId,
    currency: donation.currency,
    occurredAt: donation.occurredAt,
  };
}
