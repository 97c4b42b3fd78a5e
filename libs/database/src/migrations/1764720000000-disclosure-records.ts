import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 慈善中国 disclosures a charity has made, one row per campaign, kind and period (its first
 * day; recording the period again replaces the row, and registry_audit keeps what it was).
 * Written through the adapters' operator API (`ops registry disclosure add`); the dashboard's
 * back office reads it to mark its disclosure calendar done.
 */
export class DisclosureRecords1764720000000 implements MigrationInterface {
  name = 'DisclosureRecords1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE disclosure_records (
        campaign_id  text        NOT NULL,
        kind         text        NOT NULL CHECK (kind IN ('progress', 'final')),
        period_start date        NOT NULL,
        period_end   date        NOT NULL,
        made_on      date        NOT NULL,
        link         text        NOT NULL,
        recorded_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, kind, period_start)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE disclosure_records`);
  }
}
