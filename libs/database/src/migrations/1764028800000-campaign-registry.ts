import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Maps a platform's own project or merchant id to the campaign (慈善中国 filing number) and the
 * charity (统一社会信用代码) it raises for. Adapters read it when a webhook carries no pass-through
 * campaign; an id missing here is a dead-letter reason, never a crash.
 */
export class CampaignRegistry1764028800000 implements MigrationInterface {
  name = 'CampaignRegistry1764028800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE campaign_registry (
        platform            text        NOT NULL,
        platform_project_id text        NOT NULL,
        campaign_id         text        NOT NULL,
        charity_id          char(18)    NOT NULL,
        title               text,
        created_at          timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (platform, platform_project_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX campaign_registry_campaign_idx ON campaign_registry (campaign_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE campaign_registry`);
  }
}
