import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generations of the aggregator's state. A rebuild replays donations.normalized.v1 from offset 0
 * into a fresh schema (a new generation) while the active one keeps serving, then switches
 * aggregator_active_generation in one transaction. Every batch transaction reads that one row
 * FOR SHARE and sets its search_path to the active generation's schema, so the switch waits for
 * the batches in flight and every later batch sees the new generation. Generation 0 is the
 * service's own schema, where the AggregatorTotals migration created the tables.
 */
export class AggregatorGenerations1764374400000 implements MigrationInterface {
  name = 'AggregatorGenerations1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE aggregator_generations (
        generation      integer     PRIMARY KEY,
        schema_name     text        NOT NULL UNIQUE,
        state           text        NOT NULL
                        CHECK (state IN ('building', 'active', 'retired')),
        created_at      timestamptz NOT NULL DEFAULT now(),
        activated_at    timestamptz,
        retired_at      timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE aggregator_active_generation (
        singleton       boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
        generation      integer     NOT NULL REFERENCES aggregator_generations (generation),
        schema_name     text        NOT NULL
      )`);
    await queryRunner.query(`
      INSERT INTO aggregator_generations (generation, schema_name, state, activated_at)
      VALUES (0, current_schema(), 'active', now())`);
    await queryRunner.query(`
      INSERT INTO aggregator_active_generation (generation, schema_name)
      VALUES (0, current_schema())`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE aggregator_active_generation`);
    await queryRunner.query(`DROP TABLE aggregator_generations`);
  }
}
