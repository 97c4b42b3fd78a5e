import { CampaignRegistryEntry, CampaignRegistryRepository } from '@donations/adapter-kit';
import { makeUscc } from '@donations/contracts';
import { createDataSource } from '@donations/database';

/**
 * Registers `count` shuidi projects in the schema's campaign_registry, each to its own campaign
 * and charity; returns the platform project ids the bench's donations name.
 */
export async function registerBenchCampaigns(
  url: string,
  schema: string,
  count: number,
): Promise<string[]> {
  const projectIds = Array.from({ length: count }, (_, i) => `bench-project-${i}`);
  const dataSource = await createDataSource({
    url,
    schema,
    entities: [CampaignRegistryEntry],
    poolSize: 1,
  }).initialize();
  try {
    const registry = new CampaignRegistryRepository(dataSource);
    for (const [index, projectId] of projectIds.entries()) {
      // Distinct, valid 统一社会信用代码 per campaign (the check character is computed).
      const charityId = makeUscc(`5310000050002${String(1000 + index).padStart(4, '0')}`);
      await registry.register('shuidi', projectId, {
        campaignId: `bench-campaign-${index}`,
        charityId,
      });
    }
  } finally {
    await dataSource.destroy();
  }
  return projectIds;
}
