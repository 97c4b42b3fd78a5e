import { DataSource, Repository } from 'typeorm';
import { isStorableText, type Platform } from '@donations/contracts';
import type { CampaignRef } from '../pipeline/platform-mapping';
import { WebhookError } from '../pipeline/webhook.errors';
import { CampaignRegistryEntry } from './campaign-registry.entity';

const CACHE_TTL_MS = 60_000;
const CACHE_MAX_ENTRIES = 50_000;

/**
 * Platform project or merchant id -> campaign and charity, from the campaign_registry table,
 * cached for a minute (hot campaigns take ~1,000 donations/s; the registry changes rarely).
 */
export class CampaignRegistryRepository {
  private readonly repository: Repository<CampaignRegistryEntry>;
  private readonly cache = new Map<string, { ref: CampaignRef | null; expiresAt: number }>();

  constructor(
    dataSource: DataSource,
    private readonly clock: () => number = Date.now,
  ) {
    this.repository = dataSource.getRepository(CampaignRegistryEntry);
  }

  /** `fresh`: read the table, not the cache (a re-drive right after a registration). */
  async resolve(
    platform: Platform,
    platformProjectId: string,
    { fresh = false }: { fresh?: boolean } = {},
  ): Promise<CampaignRef> {
    if (fresh) this.cache.delete(`${platform}|${platformProjectId}`);
    const ref = await this.find(platform, platformProjectId);
    if (!ref) {
      throw new WebhookError(
        'WEBHOOK.UNKNOWN_CAMPAIGN',
        `no campaign registered for ${platform} project ${platformProjectId}`,
      );
    }
    return ref;
  }

  /** Drops what the cache holds of an id (its registration just changed, here). */
  forget(platform: Platform, platformProjectId: string): void {
    this.cache.delete(`${platform}|${platformProjectId}`);
  }

  async register(platform: Platform, platformProjectId: string, ref: CampaignRef): Promise<void> {
    await this.repository.upsert(
      { platform, platformProjectId, campaignId: ref.campaignId, charityId: ref.charityId },
      ['platform', 'platformProjectId'],
    );
    this.cache.delete(`${platform}|${platformProjectId}`);
  }

  private async find(platform: Platform, platformProjectId: string): Promise<CampaignRef | null> {
    // No project registered has such an id, and PostgreSQL would refuse to look it up.
    if (!isStorableText(platformProjectId)) return null;
    const key = `${platform}|${platformProjectId}`;
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > this.clock()) return cached.ref;
    const row = await this.repository.findOneBy({ platform, platformProjectId });
    const ref = row ? { campaignId: row.campaignId, charityId: row.charityId } : null;
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
    this.cache.set(key, { ref, expiresAt: this.clock() + CACHE_TTL_MS });
    return ref;
  }
}
