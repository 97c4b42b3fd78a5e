import { CampaignRegistryEntry, CampaignRegistryRepository } from '@donations/adapter-kit';
import { PLATFORMS } from '@donations/contracts';
import { createDataSource } from '@donations/database';
import type { CampaignCatalog } from './campaign-catalog';

export interface RegistryTarget {
  databaseUrl: string;
  schema: string;
}

/**
 * Registers the run's campaigns in the adapters' campaign registry (the table the adapters map
 * platform project ids with), the same way bench/ingest does: every platform's project id, and
 * for WeChat Pay also the sub-merchant (a refund notification names only that). Returns how many
 * entries it wrote.
 */
export async function seedCampaignRegistry(
  target: RegistryTarget,
  catalog: CampaignCatalog,
): Promise<number> {
  const dataSource = await createDataSource({
    url: target.databaseUrl,
    schema: target.schema,
    entities: [CampaignRegistryEntry],
    poolSize: 1,
  }).initialize();
  let written = 0;
  try {
    const registry = new CampaignRegistryRepository(dataSource);
    for (const campaign of catalog.campaigns) {
      const ref = { campaignId: campaign.campaignId, charityId: campaign.charityId };
      for (const platform of PLATFORMS) {
        await registry.register(platform, campaign.projectIds[platform], ref);
        written += 1;
      }
      await registry.register('tencent', campaign.tencentSubMchid, ref);
      written += 1;
    }
  } finally {
    await dataSource.destroy();
  }
  return written;
}
