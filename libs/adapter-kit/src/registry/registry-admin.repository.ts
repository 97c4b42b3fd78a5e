import type { DataSource, EntityManager } from 'typeorm';
import type {
  CampaignRegistration,
  CampaignRegistrationResult,
  CampaignRegistrationUpdate,
  CampaignRegistryView,
  Platform,
} from '@donations/contracts';
import { CampaignRow, registrationChange, rowsOf, updatedRegistration } from './campaign-change';
import { audit } from './registry-audit';

export { registrationChange, updatedRegistration } from './campaign-change';

interface RegistryRow {
  platform: Platform;
  platform_project_id: string;
  campaign_id: string;
  charity_id: string;
  charity_name?: string | null;
  title: string | null;
  filing_number: string | null;
  starts_on: string | null;
  ends_on: string | null;
  created_at: Date;
}

const COLUMNS = `r.platform, r.platform_project_id, r.campaign_id, r.charity_id, r.title,
  r.filing_number, to_char(r.starts_on, 'YYYY-MM-DD') AS starts_on,
  to_char(r.ends_on, 'YYYY-MM-DD') AS ends_on, r.created_at`;

/**
 * The operators' side of campaign_registry: list, add and update, each change with an audit row
 * (who, when, before, after) in its transaction. Adapters resolve through
 * CampaignRegistryRepository.
 */
export class RegistryAdminRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(platform: Platform | undefined): Promise<CampaignRegistryView[]> {
    const rows: RegistryRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, c.name AS charity_name
       FROM campaign_registry r LEFT JOIN charities c ON c.uscc = r.charity_id
       WHERE $1::text IS NULL OR r.platform = $1
       ORDER BY r.platform, r.platform_project_id`,
      [platform ?? null],
    );
    return rows.map((row) => ({
      platform: row.platform,
      platformProjectId: row.platform_project_id,
      campaignId: row.campaign_id,
      charityId: row.charity_id,
      charityName: row.charity_name ?? null,
      title: row.title,
      filingNumber: row.filing_number,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      createdAt: row.created_at.toISOString(),
    }));
  }

  /** Registers the id (and a WeChat Pay merchant id) unless registered to this campaign already. */
  add(
    wanted: CampaignRegistration,
    actor: string,
    dryRun: boolean,
  ): Promise<CampaignRegistrationResult> {
    return this.dataSource.transaction(async (manager) => {
      const [first] = rowsOf(wanted);
      let change: CampaignRegistrationResult['change'] = 'unchanged';
      let before: CampaignRow | undefined;
      for (const row of rowsOf(wanted)) {
        const existing = await current(manager, row.platform, row.platformProjectId);
        if (row === first) before = existing;
        if (registrationChange(existing, row) === 'unchanged') continue;
        change = 'created';
        if (dryRun) continue;
        await write(manager, 'INSERT', row);
        await audit(manager, auditOf(actor, 'campaign.add', null, row));
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
        await write(manager, 'UPDATE', entry);
        await audit(manager, auditOf(actor, 'campaign.update', before ?? null, entry));
      }
      return { change, dryRun, entry, before: before ?? null };
    });
  }
}

function auditOf(actor: string, action: string, before: CampaignRow | null, after: CampaignRow) {
  return {
    actor,
    action,
    subject: `${after.platform}/${after.platformProjectId}`,
    platform: after.platform,
    platformProjectId: after.platformProjectId,
    before,
    after,
  };
}

function write(manager: EntityManager, how: 'INSERT' | 'UPDATE', row: CampaignRow) {
  const values = [
    row.platform,
    row.platformProjectId,
    row.campaignId,
    row.charityId,
    row.title ?? null,
    row.filingNumber ?? null,
    row.startsOn ?? null,
    row.endsOn ?? null,
  ];
  return how === 'INSERT'
    ? manager.query(
        `INSERT INTO campaign_registry (platform, platform_project_id, campaign_id, charity_id,
           title, filing_number, starts_on, ends_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        values,
      )
    : manager.query(
        `UPDATE campaign_registry SET campaign_id = $3, charity_id = $4, title = $5,
           filing_number = $6, starts_on = $7, ends_on = $8
         WHERE platform = $1 AND platform_project_id = $2`,
        values,
      );
}

async function current(
  manager: EntityManager,
  platform: Platform,
  platformProjectId: string,
): Promise<CampaignRow | undefined> {
  const [row] = await manager.query<RegistryRow[]>(
    `SELECT ${COLUMNS} FROM campaign_registry r
     WHERE r.platform = $1 AND r.platform_project_id = $2 FOR UPDATE`,
    [platform, platformProjectId],
  );
  if (row === undefined) return undefined;
  const optional = {
    title: row.title,
    filingNumber: row.filing_number,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
  };
  return {
    platform,
    platformProjectId,
    campaignId: row.campaign_id,
    charityId: row.charity_id,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== null)),
  };
}
