import { Client } from 'pg';
import { requiredEnv, uniqueSuffix } from '@donations/testing';
import { createDataSource, migrate } from './data-source';
import { MIGRATIONS } from './migrations';

describe('migrations on the real PostgreSQL', () => {
  const url = requiredEnv('DATABASE_URL');
  const schema = `t_${uniqueSuffix()}`;
  const client = new Client({ connectionString: url });

  beforeAll(() => client.connect());
  afterAll(async () => {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  const tablesIn = async (name: string): Promise<string[]> => {
    const result = await client.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
      [name],
    );
    return result.rows.map((row) => row.table_name);
  };

  it('applies every migration into its own schema, once', async () => {
    const applied = await migrate({ url, schema });
    expect(applied).toEqual(MIGRATIONS.map((migration) => new migration().name));
    expect(await tablesIn(schema)).toEqual([
      'aggregate_outbox',
      'aggregate_versions',
      'aggregator_active_generation',
      'aggregator_generations',
      'campaign_registry',
      'campaign_totals',
      'charities',
      'charity_campaign_counts',
      'charity_campaigns',
      'charity_totals',
      'consumer_offsets',
      'counted_outbox',
      'counted_staging',
      'disclosure_records',
      'dlq_redrives',
      'donation_ledger',
      ...Array.from({ length: 8 }, (_, remainder) => `donation_ledger_p${remainder}`),
      'ledger_refund_txns',
      'refund_issues',
      'refund_observations',
      'registry_audit',
      'statement_import_rows',
      'typeorm_migrations',
      'webhook_receipts',
    ]);
    expect(await migrate({ url, schema })).toEqual([]);
  });

  /** The migrations after RefundState: the next test undoes them, the one after applies them again. */
  const names = MIGRATIONS.map((migration) => new migration().name);
  const afterRefundState = names.slice(names.indexOf('RefundState1764460800000') + 1);

  it('enforces the registry key and reverts cleanly (every migration after RefundState undone)', async () => {
    const insert = `INSERT INTO "${schema}".campaign_registry
      (platform, platform_project_id, campaign_id, charity_id) VALUES ('alipay', 'p1', 'c1', $1)`;
    await client.query(insert, ['91350100M000100Y43']);
    await expect(client.query(insert, ['91350100M000100Y43'])).rejects.toThrow(/duplicate key/);

    const dataSource = createDataSource({ url, schema });
    await dataSource.initialize();
    try {
      for (const _ of afterRefundState) await dataSource.undoLastMigration();
    } finally {
      await dataSource.destroy();
    }
    expect(await tablesIn(schema)).toEqual([
      'aggregate_outbox',
      'aggregate_versions',
      'aggregator_active_generation',
      'aggregator_generations',
      'campaign_registry',
      'campaign_totals',
      'charity_campaigns',
      'charity_totals',
      'consumer_offsets',
      'donation_ledger',
      ...Array.from({ length: 8 }, (_, remainder) => `donation_ledger_p${remainder}`),
      // RefundState, the migration before the one undone, stays.
      'refund_issues',
      'refund_observations',
      'statement_import_rows',
      'typeorm_migrations',
      'webhook_receipts',
    ]);
  });

  it("adds the charities' campaign counts and the refunded transactions to existing state", async () => {
    // The previous test undid CharityCampaignCounts (and CountedOutbox after it): the state
    // exists without the counts.
    await client.query(
      `INSERT INTO "${schema}".charity_campaigns (charity_id, campaign_id)
       SELECT 'COUNT' || lpad((g % 2)::text, 13, '0'), 'c' || g FROM generate_series(1, 5) g`,
    );
    await client.query(
      `INSERT INTO "${schema}".donation_ledger (event_id, platform, platform_txn_id, type,
         refund_id, campaign_id, charity_id, currency, amount_minor, occurred_at, kafka_topic,
         kafka_partition, kafka_offset)
       SELECT gen_random_uuid(), 'alipay', 'T' || g, t, CASE WHEN g = 1 THEN 'R' || t END, 'c1',
              'COUNT0000000000000', 'CNY', 1, now(), 'x', 0, g
       FROM generate_series(1, 2) g,
            unnest(ARRAY['donation.completed', 'donation.refunded']) AS t
       WHERE g = 1 OR t = 'donation.completed'`,
    );
    expect(afterRefundState.slice(0, 2)).toEqual([
      'CharityCampaignCounts1764464400000',
      'CountedOutbox1764547200000',
    ]);
    expect(await migrate({ url, schema })).toEqual(afterRefundState);
    const refunded = await client.query(
      `SELECT platform, platform_txn_id FROM "${schema}".ledger_refund_txns`,
    );
    expect(refunded.rows).toEqual([{ platform: 'alipay', platform_txn_id: 'T1' }]);
    const counts = await client.query<{ charity_id: string; campaign_count: string }>(
      `SELECT charity_id, campaign_count FROM "${schema}".charity_campaign_counts ORDER BY 1`,
    );
    expect(counts.rows).toEqual([
      { charity_id: 'COUNT0000000000000', campaign_count: '2' },
      { charity_id: 'COUNT0000000000001', campaign_count: '3' },
    ]);
  });

  it('keeps the aggregate outbox cheap to write: its messages as json, not jsonb', async () => {
    const columns = await client.query<{ type: string }>(
      `SELECT format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relname = 'aggregate_outbox' AND a.attname = 'value'`,
      [schema],
    );
    expect(columns.rows).toEqual([{ type: 'json' }]);
  });
});
