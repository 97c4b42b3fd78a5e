import { DataSource } from 'typeorm';
import { aDonationEvent, DonationEventV1, TOPICS } from '@donations/contracts';
import { createDataSource } from '@donations/database';
import type { ConsumedBatch, ParsedMessage } from '@donations/kafka';
import { createTestSchema, TestSchema } from '@donations/testing';
import { ActiveGeneration } from '../src/generations/generation-scope';
import { OffsetFenceError } from '../src/totals/offset-fence.error';
import { BatchToApply, TotalsRepository } from '../src/totals/totals.repository';

type Normalized = typeof TOPICS.donationsNormalized;

function aBatch(firstOffset: number, events: DonationEventV1[]): BatchToApply {
  const parsed: ParsedMessage<Normalized>[] = events.map((value, index) => ({
    value,
    message: {
      key: value.campaignId,
      value: Buffer.from(JSON.stringify(value)),
      offset: String(firstOffset + index),
      headers: {},
      timestamp: '0',
    },
  }));
  const batch: ConsumedBatch<Normalized> = {
    topic: TOPICS.donationsNormalized,
    kafkaTopic: TOPICS.donationsNormalized,
    partition: 0,
    messages: parsed.map(({ message }) => message),
    firstOffset: String(firstOffset),
    lastOffset: String(firstOffset + events.length - 1),
    nextOffset: String(firstOffset + events.length),
  };
  return { batch, events: parsed };
}

describe('TotalsRepository on the real PostgreSQL', () => {
  let schema: TestSchema;
  let dataSource: DataSource;
  let repository: TotalsRepository;

  beforeAll(async () => {
    schema = await createTestSchema();
    dataSource = await createDataSource({ url: schema.url, schema: schema.schema }).initialize();
    repository = new TotalsRepository(
      dataSource,
      'group-1',
      new ActiveGeneration(schema.schema, { lock: true }),
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await schema?.drop();
  });

  const raised = async (): Promise<string[]> => {
    const rows: { raised_minor: string; version: string }[] = await dataSource.query(
      'SELECT raised_minor, version FROM campaign_totals ORDER BY campaign_id',
    );
    return rows.map((row) => `${row.raised_minor}@${row.version}`);
  };

  it('applies a batch once and refuses a batch that does not start at the stored offset', async () => {
    const donation = aDonationEvent({ campaignId: 'campaign-fence', amountMinor: 700 });
    const first = await repository.applyBatch(aBatch(0, [donation, donation]));
    expect(first).toMatchObject({ newEvents: 1, duplicates: 1, deadLetters: [] });

    const stale = aBatch(0, [aDonationEvent({ campaignId: 'campaign-fence', amountMinor: 5 })]);
    await expect(repository.applyBatch(stale)).rejects.toBeInstanceOf(OffsetFenceError);
    expect(await raised()).toEqual(['700@1']);

    const next = aBatch(2, [aDonationEvent({ campaignId: 'campaign-fence', amountMinor: 5 })]);
    await repository.applyBatch(next);
    expect(await raised()).toEqual(['705@2']);
  });

  it('rolls everything back when the step before the commit fails', async () => {
    const donation = aDonationEvent({ campaignId: 'campaign-fence', amountMinor: 1 });
    const failing = repository.applyBatch(aBatch(3, [donation]), () =>
      Promise.reject(new Error('Kafka is away')),
    );
    await expect(failing).rejects.toThrow('Kafka is away');
    expect(await raised()).toEqual(['705@2']);
    await repository.applyBatch(aBatch(3, [donation]));
    expect(await raised()).toEqual(['706@3']);
  });
});
