import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What operators did: `dlq_redrives` holds the last re-drive outcome of each dead letter (keyed
 * by its place on the DLQ topic, written by `ops dlq redrive`, so `ops dlq list` hides those
 * counted); `registry_audit` one row per registry change (who, when, what changed), written in
 * the change's transaction.
 */
export class OperatorRecords1764550800000 implements MigrationInterface {
  name = 'OperatorRecords1764550800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dlq_redrives (
        topic        text        NOT NULL,
        "partition"  integer     NOT NULL,
        "offset"     bigint      NOT NULL,
        outcome      text        NOT NULL CHECK (outcome IN ('counted', 'failing', 'skipped')),
        reason       text,
        message      text,
        attempts     integer     NOT NULL DEFAULT 1,
        redriven_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (topic, "partition", "offset")
      )`);
    await queryRunner.query(`
      CREATE TABLE registry_audit (
        id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at                  timestamptz NOT NULL DEFAULT now(),
        actor               text        NOT NULL,
        action              text        NOT NULL,
        platform            text        NOT NULL,
        platform_project_id text        NOT NULL,
        before              jsonb,
        after               jsonb
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE registry_audit`);
    await queryRunner.query(`DROP TABLE dlq_redrives`);
  }
}
