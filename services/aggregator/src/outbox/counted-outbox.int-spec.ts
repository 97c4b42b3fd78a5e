import { aDonationEvent, DonationCountedV1 } from '@donations/contracts';
import { createDataSource } from '@donations/database';
import { createTestSchema, TestSchema } from '@donations/testing';
import type { DataSource } from 'typeorm';
import { releaseStagedCounted, stageCounted, writeCountedOutbox } from './counted-outbox.sql';

/** A batch's messages of `partition`, at offsets `from` to `from + count - 1`. */
const aBatch = (partition: number, from: number, count: number): DonationCountedV1[] =>
  Array.from({ length: count }, (_, index) => ({
    schemaVersion: 1,
    source: { partition, offset: String(from + index) },
    decision: 'counted',
    event: aDonationEvent({ amountMinor: from + index + 1 }),
    takenBack: [],
  }));

describe('the counted outbox and the rebuild staging (real PostgreSQL)', () => {
  let schema: TestSchema;
  let dataSource: DataSource;

  beforeAll(async () => {
    schema = await createTestSchema();
    dataSource = await createDataSource({ url: schema.url, schema: schema.schema }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await schema?.drop();
  });

  async function outbox(): Promise<{ partition: number; offsets: string[] }[]> {
    const rows = await dataSource.query<{ source_partition: number; messages: string }[]>(
      'SELECT source_partition, messages FROM counted_outbox ORDER BY id',
    );
    return rows.map((row) => ({
      partition: row.source_partition,
      offsets: (JSON.parse(row.messages) as DonationCountedV1[]).map((m) => m.source.offset),
    }));
  }

  it('releases at the switch the staged offsets the live consumers did not reach, after what they wrote, and drops the rest', async () => {
    await dataSource.transaction(async (manager) => {
      await writeCountedOutbox(manager, 0, aBatch(0, 0, 3));
      // The rebuild (generation 2) read ahead: partition 0 from 2, partition 5 from 10.
      await stageCounted(2)(manager, 0, aBatch(0, 2, 4));
      await stageCounted(2)(manager, 5, aBatch(5, 10, 2));
      await stageCounted(2)(manager, 0, aBatch(0, 6, 2));
      // An abandoned rebuild's staging, and one of a generation the switch does not concern.
      await stageCounted(1)(manager, 0, aBatch(0, 0, 9));
      await stageCounted(3)(manager, 0, aBatch(0, 0, 9));
    });
    // The live consumers, held back at the switch, had read partition 0 up to offset 4, and
    // partition 7 (the rebuild read none of it); never partition 5.
    const live = new Map([
      [0, '5'],
      [7, '20'],
    ]);
    const released = await dataSource.transaction((manager) =>
      releaseStagedCounted(manager, 2, live),
    );
    expect(released).toBe(5);
    expect(await outbox()).toEqual([
      { partition: 0, offsets: ['0', '1', '2'] },
      { partition: 0, offsets: ['5'] },
      { partition: 5, offsets: ['10', '11'] },
      { partition: 0, offsets: ['6', '7'] },
    ]);
    const left = await dataSource.query<{ generation: number }[]>(
      'SELECT DISTINCT generation FROM counted_staging',
    );
    expect(left).toEqual([{ generation: 3 }]);
  });
});
