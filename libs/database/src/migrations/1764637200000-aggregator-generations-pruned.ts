import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A retired generation of the aggregator's state can be pruned (`ops generations prune`): its
 * tables dropped (or, for generation 0, whose tables share the service's schema, emptied) and
 * its row kept as history, in state 'pruned' with the time.
 */
export class AggregatorGenerationsPruned1764637200000 implements MigrationInterface {
  name = 'AggregatorGenerationsPruned1764637200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE aggregator_generations
        DROP CONSTRAINT aggregator_generations_state_check,
        ADD CONSTRAINT aggregator_generations_state_check
          CHECK (state IN ('building', 'active', 'retired', 'pruned')),
        ADD COLUMN pruned_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE aggregator_generations
        DROP COLUMN pruned_at,
        DROP CONSTRAINT aggregator_generations_state_check,
        ADD CONSTRAINT aggregator_generations_state_check
          CHECK (state IN ('building', 'active', 'retired'))`);
  }
}
