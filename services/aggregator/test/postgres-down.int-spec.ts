import type { Admin } from 'kafkajs';
import { Pool } from 'pg';
import { aRefundEvent, DonationEventV1, TOPICS, topicName } from '@donations/contracts';
import { DisposablePostgres, startDisposablePostgres, waitFor } from '@donations/testing';
import { AggregatorFixture, refundOf } from './aggregator.fixture';
import { AggregatorInstance } from './aggregator-instance';
import { RetryTimeline } from './retry-timeline.probe';
import {
  ledgerCounts,
  StoredOffset,
  storedOffsets,
  totalsAndGroundTruth,
} from './aggregator-state.reader';

const RETRIES = 'aggregator_batch_retries_total';

describe('aggregator while its PostgreSQL is down', () => {
  let fixture: AggregatorFixture;
  let postgres: DisposablePostgres;
  let db: Pool;
  let admin: Admin;
  let aggregator: AggregatorInstance | undefined;

  beforeAll(async () => {
    fixture = await AggregatorFixture.create();
    postgres = await startDisposablePostgres();
    const schema = await postgres.migratedSchema();
    db = new Pool({ connectionString: postgres.url, options: `-c search_path=${schema}`, max: 2 });
    // Idle connections die with the server; the pool drops them and opens new ones.
    db.on('error', () => undefined);
    admin = fixture.kafka.admin();
    await admin.connect();
    aggregator = await AggregatorInstance.start(
      { ...fixture.config, DATABASE_URL: postgres.url, DATABASE_SCHEMA: schema },
      'aggregator-pg-down',
    );
  });

  afterAll(async () => {
    await aggregator?.close();
    await admin?.disconnect();
    await db?.end();
    await postgres?.drop();
    await fixture?.close();
  });

  const groupId = () => fixture.config.AGGREGATOR_GROUP_ID;
  const running = (): AggregatorInstance => {
    if (!aggregator) throw new Error('the aggregator is not running');
    return aggregator;
  };

  /** Waits until the offsets stored in the disposable server reach the end of every partition. */
  async function waitUntilConsumed(): Promise<Map<number, StoredOffset>> {
    const ends = await fixture.topicEnds(TOPICS.donationsNormalized);
    const expected = ends.filter(({ high, low }) => high !== low);
    return waitFor(
      async () => {
        const stored = await storedOffsets(db, groupId());
        const done = expected.every(
          ({ partition, high }) => stored.get(partition)?.nextOffset === BigInt(high),
        );
        return done ? stored : undefined;
      },
      { timeoutMs: 30_000, description: 'stored offsets at the end of every partition' },
    );
  }

  /**
   * The group's offsets committed in Kafka: only a mirror of those kept in PostgreSQL, for lag
   * monitors, committed after a batch's transaction.
   */
  async function kafkaCommitted(): Promise<string[]> {
    const [topic] = await admin.fetchOffsets({
      groupId: groupId(),
      topics: [topicName(TOPICS.donationsNormalized, fixture.prefix)],
    });
    return topic.partitions.map(({ partition, offset }) => `${partition}:${offset}`).sort();
  }

  async function waitUntilMirrored(stored: Map<number, StoredOffset>): Promise<void> {
    const mirrored = [...stored].map(([partition, { nextOffset }]) => `${partition}:${nextOffset}`);
    await waitFor(
      async () => {
        const inKafka = new Set(await kafkaCommitted());
        return mirrored.every((entry) => inKafka.has(entry));
      },
      { description: 'the stored offsets mirrored to the group in Kafka' },
    );
  }

  async function status(path: string): Promise<number> {
    return (await running().get(path)).status;
  }

  /** Donations, duplicates, a refund and a refund before its donation, published while down. */
  function eventsDuringOutage(before: readonly DonationEventV1[]) {
    const during = Array.from({ length: 12 }, (_, index) => fixture.anEvent(100 + index));
    const refund = aRefundEvent({ ...refundOf(before[5]), amountMinor: 40 });
    const early = aRefundEvent({ ...refundOf(during[3]), amountMinor: 30 });
    return {
      messages: [early, before[1], ...during, refund, during[0], before[2]],
      distinct: [...during, refund, early],
    };
  }

  /**
   * Polls GET /metrics until one batch has failed five times while down; returns the times of
   * its attempts and every /health/live answer seen meanwhile.
   */
  async function attemptsWhileDown(timeline: RetryTimeline) {
    const liveAnswers: number[] = [];
    const attempts = await waitFor(
      async () => {
        liveAnswers.push(await status('/health/live'));
        timeline.record(await running().samples(RETRIES));
        return timeline.withAtLeast(5);
      },
      { timeoutMs: 20_000, intervalMs: 25, description: 'five failed attempts of one batch' },
    );
    return { gaps: attempts.slice(1).map((at, i) => at - attempts[i]), liveAnswers };
  }

  async function expectTotalsOfDistinctEvents(counted: readonly DonationEventV1[]) {
    const totals = await totalsAndGroundTruth(db, counted);
    expect(totals.campaigns).toEqual(totals.expectedCampaigns);
    expect(totals.charities).toEqual(totals.expectedCharities);
    const distinct = new Set(counted.map((event) => event.eventId)).size;
    expect(await ledgerCounts(db)).toEqual({ rows: distinct, eventIds: distinct });
  }

  it('retries with backoff while PostgreSQL is down, moves no offset and loses nothing', async () => {
    const before = Array.from({ length: 24 }, (_, index) => fixture.anEvent(index));
    await fixture.publish([...before, before[0]]);
    const consumed = await waitUntilConsumed();
    await waitUntilMirrored(consumed);
    const committed = await kafkaCommitted();
    const timeline = new RetryTimeline(await running().samples(RETRIES));

    await postgres.stop();
    const during = eventsDuringOutage(before);
    await fixture.publish(during.messages);
    const { gaps, liveAnswers } = await attemptsWhileDown(timeline);
    // Backoff: the waits between attempts of the batch grow.
    expect(gaps[3]).toBeGreaterThan(Math.max(gaps[0], gaps[1]));
    expect(liveAnswers.filter((answer) => answer !== 200)).toEqual([]);
    expect(await status('/health/ready')).toBe(503);
    expect(await kafkaCommitted()).toEqual(committed);

    await postgres.start();
    const { rows } = await db.query<{ started: Date }>(
      'SELECT pg_postmaster_start_time() AS started',
    );
    const after = await waitUntilConsumed();
    await waitFor(async () => (await status('/health/ready')) === 200, {
      description: 'ready again',
    });
    await expectTotalsOfDistinctEvents([...before, ...during.distinct]);
    expectOffsetsMovedOnlyAfter(consumed, after, rows[0].started);
    // The mirror in Kafka follows the stored offsets once batches commit again.
    await waitUntilMirrored(after);
  });
});

/**
 * Every stored offset is either the one stored before the outage (same value, same write) or
 * written after the server came back, and the outage's events did move some forward.
 */
function expectOffsetsMovedOnlyAfter(
  before: Map<number, StoredOffset>,
  after: Map<number, StoredOffset>,
  restartedAt: Date,
): void {
  const moved = [...after].filter(([partition, offset]) => {
    const previous = before.get(partition);
    return offset.nextOffset !== previous?.nextOffset;
  });
  expect(moved.length).toBeGreaterThan(0);
  for (const [partition, offset] of after) {
    const previous = before.get(partition);
    if (offset.nextOffset === previous?.nextOffset) {
      expect(offset.updatedAt).toEqual(previous.updatedAt);
    } else {
      expect(offset.updatedAt.getTime()).toBeGreaterThanOrEqual(restartedAt.getTime());
    }
  }
}
