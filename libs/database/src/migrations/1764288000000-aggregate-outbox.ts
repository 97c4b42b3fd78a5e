import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox of the aggregate topics. aggregate_outbox holds the messages written
 * in the same transaction as the totals they describe, until the relay has published them.
 * aggregate_versions holds the version of each topic key (a campaign, a charity): it grows by one
 * with every message written, whatever currency the change touched.
 */
export class AggregateOutbox1764288000000 implements MigrationInterface {
  name = 'AggregateOutbox1764288000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE aggregate_outbox (
        id              bigserial   PRIMARY KEY,
        topic           text        NOT NULL,
        message_key     text        NOT NULL,
        value           jsonb       NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE aggregate_versions (
        topic           text        NOT NULL,
        message_key     text        NOT NULL,
        version         bigint      NOT NULL,
        PRIMARY KEY (topic, message_key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE aggregate_versions`);
    await queryRunner.query(`DROP TABLE aggregate_outbox`);
  }
}
