import { MigrationInterface, QueryRunner } from 'typeorm';

const LEDGER_PARTITIONS = 8;

/**
 * The aggregator's state. donation_ledger is the audit trail and the dedupe key, one row per
 * eventId, hash-partitioned by event_id so that it can grow to billions of rows (more partitions
 * later by detaching and re-splitting). The totals tables hold one row per (key, currency), each
 * changed by one set-based upsert per batch; consumer_offsets holds the consumer's progress,
 * written in the same transaction as the totals.
 */
export class AggregatorTotals1764201600000 implements MigrationInterface {
  name = 'AggregatorTotals1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.createLedger(queryRunner);
    await queryRunner.query(`
      CREATE TABLE campaign_totals (
        campaign_id     text        NOT NULL,
        currency        char(3)     NOT NULL,
        charity_id      char(18)    NOT NULL,
        ${COUNTER_COLUMNS},
        PRIMARY KEY (campaign_id, currency)
      )`);
    await queryRunner.query(
      `CREATE INDEX campaign_totals_charity_idx ON campaign_totals (charity_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE charity_totals (
        charity_id      char(18)    NOT NULL,
        currency        char(3)     NOT NULL,
        ${COUNTER_COLUMNS},
        PRIMARY KEY (charity_id, currency)
      )`);
    await queryRunner.query(`
      CREATE TABLE charity_campaigns (
        charity_id      char(18)    NOT NULL,
        campaign_id     text        NOT NULL,
        first_seen_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (charity_id, campaign_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE consumer_offsets (
        group_id        text        NOT NULL,
        topic           text        NOT NULL,
        partition       integer     NOT NULL,
        next_offset     bigint      NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, topic, partition)
      )`);
    await queryRunner.query(MERGE_PLATFORM_COUNTERS);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION merge_platform_counters(jsonb, jsonb)`);
    for (const table of [
      'consumer_offsets',
      'charity_campaigns',
      'charity_totals',
      'campaign_totals',
      'donation_ledger',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }

  private async createLedger(queryRunner: QueryRunner): Promise<void> {
    // counted: false for a refund that was dead-lettered (never counted, or taken back).
    // payload: the full event of a refund, kept so that a pending refund can be taken back.
    await queryRunner.query(`
      CREATE TABLE donation_ledger (
        event_id        uuid        NOT NULL,
        platform        text        NOT NULL,
        platform_txn_id text        NOT NULL,
        type            text        NOT NULL,
        refund_id       text,
        campaign_id     text        NOT NULL,
        charity_id      char(18)    NOT NULL,
        currency        char(3)     NOT NULL,
        amount_minor    bigint      NOT NULL,
        occurred_at     timestamptz NOT NULL,
        counted         boolean     NOT NULL DEFAULT true,
        rejection       text,
        payload         jsonb,
        kafka_topic     text        NOT NULL,
        kafka_partition integer     NOT NULL,
        kafka_offset    bigint      NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id)
      ) PARTITION BY HASH (event_id)`);
    for (let remainder = 0; remainder < LEDGER_PARTITIONS; remainder += 1) {
      await queryRunner.query(
        `CREATE TABLE donation_ledger_p${remainder} PARTITION OF donation_ledger
           FOR VALUES WITH (MODULUS ${LEDGER_PARTITIONS}, REMAINDER ${remainder})`,
      );
    }
    await queryRunner.query(
      `CREATE INDEX donation_ledger_txn_idx ON donation_ledger (platform, platform_txn_id)`,
    );
  }
}

const COUNTER_COLUMNS = `
        raised_minor    bigint      NOT NULL DEFAULT 0,
        refunded_minor  bigint      NOT NULL DEFAULT 0,
        donation_count  bigint      NOT NULL DEFAULT 0,
        refund_count    bigint      NOT NULL DEFAULT 0,
        by_platform     jsonb       NOT NULL DEFAULT '{}',
        first_event_at  timestamptz,
        last_event_at   timestamptz,
        version         bigint      NOT NULL DEFAULT 1,
        updated_at      timestamptz NOT NULL DEFAULT now()`;

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
