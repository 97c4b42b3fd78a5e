import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import {
  aDonationEvent,
  aRefundEvent,
  CampaignTotalsV1,
  CharityRollupV1,
  DonationEventV1,
  makeUscc,
  TopicName,
  TOPICS,
  topicName,
  TotalsByCurrency,
} from '@donations/contracts';
import { TypedProducer } from '@donations/kafka';
import { loadConfig } from '@donations/config';
import {
  CollectedMessage,
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
import { groundTruth } from './totals.ground-truth';

const CHARITY_A = makeUscc('53100000500021676');
const CHARITY_B = makeUscc('91350100M00010012');

type Aggregate = CampaignTotalsV1 | CharityRollupV1;

/** Counters per `key|currency`, as decimal strings (the shape of groundTruth without times). */
type CountersByKey = Map<string, Record<string, unknown>>;

describe('aggregate topics from the transactional outbox', () => {
  let kafka: Kafka;
  let prefix: string;
  let schema: TestSchema;
  let config: AggregatorConfig;
  let producer: TypedProducer;
  let client: Client;
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
  });

  afterAll(async () => {
    await app?.close();
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

  async function topicEnds(base: TopicName): Promise<{ partition: number; high: string }[]> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return await admin.fetchTopicOffsets(topicName(base, prefix));
    } finally {
      await admin.disconnect();
    }
  }

  /** Waits until every partition is consumed and the relay has emptied the outbox. */
  async function waitUntilPublished(): Promise<void> {
    const ends = await topicEnds(TOPICS.donationsNormalized);
    await waitFor(
      async () => {
        const { rows } = await client.query<{ partition: number; next_offset: string }>(
          'SELECT partition, next_offset FROM consumer_offsets WHERE group_id = $1',
          [config.AGGREGATOR_GROUP_ID],
        );
        const stored = new Map(rows.map((row) => [row.partition, row.next_offset]));
        return ends.every(({ partition, high }) => high === '0' || stored.get(partition) === high);
      },
      { description: 'stored offsets at the end of every partition' },
    );
    await waitFor(
      async () => {
        const { rows } = await client.query<{ count: string }>(
          'SELECT count(*) FROM aggregate_outbox',
        );
        return rows[0].count === '0';
      },
      { description: 'an empty aggregate outbox' },
    );
  }

  /** Reads a topic from the beginning with a fresh consumer, up to its current end. */
  async function readFromBeginning<T>(base: TopicName): Promise<CollectedMessage<T>[]> {
    const total = (await topicEnds(base)).reduce((sum, { high }) => sum + Number(high), 0);
    const collector = await TopicCollector.start<T>(kafka, base, prefix);
    try {
      await waitFor(() => collector.messages.length >= total, {
        description: `${total} messages of ${base}`,
      });
      return [...collector.messages];
    } finally {
      await collector.stop();
    }
  }

  /** The highest version per key, checking that versions strictly grow per key in the log. */
  function latestPerKey<T extends Aggregate>(messages: readonly CollectedMessage<T>[]) {
    const latest = new Map<string, T>();
    for (const { key, value } of messages) {
      const before = latest.get(key ?? '');
      expect(value.version).toBeGreaterThan(before?.version ?? 0);
      latest.set(key ?? '', value);
    }
    return latest;
  }

  async function postgresCounters(table: string, column: string): Promise<CountersByKey> {
    const { rows } = await client.query<Record<string, unknown> & { id: string; cur: string }>(
      `SELECT ${column}::text AS id, currency AS cur, raised_minor, refunded_minor,
              donation_count, refund_count, by_platform FROM ${table}`,
    );
    return new Map(rows.map(({ id, cur, ...row }) => [`${id}|${cur}`, row]));
  }

  async function expectTopicsToEqualPostgres(): Promise<void> {
    await waitUntilPublished();
    const campaignLog = await readFromBeginning<CampaignTotalsV1>(TOPICS.campaignTotals);
    const charityLog = await readFromBeginning<CharityRollupV1>(TOPICS.charityRollups);
    const campaignTopic = latestPerKey(campaignLog);
    const charityTopic = latestPerKey(charityLog);

    const campaignState = await postgresCounters('campaign_totals', 'campaign_id');
    const charityState = await postgresCounters('charity_totals', 'charity_id');
    expect(countersOf(campaignTopic)).toEqual(campaignState);
    expect(countersOf(charityTopic)).toEqual(charityState);
    expect(countersOf(campaignTopic)).toEqual(
      withoutTimes(groundTruth(counted, (e) => e.campaignId)),
    );
    expect(countersOf(charityTopic)).toEqual(
      withoutTimes(groundTruth(counted, (e) => e.charityId)),
    );

    await expectVersionsAndTimes(campaignTopic, charityTopic);
  }

  async function expectVersionsAndTimes(
    campaignTopic: Map<string, CampaignTotalsV1>,
    charityTopic: Map<string, CharityRollupV1>,
  ): Promise<void> {
    const { rows } = await client.query<{ topic: string; message_key: string; version: string }>(
      'SELECT topic, message_key, version FROM aggregate_versions',
    );
    const versionOf = (topic: string, key: string) =>
      Number(rows.find((row) => row.topic === topic && row.message_key === key)?.version);
    for (const [key, message] of campaignTopic) {
      expect(message.version).toBe(versionOf(TOPICS.campaignTotals, key));
      const events = counted.filter((event) => event.campaignId === key);
      expect(message.firstEventAt).toBe(earliest(events));
      expect(message.lastEventAt).toBe(latest(events));
    }
    for (const [key, message] of charityTopic) {
      expect(message.version).toBe(versionOf(TOPICS.charityRollups, key));
      const events = counted.filter((event) => event.charityId === key);
      expect(message.campaignCount).toBe(new Set(events.map((e) => e.campaignId)).size);
    }
  }

  it('publishes the state of every touched campaign and charity, duplicates and refunds included', async () => {
    await startApp();
    const donations = Array.from({ length: 30 }, (_, index) => anEvent(index));
    const early = aRefundEvent({ ...refundOf(donations[3]), amountMinor: 50 });
    const tooLarge = aRefundEvent({ ...refundOf(donations[4]), amountMinor: 10_000 });
    await publish([early, tooLarge, donations[0], donations[0]]);
    await waitUntilPublished();
    await publish([...donations, donations[1], donations[0]]);
    const refund = aRefundEvent({ ...refundOf(donations[6]), amountMinor: 20 });
    await publish([refund, donations[2]]);

    counted.push(...donations, early, refund);
    await expectTopicsToEqualPostgres();
  });

  it('continues the versions after a restart, so that the log still ends with the state', async () => {
    await app?.close();
    app = undefined;
    const fresh = Array.from({ length: 12 }, (_, index) => anEvent(40 + index));
    await publish([...counted.slice(0, 5), ...fresh]);
    await startApp();

    counted.push(...fresh);
    await expectTopicsToEqualPostgres();
  });
});

