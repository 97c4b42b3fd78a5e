import { MigrationInterface, QueryRunner } from 'typeorm';
import { AGGREGATOR_STATE_TABLES, createAggregatorStateTables } from './aggregator-state.ddl';

/**
 * The aggregator's state (DDL in aggregator-state.ddl.ts, which rebuilt generations share).
 * donation_ledger is the audit trail and the dedupe key, one row per
 * eventId, hash-partitioned by event_id so that it can grow to billions of rows (more partitions
 * later by detaching and re-splitting). The totals tables hold one row per (key, currency), each
 * changed by one set-based upsert per batch; consumer_offsets holds the consumer's progress,
 * written in the same transaction as the totals.
 */
export class AggregatorTotals1764201600000 implements MigrationInterface {
  name = 'AggregatorTotals1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createAggregatorStateTables((sql) => queryRunner.query(sql));
    await queryRunner.query(MERGE_PLATFORM_COUNTERS);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION merge_platform_counters(jsonb, jsonb)`);
    for (const table of AGGREGATOR_STATE_TABLES) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}

/**
 * Adds two by_platform maps, platform by platform: `{"alipay": {"raisedMinor": "100", ...}}`.
 * Amounts are decimal strings, so that no sum loses precision in JSON.
 */
const MERGE_PLATFORM_COUNTERS = `
  CREATE FUNCTION merge_platform_counters(a jsonb, b jsonb) RETURNS jsonb
  LANGUAGE sql IMMUTABLE AS $$
    SELECT COALESCE(jsonb_object_agg(p.key, jsonb_build_object(
      'raisedMinor', to_jsonb((COALESCE((a->p.key->>'raisedMinor')::numeric, 0)
        + COALESCE((b->p.key->>'raisedMinor')::numeric, 0))::text),
      'refundedMinor', to_jsonb((COALESCE((a->p.key->>'refundedMinor')::numeric, 0)
        + COALESCE((b->p.key->>'refundedMinor')::numeric, 0))::text),
      'donationCount', to_jsonb((COALESCE((a->p.key->>'donationCount')::numeric, 0)
        + COALESCE((b->p.key->>'donationCount')::numeric, 0))::text),
      'refundCount', to_jsonb((COALESCE((a->p.key->>'refundCount')::numeric, 0)
        + COALESCE((b->p.key->>'refundCount')::numeric, 0))::text)
    )), '{}'::jsonb)
    FROM (SELECT jsonb_object_keys(a) AS key UNION SELECT jsonb_object_keys(b)) AS p
  $$`;
