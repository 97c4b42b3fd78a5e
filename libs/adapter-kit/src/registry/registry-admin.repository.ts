import type { DataSource, EntityManager } from 'typeorm';
import type {
  CampaignRegistration,
  CampaignRegistrationResult,
  CampaignRegistrationUpdate,
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

/** A registration with an update applied: what it becomes, and whether that is a change. */
export function updatedRegistration(
  before: CampaignRegistration | undefined,
  update: CampaignRegistrationUpdate,
): { change: 'updated' | 'unchanged'; entry: CampaignRegistration } {
  if (before === undefined) {
    throw new OperatorError(
      'REGISTRY.NOT_FOUND',
      `${update.platform} project ${update.platformProjectId} is not registered: add it`,
    );
  }
  const entry = { ...before };
  if (update.campaignId !== undefined) entry.campaignId = update.campaignId;
  if (update.charityId !== undefined) entry.charityId = update.charityId;
  if (update.title !== undefined) entry.title = update.title;
  const same = (Object.keys(entry) as (keyof CampaignRegistration)[]).every(
    (key) => entry[key] === before[key],
  );
  return { change: same ? 'unchanged' : 'updated', entry };
}

/**
 * The operators' side of campaign_registry: list, add and update, each change with an audit row
 * (who, when, before, after) in its transaction. Adapters resolve through
 * CampaignRegistryRepository.
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
      const before = await current(manager, wanted.platform, wanted.platformProjectId);
      const change = registrationChange(before, wanted);
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
        await audit(manager, actor, 'campaign.add', null, wanted);
      }
      return { change, dryRun, entry: wanted, before: before ?? null };
    });
  }

  update(
    update: CampaignRegistrationUpdate,
    actor: string,
    dryRun: boolean,
  ): Promise<CampaignRegistrationResult> {
    return this.dataSource.transaction(async (manager) => {
      const before = await current(manager, update.platform, update.platformProjectId);
      const { change, entry } = updatedRegistration(before, update);
      if (change === 'updated' && !dryRun) {
        await manager.query(
          `UPDATE campaign_registry SET campaign_id = $3, charity_id = $4, title = $5
           WHERE platform = $1 AND platform_project_id = $2`,
          [
            entry.platform,
            entry.platformProjectId,
            entry.campaignId,
            entry.charityId,
            entry.title ?? null,
          ],
        );
        await audit(manager, actor, 'campaign.update', before ?? null, entry);
      }
      return { change, dryRun, entry, before: before ?? null };
    });
  }
}

async function current(
  manager: EntityManager,
  platform: Platform,
  platformProjectId: string,
): Promise<CampaignRegistration | undefined> {
  const [row] = await manager.query<RegistryRow[]>(
    `SELECT campaign_id, charity_id, title FROM campaign_registry
     WHERE platform = $1 AND platform_project_id = $2 FOR UPDATE`,
    [platform, platformProjectId],
  );
  if (row === undefined) return undefined;
  return {
    platform,
    platformProjectId,
    campaignId: row.campaign_id,
    charityId: row.charity_id,
    ...(row.title === null ? {} : { title: row.title }),
  };
}

function audit(
  manager: EntityManager,
  actor: string,
  action: string,
  before: CampaignRegistration | null,
  after: CampaignRegistration,
): Promise<unknown> {
  return manager.query(
    `INSERT INTO registry_audit (actor, action, platform, platform_project_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      actor,
      action,
      after.platform,
      after.platformProjectId,
      before && JSON.stringify(before),
      JSON.stringify(after),
    ],
  );
}