function countersOf(messages: ReadonlyMap<string, Aggregate>): CountersByKey {
  const counters: CountersByKey = new Map();
  for (const [key, message] of messages) {
    const totals: TotalsByCurrency = message.totals;
    for (const [currency, sums] of Object.entries(totals)) {
      counters.set(`${key}|${currency}`, {
        raised_minor: String(sums.raisedMinor),
        refunded_minor: String(sums.refundedMinor),
        donation_count: String(sums.donationCount),
        refund_count: String(sums.refundCount),
        by_platform: Object.fromEntries(
          Object.entries(sums.byPlatform).map(([platform, share]) => [
            platform,
            {
              raisedMinor: String(share.raisedMinor),
              refundedMinor: String(share.refundedMinor),
              donationCount: String(share.donationCount),
              refundCount: String(share.refundCount),
            },
          ]),
        ),
      });
      expect(sums.netMinor).toBe(sums.raisedMinor - sums.refundedMinor);
    }
  }
  return counters;
}

function withoutTimes(rows: ReturnType<typeof groundTruth>): CountersByKey {
  return new Map(
    [...rows].map(([key, { first_event_at: _first, last_event_at: _last, ...row }]) => [key, row]),
  );
}

const times = (events: readonly DonationEventV1[]) =>
  events.map((event) => Date.parse(event.occurredAt)).sort((a, b) => a - b);
const earliest = (events: readonly DonationEventV1[]) => new Date(times(events)[0]).toISOString();
const latest = (events: readonly DonationEventV1[]) =>
  new Date(times(events).at(-1) ?? 0).toISOString();

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
