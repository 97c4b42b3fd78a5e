import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox of donations.counted.v1 (the ledger's decision per event), in the service's schema
 * like the aggregate outbox. counted_outbox holds one row per applied batch: its messages as one
 * JSON document (one statement per batch), until the relay has published them to their source
 * partition. counted_staging holds the messages of the batches a rebuild reads ahead of the live
 * consumers, until the switch publishes those the live consumers did not read. The documents
 * are stored uncompressed (STORAGE EXTERNAL): they live for a moment, so compressing them would
 * only cost the batch's transaction time.
 */
export class CountedOutbox1764547200000 implements MigrationInterface {
  name = 'CountedOutbox1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE counted_outbox (
        id                bigserial   PRIMARY KEY,
        source_partition  integer     NOT NULL,
        messages          text        NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE counted_staging (
        id                bigserial   PRIMARY KEY,
        generation        integer     NOT NULL,
        source_partition  integer     NOT NULL,
        messages          text        NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now()
      )`);
    for (const table of ['counted_outbox', 'counted_staging']) {
      await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN messages SET STORAGE EXTERNAL`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE counted_staging`);
    await queryRunner.query(`DROP TABLE counted_outbox`);
  }
}
