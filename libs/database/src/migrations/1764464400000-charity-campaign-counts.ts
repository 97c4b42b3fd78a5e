import { MigrationInterface, QueryRunner } from 'typeorm';
import { createCharityCampaignCounts, createLedgerRefundTxns } from './aggregator-state.ddl';

/**
 * charity_campaign_counts: each charity's campaign count kept as a number, so that a batch
 * touching a charity with 20,000 campaigns costs what one with 10 does (it was a count(*) over
 * charity_campaigns per touched charity per batch). Added to the service's schema (generation 0)
 * and to every generation schema that exists (a rebuild may be under way), filled from
 * charity_campaigns; generations created later get it from createAggregatorStateTables, as does
 * a fresh database (then this finds it there and does nothing). With it ledger_refund_txns, the
 * transactions that have a refund (see createLedgerRefundTxns), filled from the ledger.
 */
export class CharityCampaignCounts1764464400000 implements MigrationInterface {
  name = 'CharityCampaignCounts1764464400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schemas = (await queryRunner.query(
      `SELECT s AS schema_name
       FROM (SELECT current_schema() AS s UNION SELECT schema_name FROM aggregator_generations) g
       WHERE to_regclass(quote_ident(s) || '.charity_campaigns') IS NOT NULL
         AND to_regclass(quote_ident(s) || '.charity_campaign_counts') IS NULL
       ORDER BY s`,
    )) as { schema_name: string }[];
    for (const { schema_name: schema } of schemas) {
      await createCharityCampaignCounts((sql) => queryRunner.query(sql), schema);
      await createLedgerRefundTxns((sql) => queryRunner.query(sql), schema);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS ledger_refund_txns`);
    await queryRunner.query(`DROP TABLE IF EXISTS charity_campaign_counts`);
  }
}
