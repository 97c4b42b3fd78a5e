import { DataSource } from 'typeorm';
import type {
  CampaignRegistration,
  CampaignRegistrationResult,
  CampaignRegistryView,
  Platform,
} from '@donations/contracts';
import { OperatorError } from '../operator/operator.errors';

interface RegistryRow {
  platform: Platform;
  platform_project_id: string;
  campaign_id: string;
  charity_id: string;
  title: string | null;
  created_at: Date;
}

/** The change an `add` makes to what is registered under the id, if anything. */
export function registrationChange(
  existing: Pick<CampaignRegistration, 'campaignId' | 'charityId'> | undefined,
  wanted: CampaignRegistration,
): CampaignRegistrationResult['change'] {
  if (existing === undefined) return 'created';
  if (existing.campaignId === wanted.campaignId && existing.charityId === wanted.charityId) {
    return 'unchanged';
  }
  throw new OperatorError(
    'REGISTRY.CONFLICT',
    `${wanted.platform} project ${wanted.platformProjectId} is registered to campaign ` +
      `${existing.campaignId} already`,
  );
}

/**
 * The operators' side of campaign_registry: list, and add with an audit row (who, when, before,
 * after) in the same transaction. Adapters resolve through CampaignRegistryRepository.
 */
export class RegistryAdminRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(platform: Platform | undefined): Promise<CampaignRegistryView[]> {
    const rows: RegistryRow[] = await this.dataSource.query(
      `SELECT platform, platform_project_id, campaign_id, charity_id, title, created_at
       FROM campaign_registry WHERE $1::text IS NULL OR platform = $1
       ORDER BY platform, platform_project_id`,
      [platform ?? null],
    );
    return rows.map((row) => ({
      platform: row.platform,
      platformProjectId: row.platform_project_id,
      campaignId: row.campaign_id,
      charityId: row.charity_id,
      title: row.title,
      createdAt: row.created_at.toISOString(),
    }));
  }

  add(
    wanted: CampaignRegistration,
    actor: string,
    dryRun: boolean,
  ): Promise<CampaignRegistrationResult> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<{ campaign_id: string; charity_id: string }[]>(
        `SELECT campaign_id, charity_id FROM campaign_registry
         WHERE platform = $1 AND platform_project_id = $2 FOR UPDATE`,
        [wanted.platform, wanted.platformProjectId],
      );
      const existing = row && { campaignId: row.campaign_id, charityId: row.charity_id };
      const change = registrationChange(existing, wanted);
      if (change === 'created' && !dryRun) {
        await manager.query(
          `INSERT INTO campaign_registry
             (platform, platform_project_id, campaign_id, charity_id, title)
           VALUES ($1, $2, $3, $4, $5)`,
          [
            wanted.platform,
            wanted.platformProjectId,
            wanted.campaignId,
            wanted.charityId,
            wanted.title ?? null,
          ],
        );
        await manager.query(
          `INSERT INTO registry_audit (actor, action, platform, platform_project_id, before, after)
           VALUES ($1, 'campaign.add', $2, $3, NULL, $4)`,
          [actor, wanted.platform, wanted.platformProjectId, JSON.stringify(wanted)],
        );
      }
      return { change, dryRun, entry: wanted };
    });
  }
}
