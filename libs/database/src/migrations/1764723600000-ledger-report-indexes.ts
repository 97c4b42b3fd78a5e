import { MigrationInterface, QueryRunner } from 'typeorm';
import { createLedgerReportIndexes } from './aggregator-state.ddl';

/**
 * The ledger reports (GET /reports/... on the aggregator) read a campaign's or a charity's rows
 * of a period; without these indexes that is a scan of every hash partition of the ledger.
 * Added to the service's schema (generation 0) and to every generation schema whose ledger still
 * exists (a rebuild may be under way; a pruned rebuilt generation has none); generations created
 * later get them from createAggregatorStateTables. Building an index on the partitioned ledger
 * holds a SHARE lock: reads go on, the batches wait until both are built (about 6 s per million
 * ledger rows on a 2-core test machine).
 */
export class LedgerReportIndexes1764723600000 implements MigrationInterface {
  name = 'LedgerReportIndexes1764723600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const schema of await ledgerSchemas(queryRunner)) {
      await createLedgerReportIndexes((sql) => queryRunner.query(sql), schema);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const schema of await ledgerSchemas(queryRunner)) {
      await queryRunner.query(`DROP INDEX IF EXISTS "${schema}".donation_ledger_charity_time_idx`);
      await queryRunner.query(`DROP INDEX IF EXISTS "${schema}".donation_ledger_campaign_time_idx`);
    }
  }
}

async function ledgerSchemas(queryRunner: QueryRunner): Promise<string[]> {
  const rows = (await queryRunner.query(
    `SELECT s AS schema_name
     FROM (SELECT current_schema() AS s UNION SELECT schema_name FROM aggregator_generations) g
     WHERE to_regclass(quote_ident(s) || '.donation_ledger') IS NOT NULL
     ORDER BY s`,
  )) as { schema_name: string }[];
  return rows.map((row) => row.schema_name);
}
