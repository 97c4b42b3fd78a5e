import { DataSource } from 'typeorm';
import { AGGREGATOR_STATE_TABLES, createDataSource } from '@donations/database';
import { createTestSchema, TestSchema } from '@donations/testing';
import { AGGREGATOR_ENTITIES } from '../src/totals/entities/aggregator.entities';
import { CampaignTotals } from '../src/totals/entities/campaign-totals.entity';

/** The aggregator's entities against the committed migrations, on the real PostgreSQL. */
describe('aggregator entities', () => {
  let schema: TestSchema;
  let dataSource: DataSource;

  beforeAll(async () => {
    schema = await createTestSchema();
    dataSource = await createDataSource({
      url: schema.url,
      schema: schema.schema,
      entities: AGGREGATOR_ENTITIES,
      poolSize: 2,
    }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await schema?.drop();
  });

  it('match the migrated tables column for column: the schema builder finds nothing to change', async () => {
    const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
    const changes = upQueries.map((query) => query.query);
    expect({ changes, entities: dataSource.entityMetadatas.length }).toEqual({
      changes: [],
      entities: AGGREGATOR_ENTITIES.length,
    });
  });

  it('map every table of the aggregator state and of the aggregate and counted outboxes', () => {
    const mapped = dataSource.entityMetadatas.map((metadata) => metadata.tableName).sort();
    const outboxes = [
      'aggregate_outbox',
      'aggregate_versions',
      'counted_outbox',
      'counted_staging',
    ];
    expect(mapped).toEqual([...AGGREGATOR_STATE_TABLES, ...outboxes].sort());
  });

  it('read a row the set-based SQL wrote, with bigint totals beyond 2^53 intact', async () => {
    const raised = 2n ** 60n + 1n;
    await dataSource.query(
      `INSERT INTO campaign_totals (campaign_id, currency, charity_id, raised_minor, by_platform)
       VALUES ('campaign-entity', 'CNY', '53100000500021676', $1, '{"alipay": {"raisedMinor": "1"}}')`,
      [raised.toString()],
    );
    const row = await dataSource
      .getRepository(CampaignTotals)
      .findOneByOrFail({ campaignId: 'campaign-entity' });
    expect(row).toMatchObject({
      currency: 'CNY',
      raisedMinor: raised,
      refundedMinor: 0n,
      version: 1n,
      byPlatform: { alipay: { raisedMinor: '1' } },
      firstEventAt: null,
    });
  });
});
