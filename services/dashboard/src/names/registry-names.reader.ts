import { Pool } from 'pg';
import type { PostgresSsl } from '@donations/database';
import type { RegistryNames } from './registry-names';

/**
 * Reads campaign and charity names from the registry's tables (written by the adapters'
 * operator API; the dashboard only reads them): one connection, two queries per refresh.
 */
export class RegistryNamesReader {
  private readonly pool: Pool;

  constructor(
    url: string,
    private readonly schema: string,
    ssl: PostgresSsl = false,
  ) {
    this.pool = new Pool({ connectionString: url, max: 1, application_name: 'dashboard', ssl });
  }

  async read(): Promise<RegistryNames> {
    const schema = `"${this.schema.replace(/"/g, '""')}"`;
    const [campaigns, charities] = await Promise.all([
      this.pool.query<{ id: string; name: string }>(
        `SELECT DISTINCT ON (campaign_id) campaign_id AS id, title AS name
         FROM ${schema}.campaign_registry WHERE title IS NOT NULL
         ORDER BY campaign_id, created_at`,
      ),
      this.pool.query<{ id: string; name: string }>(
        `SELECT uscc AS id, name FROM ${schema}.charities`,
      ),
    ]);
    const map = (rows: { id: string; name: string }[]) =>
      new Map(rows.map((row) => [row.id, row.name]));
    return { campaigns: map(campaigns.rows), charities: map(charities.rows) };
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
