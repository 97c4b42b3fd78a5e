import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The adapters' per-transaction refund state (see libs/adapter-kit/src/receipts/refund-level.ts):
 * - refund_observations: every refund figure a webhook or a statement row reported, as a fact:
 *   one row per (transaction, basis, key), `single` for one refund with its own id (Stripe re_,
 *   WeChat Pay refund_id, a statement's refund row), `cumulative` for a refunded-so-far figure
 *   (Alipay refund_fee, Stripe amount_refunded). Kept at the largest amount seen per key.
 * - refund_issues: the refund events the adapter decided to emit, written BEFORE they are sent
 *   (write-ahead); one whose receipt (webhook_receipts, same event_id) is missing is sent again
 *   by the next request about the transaction, with the same eventId.
 * - statement_import_rows: the eventIds a statement import has seen so far (per import id),
 *   so that duplicates and "receipts the statement lacks" are found in SQL, not in memory.
 */
export class RefundState1764460800000 implements MigrationInterface {
  name = 'RefundState1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE refund_observations (
        platform        text        NOT NULL,
        platform_txn_id text        NOT NULL,
        basis           text        NOT NULL CHECK (basis IN ('single', 'cumulative')),
        refund_key      text        NOT NULL,
        amount_minor    bigint      NOT NULL CHECK (amount_minor >= 0),
        source          text        NOT NULL CHECK (source IN ('webhook', 'statement')),
        observed_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (platform, platform_txn_id, basis, refund_key)
      )`);
    await queryRunner.query(`
      CREATE TABLE refund_issues (
        platform        text        NOT NULL,
        platform_txn_id text        NOT NULL,
        level_minor     bigint      NOT NULL CHECK (level_minor > 0),
        amount_minor    bigint      NOT NULL CHECK (amount_minor > 0),
        refund_id       text        NOT NULL,
        event_id        uuid        NOT NULL UNIQUE,
        campaign_id     text        NOT NULL,
        charity_id      char(18)    NOT NULL,
        currency        char(3)     NOT NULL,
        occurred_at     timestamptz NOT NULL,
        issued_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (platform, platform_txn_id, level_minor)
      )`);
    await queryRunner.query(`
      CREATE UNLOGGED TABLE statement_import_rows (
        import_id       uuid        NOT NULL,
        event_id        uuid        NOT NULL,
        platform_txn_id text        NOT NULL,
        type            text        NOT NULL,
        campaign_id     text        NOT NULL,
        charity_id      char(18)    NOT NULL,
        PRIMARY KEY (import_id, event_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX statement_import_rows_txn_idx ON statement_import_rows (import_id, platform_txn_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE statement_import_rows`);
    await queryRunner.query(`DROP TABLE refund_issues`);
    await queryRunner.query(`DROP TABLE refund_observations`);
  }
}
