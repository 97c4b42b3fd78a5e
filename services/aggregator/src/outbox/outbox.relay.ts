import { Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import type { DataSource, QueryRunner } from 'typeorm';
import { CampaignTotalsV1, CharityRollupV1, TOPICS } from '@donations/contracts';
import type { AnyTopicBatch, TopicBatch, TypedProducer } from '@donations/kafka';
import { CountedRow, countedSends } from './counted-sends';

export interface OutboxRelayOptions {
  /** Rows read, published and deleted per round. */
  readonly batchSize: number;
  /** counted_outbox rows (one per applied batch, up to a batch's events each) per round. */
  readonly countedRows?: number;
  /** How often the outbox is looked at when nothing wakes the relay. */
  readonly intervalMs: number;
  /** The longest wait between retries while Kafka or PostgreSQL is away. */
  readonly maxBackoffMs: number;
}

interface OutboxRow {
  readonly id: string;
  readonly topic: string;
  readonly message_key: string;
  /** Written by writeAggregateOutbox from the topic's message function. */
  readonly value: unknown;
}

/** Only one relay of all aggregator instances publishes at a time: per-key order is kept. */
const RELAY_LOCK = 7_301_764_288;

/** counted_outbox rows per round unless configured. */
const COUNTED_ROWS = 20;

/**
 * Publishes the aggregate outbox and the counted outbox to Kafka: the oldest rows in id order,
 * acknowledged by all in-sync replicas, then deleted. A crash between publish and delete
 * publishes them again, which consumers drop by version (aggregates) or by their per-partition
 * source offset fence (donations.counted.v1); a failure keeps the rows and retries with backoff.
 */
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running?: Promise<void>;
  private stopped = false;
  private woken = false;
  /** The last round took as many rows as it may: there are probably more. */
  private full = false;
  private interrupt?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: TypedProducer,
    private readonly options: OutboxRelayOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.running ??= this.loop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.interrupt?.();
    await this.running;
    await this.producer.disconnect();
  }

  /** A batch committed outbox rows: look now rather than at the next interval. */
  wake(): void {
    this.woken = true;
    this.interrupt?.();
  }

  /**
   * One round: publishes and deletes up to batchSize aggregate rows and countedRows counted
   * rows; returns how many rows it relayed, aggregate and counted. No transaction is
   * open while Kafka is asked (a slow or absent broker must not hold one open): the relay's lock
   * is a session advisory lock of a connection of its own, taken for the round and released at
   * its end; the rows are read, and deleted once acknowledged, in statements of their own.
   */
  async relayOnce(): Promise<number> {
    this.woken = false;
    this.full = false;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
        RELAY_LOCK,
      ])) as { locked: boolean }[];
      if (!locked) {
        return 0;
      }
      try {
        const aggregates = await this.publishOldest(runner);
        const counted = await this.publishCounted(runner);
        this.full = aggregates === this.options.batchSize || counted === this.countedRows;
        return aggregates + counted;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [RELAY_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async publishOldest(runner: QueryRunner): Promise<number> {
    const rows = (await runner.query(
      'SELECT id, topic, message_key, value FROM aggregate_outbox ORDER BY id LIMIT $1',
      [this.options.batchSize],
    )) as OutboxRow[];
    if (rows.length > 0) {
      await this.producer.sendBatch(topicBatches(rows));
      await deleteRows(runner, rows);
    }
    return rows.length;
  }

  private get countedRows(): number {
    return this.options.countedRows ?? COUNTED_ROWS;
  }

  /**
   * The oldest counted rows, in id order: within a partition, the order its batches committed,
   * which is its source offset order. Sent one request after the other (each at most
   * MAX_SEND_BYTES, each to the messages' source partitions, acknowledged before the next goes),
   * then deleted: a failure keeps every row of the round, to be sent again from the first, so no
   * later message of a partition is ever written without the earlier ones before it.
   */
  private async publishCounted(runner: QueryRunner): Promise<number> {
    const rows = (await runner.query(
      'SELECT id, source_partition, messages, trace_context FROM counted_outbox ORDER BY id LIMIT $1',
      [this.countedRows],
    )) as CountedRow[];
    if (rows.length === 0) return 0;
    for (const messages of countedSends(rows)) {
      await this.producer.sendBatch([{ topic: TOPICS.donationsCounted, messages }]);
    }
    await runner.query('DELETE FROM counted_outbox WHERE id = ANY($1::bigint[])', [
      rows.map((row) => row.id),
    ]);
    return rows.length;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        await this.relayOnce();
        failures = 0;
        if (this.full) {
          continue;
        }
        await this.pause(this.options.intervalMs, true);
      } catch (error) {
        failures += 1;
        this.logger.warn({ msg: 'outbox relay failed; retrying', failures, error });
        await this.pause(this.backoff(failures), false);
      }
    }
  }

  private backoff(failures: number): number {
    const exponential = this.options.intervalMs * 2 ** Math.min(failures, 16);
    return Math.min(this.options.maxBackoffMs, exponential);
  }

  /** Waits `ms`; stopping ends the wait, and so does a wake when `wakeable`. */
  private pause(ms: number, wakeable: boolean): Promise<void> {
    if (this.stopped || (wakeable && this.woken)) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.interrupt = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.interrupt = () => {
        if (this.stopped || wakeable) {
          done();
        }
      };
    });
  }
}

/** The rows grouped by topic, each topic's messages in id order. */
function topicBatches(rows: readonly OutboxRow[]): AnyTopicBatch[] {
  const campaigns: TopicBatch<typeof TOPICS.campaignTotals> = {
    topic: TOPICS.campaignTotals,
    messages: [],
  };
  const charities: TopicBatch<typeof TOPICS.charityRollups> = {
    topic: TOPICS.charityRollups,
    messages: [],
  };
  for (const row of rows) {
    switch (row.topic) {
      case TOPICS.campaignTotals:
        campaigns.messages.push({ key: row.message_key, value: row.value as CampaignTotalsV1 });
        break;
      case TOPICS.charityRollups:
        charities.messages.push({ key: row.message_key, value: row.value as CharityRollupV1 });
        break;
      default:
        throw new Error(`outbox row ${row.id} has an unknown topic ${row.topic}`);
    }
  }
  const batches: AnyTopicBatch[] = [campaigns, charities];
  return batches.filter((batch) => batch.messages.length > 0);
}

async function deleteRows(runner: QueryRunner, rows: readonly OutboxRow[]): Promise<void> {
  await runner.query('DELETE FROM aggregate_outbox WHERE id = ANY($1::bigint[])', [
    rows.map((row) => row.id),
  ]);
}
