import { Pool } from 'pg';
import type { BackofficeCharity, DisclosureRecordView, Platform } from '@donations/contracts';
import type { RegistryCampaignRow } from './registry-campaigns';

/** The picker's bound: a few screens of names, never the whole registry. */
export const SEARCH_LIMIT = 20;

const day = (column: string, as: string) => `to_char(${column}, 'YYYY-MM-DD') AS "${as}"`;

/** `q` as a LIKE pattern's literal text (its own % and _ match themselves). */
const likeLiteral = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The back office's reads of the registry (charities, campaign_registry, disclosure_records:
 * written through the adapters' operator API; the dashboard only reads them), on the
 * dashboard's DATABASE_URL and schema.
 */
export class BackofficeRegistryReader {
  private readonly pool: Pool;
  private readonly schema: string;

  constructor(url: string, schema: string) {
    this.pool = new Pool({
      connectionString: url,
      max: 2,
      application_name: 'dashboard-backoffice',
    });
    this.schema = `"${schema.replace(/"/g, '""')}"`;
  }

  /** Charities whose name contains `q` (any case) or whose USCC starts with it, by name. */
  async search(q: string): Promise<{ charities: BackofficeCharity[]; truncated: boolean }> {
    const { rows } = await this.pool.query<BackofficeCharity>(
      `SELECT uscc, name, region FROM ${this.schema}.charities
       WHERE $1 = '' OR name ILIKE '%' || $1 || '%' OR uscc LIKE upper($1) || '%'
       ORDER BY name, uscc LIMIT $2`,
      [likeLiteral(q), SEARCH_LIMIT + 1],
    );
    return { charities: rows.slice(0, SEARCH_LIMIT), truncated: rows.length > SEARCH_LIMIT };
  }

  async charity(uscc: string): Promise<BackofficeCharity | undefined> {
    const { rows } = await this.pool.query<BackofficeCharity>(
      `SELECT uscc, name, region FROM ${this.schema}.charities WHERE uscc = $1`,
      [uscc],
    );
    return rows[0];
  }

  /** The charity's registry rows, oldest registration first (the merge relies on that order). */
  async campaignRows(uscc: string): Promise<RegistryCampaignRow[]> {
    const { rows } = await this.pool.query<RegistryCampaignRow & { platform: Platform }>(
      `SELECT platform, platform_project_id AS "platformProjectId", campaign_id AS "campaignId",
              title, filing_number AS "filingNumber",
              ${day('starts_on', 'startsOn')}, ${day('ends_on', 'endsOn')}
       FROM ${this.schema}.campaign_registry WHERE charity_id = $1
       ORDER BY created_at, platform, platform_project_id`,
      [uscc],
    );
    return rows;
  }

  /** The recorded disclosures of these campaigns. */
  async disclosures(campaignIds: readonly string[]): Promise<DisclosureRecordView[]> {
    if (campaignIds.length === 0) return [];
    const { rows } = await this.pool.query<
      Omit<DisclosureRecordView, 'recordedAt'> & { recordedAt: Date }
    >(
      `SELECT campaign_id AS "campaignId", kind, ${day('period_start', 'periodStart')},
              ${day('period_end', 'periodEnd')}, ${day('made_on', 'madeOn')}, link,
              recorded_at AS "recordedAt"
       FROM ${this.schema}.disclosure_records WHERE campaign_id = ANY($1)
       ORDER BY campaign_id, period_start, kind`,
      [campaignIds],
    );
    return rows.map((row) => ({ ...row, recordedAt: row.recordedAt.toISOString() }));
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
