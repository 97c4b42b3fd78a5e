import type { DataSource } from 'typeorm';
import type { AnyTopicBatch, TypedProducer } from '@donations/kafka';
import { aDonationEvent, DonationCountedV1 } from '@donations/contracts';
import type { CountedRow } from './counted-sends';
import { OutboxRelay } from './outbox.relay';

const ROWS = [
  { id: '1', topic: 'aggregates.campaign-totals.v1', message_key: 'c1', value: { version: 1 } },
  { id: '2', topic: 'aggregates.charity-rollups.v1', message_key: 'h1', value: { version: 1 } },
  { id: '3', topic: 'aggregates.campaign-totals.v1', message_key: 'c1', value: { version: 2 } },
];

/** A counted_outbox row: one batch's messages of `partition` from offset `from`. */
function aCountedRow(id: string, partition: number, from: number, count: number): CountedRow {
  const messages: DonationCountedV1[] = Array.from({ length: count }, (_, index) => ({
    schemaVersion: 1,
    source: { partition, offset: String(from + index) },
    decision: 'counted',
    event: aDonationEvent({ campaignId: `campaign-${partition}` }),
    takenBack: [],
  }));
  return { id, source_partition: partition, messages: JSON.stringify(messages) };
}

/** A fake outbox: the rows, the lock, and the statements the relay ran. */
function fakeDataSource(rows = ROWS, countedRows: CountedRow[] = []) {
  const deleted: string[][] = [];
  const statements: string[] = [];
  const query = jest.fn((sql: string, params: unknown[]) => {
    statements.push(sql);
    if (sql.includes('pg_try_advisory_lock')) return Promise.resolve([{ locked: true }]);
    if (sql.includes('pg_advisory_unlock')) return Promise.resolve([{ unlocked: true }]);
    const table = sql.includes('counted_outbox') ? countedRows : rows;
    if (sql.startsWith('SELECT id')) return Promise.resolve(table.slice(0, Number(params[0])));
    deleted.push(params[0] as string[]);
    return Promise.resolve([]);
  });
  const release = jest.fn(() => Promise.resolve());
  const runner = { connect: () => Promise.resolve(), query, release };
  const dataSource = {
    createQueryRunner: () => runner,
    transaction: () => Promise.reject(new Error('the relay opens no transaction')),
  } as unknown as DataSource;
  return { dataSource, deleted, statements, release };
}

function fakeProducer(send: (batches: AnyTopicBatch[]) => Promise<unknown>) {
  return { sendBatch: jest.fn(send), disconnect: jest.fn() } as unknown as TypedProducer;
}

const OPTIONS = { batchSize: 500, intervalMs: 10, maxBackoffMs: 100 };

describe('OutboxRelay', () => {
  it('publishes the rows per topic in id order, then deletes them', async () => {
    const { dataSource, deleted } = fakeDataSource();
    const sent: AnyTopicBatch[][] = [];
    const producer = fakeProducer((batches) => Promise.resolve(sent.push(batches)));
    await expect(new OutboxRelay(dataSource, producer, OPTIONS).relayOnce()).resolves.toBe(3);
    expect(sent[0].map((batch) => [batch.topic, batch.messages.map((m) => m.value)])).toEqual([
      ['aggregates.campaign-totals.v1', [{ version: 1 }, { version: 2 }]],
      ['aggregates.charity-rollups.v1', [{ version: 1 }]],
    ]);
    expect(deleted).toEqual([['1', '2', '3']]);
  });

  it('keeps every row when Kafka does not acknowledge, and releases its lock and connection', async () => {
    const { dataSource, deleted, statements, release } = fakeDataSource();
    const producer = fakeProducer(() => Promise.reject(new Error('broker down')));
    await expect(new OutboxRelay(dataSource, producer, OPTIONS).relayOnce()).rejects.toThrow(
      'broker down',
    );
    expect(deleted).toEqual([]);
    expect(statements.at(-1)).toContain('pg_advisory_unlock');
    expect(release).toHaveBeenCalled();
  });

  it('publishes counted rows to their source partitions in id order, in sends under the byte cap, then deletes them', async () => {
    // Three batches of 500 events, two of partition 4: more than one request can carry.
    const counted = [aCountedRow('7', 4, 0, 500), aCountedRow('8', 9, 0, 500)];
    counted.push(aCountedRow('9', 4, 500, 500));
    const { dataSource, deleted } = fakeDataSource([], counted);
    const sent: AnyTopicBatch[][] = [];
    const producer = fakeProducer((batches) => Promise.resolve(sent.push(batches)));
    await expect(new OutboxRelay(dataSource, producer, OPTIONS).relayOnce()).resolves.toBe(3);
    expect(sent.length).toBeGreaterThan(1);
    const messages = sent.flat().flatMap((batch) => {
      expect(batch.topic).toBe('donations.counted.v1');
      return batch.messages as { partition?: number; value: DonationCountedV1 }[];
    });
    const ofPartition4 = messages.filter((m) => m.partition === 4);
    expect(ofPartition4.map((m) => Number(m.value.source.offset))).toEqual(
      Array.from({ length: 1000 }, (_, offset) => offset),
    );
    expect(messages.filter((m) => m.partition === 9)).toHaveLength(500);
    expect(deleted).toEqual([['7', '8', '9']]);
  });

  it('keeps every counted row of the round when a later send fails', async () => {
    const counted = [aCountedRow('1', 0, 0, 500), aCountedRow('2', 0, 500, 500)];
    counted.push(aCountedRow('3', 0, 1000, 500));
    const { dataSource, deleted } = fakeDataSource([], counted);
    let sends = 0;
    const producer = fakeProducer(() =>
      ++sends === 2 ? Promise.reject(new Error('broker down')) : Promise.resolve([]),
    );
    await expect(new OutboxRelay(dataSource, producer, OPTIONS).relayOnce()).rejects.toThrow(
      'broker down',
    );
    expect(sends).toBe(2);
    expect(deleted).toEqual([]);
  });

  it('stops its loop on shutdown', async () => {
    const { dataSource } = fakeDataSource([]);
    const producer = fakeProducer(() => Promise.resolve([]));
    const relay = new OutboxRelay(dataSource, producer, OPTIONS);
    relay.onApplicationBootstrap();
    await relay.beforeApplicationShutdown();
    expect(producer.disconnect).toHaveBeenCalled();
  });
});
