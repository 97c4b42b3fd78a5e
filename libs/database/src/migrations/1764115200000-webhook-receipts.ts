import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each adapter accepted and emitted, one row per eventId: the statement (对账单) import
 * reconciles against it, and refunds that carry no campaign find their donation's campaign here.
 */
export class WebhookReceipts1764115200000 implements MigrationInterface {
  name = 'WebhookReceipts1764115200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_receipts (
        event_id        uuid        PRIMARY KEY,
        platform        text        NOT NULL,
        platform_txn_id text        NOT NULL,
        type            text        NOT NULL,
        refund_id       text,
        campaign_id     text        NOT NULL,
        charity_id      char(18)    NOT NULL,
        amount_minor    bigint      NOT NULL,
        currency        char(3)     NOT NULL,
        occurred_at     timestamptz NOT NULL,
        source          text        NOT NULL CHECK (source IN ('webhook', 'statement')),
        recorded_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX webhook_receipts_txn_idx ON webhook_receipts (platform, platform_txn_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX webhook_receipts_time_idx ON webhook_receipts (platform, occurred_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE webhook_receipts`);
  }
}
