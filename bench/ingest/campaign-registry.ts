import { RegistryClient } from '@donations/adapter-kit';
import { makeUscc } from '@donations/contracts';

/** The operator token of the bench's adapter (OPERATOR_TOKEN): the bench registers through it. */
export const BENCH_OPERATOR_TOKEN = 'ingest-bench-operator-token-0123456789';

/** The platform project ids the bench's donations name, `count` of them. */
export function benchProjectIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `bench-project-${i}`);
}

/**
 * Registers each shuidi project to its own campaign and charity through the adapter's operator
 * API (`POST /operator/registry/charities` and `/campaigns`), as an operator's `ops registry`.
 */
export async function registerBenchCampaigns(
  adapterUrl: string,
  projectIds: readonly string[],
): Promise<void> {
  const registry = new RegistryClient(adapterUrl, BENCH_OPERATOR_TOKEN, 'ingest-bench');
  for (const [index, projectId] of projectIds.entries()) {
    // Distinct, valid 统一社会信用代码 per campaign (the check character is computed).
    const charityId = makeUscc(`5310000050002${String(1000 + index).padStart(4, '0')}`);
    await registry.addCharity({ uscc: charityId, name: `压测基金会${index}`, region: '北京市' });
    await registry.addCampaign({
      platform: 'shuidi',
      platformProjectId: projectId,
      campaignId: `bench-campaign-${index}`,
      charityId,
      title: `压测项目${index}`,
    });
  }
}
