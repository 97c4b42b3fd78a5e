import type { DataSource } from 'typeorm';
import type { AnyTopicBatch, TypedProducer } from '@donations/kafka';
import { OutboxRelay } from './outbox.relay';

const ROWS = [
  { id: '1', topic: 'aggregates.campaign-totals.v1', message_key: 'c1', value: { version: 1 } },
  { id: '2', topic: 'aggregates.charity-rollups.v1', message_key: 'h1', value: { version: 1 } },
  { id: '3', topic: 'aggregates.campaign-totals.v1', message_key: 'c1', value: { version: 2 } },
];

/** A fake outbox: the rows, the lock, and the statements the relay ran. */
function fakeDataSource(rows = ROWS) {
  const deleted: string[][] = [];
  const statements: string[] = [];
  const query = jest.fn((sql: string, params: unknown[]) => {
    statements.push(sql);
    if (sql.includes('pg_try_advisory_lock')) return Promise.resolve([{ locked: true }]);
    if (sql.includes('pg_advisory_unlock')) return Promise.resolve([{ unlocked: true }]);
    if (sql.startsWith('SELECT id')) return Promise.resolve(rows.slice(0, Number(params[0])));
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

  it('stops its loop on shutdown', async () => {
    const { dataSource } = fakeDataSource([]);
    const producer = fakeProducer(() => Promise.resolve([]));
    const relay = new OutboxRelay(dataSource, producer, OPTIONS);
    relay.onApplicationBootstrap();
    await relay.beforeApplicationShutdown();
    expect(producer.disconnect).toHaveBeenCalled();
  });
});
