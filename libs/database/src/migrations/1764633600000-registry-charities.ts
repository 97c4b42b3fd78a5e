import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry's charities (统一社会信用代码, name, region) and a campaign's name (`title`),
 * 慈善中国 filing number and dates on each of its platform ids. `registry_audit` rows now say what
 * they are about in `subject` (`shuidi/p-1` or a charity's USCC); platform columns are optional.
 * Written through the adapters' operator API (`ops registry`); the aggregator, the dashboard and
 * the disclosure reports only read these tables.
 */
export class RegistryCharities1764633600000 implements MigrationInterface {
  name = 'RegistryCharities1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE charities (
        uscc       char(18)    PRIMARY KEY,
        name       text        NOT NULL,
        region     text        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      ALTER TABLE campaign_registry
        ADD COLUMN filing_number text,
        ADD COLUMN starts_on     date,
        ADD COLUMN ends_on       date,
        ADD CONSTRAINT campaign_registry_dates CHECK (starts_on IS NULL OR ends_on IS NULL
                                                      OR starts_on <= ends_on)`);
    await queryRunner.query(`
      ALTER TABLE registry_audit
        ADD COLUMN subject text,
        ALTER COLUMN platform DROP NOT NULL,
        ALTER COLUMN platform_project_id DROP NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM registry_audit WHERE platform IS NULL`);
    await queryRunner.query(`
      ALTER TABLE registry_audit
        DROP COLUMN subject,
        ALTER COLUMN platform SET NOT NULL,
        ALTER COLUMN platform_project_id SET NOT NULL`);
    await queryRunner.query(`
      ALTER TABLE campaign_registry
        DROP CONSTRAINT campaign_registry_dates,
        DROP COLUMN filing_number, DROP COLUMN starts_on, DROP COLUMN ends_on`);
    await queryRunner.query(`DROP TABLE charities`);
  }
}
