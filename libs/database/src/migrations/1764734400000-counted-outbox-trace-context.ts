import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * counted_outbox.trace_context: the trace context (W3C headers as JSON) of the batch that wrote
 * the row, which the relay puts on the row's donations.counted.v1 messages, so that a trace goes
 * on from the aggregator's batch to the statistics'. NULL while tracing is off.
 */
export class CountedOutboxTraceContext1764734400000 implements MigrationInterface {
  name = 'CountedOutboxTraceContext1764734400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE counted_outbox ADD COLUMN trace_context text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE counted_outbox DROP COLUMN trace_context`);
  }
}
