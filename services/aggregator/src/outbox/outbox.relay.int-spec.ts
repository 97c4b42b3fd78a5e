import type { AnyTopicBatch } from '@donations/kafka';
import { TOPICS } from '@donations/contracts';
import { createDataSource } from '@donations/database';
import { TypedProducer } from '@donations/kafka';
import {
  createTestSchema,
  createTestTopics,
  DisposableKafka,
  startDisposableKafka,
  TestSchema,
  TopicCollector,
  uniqueSuffix,
  waitFor,
} from '@donations/testing';
import type { DataSource } from 'typeorm';
import { OutboxRelay } from './outbox.relay';

const ROWS = 20;
/** How long the relay is watched while its broker does not answer. */
const WATCH_MS = 4_000;
/** No transaction of the relay may stay open longer than this. */
const MAX_TRANSACTION_MS = 1_000;

describe('OutboxRelay with its broker paused (a Kafka broker of its own, real PostgreSQL)', () => {
  let broker: DisposableKafka;
  let schema: TestSchema;
  let dataSource: DataSource;
  let relay: OutboxRelay | undefined;
  const applicationName = `outbox-relay-${uniqueSuffix()}`;

  beforeAll(async () => {
    [broker, schema] = await Promise.all([startDisposableKafka(), createTestSchema()]);
    dataSource = await createDataSource({
      url: schema.url,
      schema: schema.schema,
      applicationName,
    }).initialize();
  }, 180_000);

  afterAll(async () => {
    try {
      await relay?.beforeApplicationShutdown();
      await dataSource?.destroy();
      await schema?.drop();
    } finally {
      await broker?.stop();
    }
  });

  /** The relay's sessions with a transaction open, and for how long (ms). */
  async function openTransactions(): Promise<number[]> {
    const rows = await dataSource.query<{ ms: number }[]>(
      `SELECT extract(epoch FROM now() - xact_start) * 1000 AS ms FROM pg_stat_activity
        WHERE application_name = $1 AND xact_start IS NOT NULL AND pid <> pg_backend_pid()`,
      [applicationName],
    );
    return rows.map((row) => Number(row.ms));
  }

  it('holds no PostgreSQL transaction open while Kafka does not answer, and relays everything once it does', async () => {
    const kafka = broker.kafka();
    const prefix = await createTestTopics(kafka);
    for (let i = 1; i <= ROWS; i++) {
      await dataSource.query(
        'INSERT INTO aggregate_outbox (topic, message_key, value) VALUES ($1, $2, $3)',
        [TOPICS.campaignTotals, `campaign-${i}`, JSON.stringify({ version: i })],
      );
    }
    const producer = TypedProducer.create(kafka, prefix, { retries: 2 });
    await producer.connect();
    let firstAttemptAt: number | undefined;
    const watched = {
      sendBatch: (batches: AnyTopicBatch[]) => {
        firstAttemptAt ??= Date.now();
        return producer.sendBatch(batches);
      },
      disconnect: () => producer.disconnect(),
    } as unknown as TypedProducer;
    relay = new OutboxRelay(dataSource, watched, {
      batchSize: 500,
      intervalMs: 50,
      maxBackoffMs: 500,
    });

    broker.pause();
    let longest = 0;
    try {
      relay.onApplicationBootstrap();
      // Sampled every 100 ms from the relay's first attempt to send until WATCH_MS later.
      await waitFor(
        async () => {
          longest = Math.max(longest, ...(await openTransactions()));
          return firstAttemptAt !== undefined && Date.now() - firstAttemptAt >= WATCH_MS;
        },
        { timeoutMs: 30_000, intervalMs: 100, description: 'the relay watched while paused' },
      );
    } finally {
      broker.resume();
    }
    expect(Math.round(longest)).toBeLessThan(MAX_TRANSACTION_MS);

    await waitFor(
      async () => {
        const [{ left }] = await dataSource.query<{ left: string }[]>(
          'SELECT count(*) AS left FROM aggregate_outbox',
        );
        return Number(left) === 0;
      },
      { timeoutMs: 90_000, description: 'the outbox relayed after resume' },
    );
    await relay.beforeApplicationShutdown();
    relay = undefined;
    const totals = await TopicCollector.start<{ version: number }>(
      kafka,
      TOPICS.campaignTotals,
      prefix,
    );
    await waitFor(() => totals.messages.length >= ROWS, {
      description: `${ROWS} messages on ${TOPICS.campaignTotals}`,
    });
    await totals.stop();
    const keys = new Set(totals.messages.map((message) => message.key));
    expect(keys.size).toBe(ROWS);
  });
});
