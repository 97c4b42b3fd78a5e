import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { CharityTotalsView, DisclosureRecord } from '@donations/contracts';
import type { TestSchema } from '@donations/testing';

/** A registry row of a test: one platform id of a campaign. */
export interface CampaignRowSeed {
  platform: string;
  platformProjectId: string;
  campaignId: string;
  charityId: string;
  title?: string;
  startsOn?: string;
  endsOn?: string;
  filingNumber?: string;
}

/**
 * Writes a test's registry rows straight into its schema: the adapters' operator API owns these
 * tables in a running system (the browser spec registers through it); here only what the
 * dashboard reads matters.
 */
export class RegistrySeed {
  private constructor(private readonly client: Client) {}

  static async open(schema: TestSchema): Promise<RegistrySeed> {
    const client = new Client({ connectionString: schema.url });
    await client.connect();
    await client.query(`SET search_path TO "${schema.schema}"`);
    return new RegistrySeed(client);
  }

  async charity(uscc: string, name: string, region = '北京市'): Promise<void> {
    await this.client.query(`INSERT INTO charities (uscc, name, region) VALUES ($1, $2, $3)`, [
      uscc,
      name,
      region,
    ]);
  }

  async campaign(row: CampaignRowSeed): Promise<void> {
    await this.client.query(
      `INSERT INTO campaign_registry (platform, platform_project_id, campaign_id, charity_id,
         title, starts_on, ends_on, filing_number) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        row.platform,
        row.platformProjectId,
        row.campaignId,
        row.charityId,
        row.title ?? null,
        row.startsOn ?? null,
        row.endsOn ?? null,
        row.filingNumber ?? null,
      ],
    );
  }

  async disclosure(record: DisclosureRecord): Promise<void> {
    await this.client.query(
      `INSERT INTO disclosure_records (campaign_id, kind, period_start, period_end, made_on, link)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        record.campaignId,
        record.kind,
        record.periodStart,
        record.periodEnd,
        record.madeOn,
        record.link,
      ],
    );
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/**
 * The aggregator's `GET /charities/:id` as an HTTP peer answering contract-valid views (404 for
 * the others), so the back office is tested over real HTTP without a running ledger.
 */
export class AggregatorPeer {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(charities: readonly CharityTotalsView[]): Promise<AggregatorPeer> {
    const byId = new Map(charities.map((view) => [`/charities/${view.charityId}`, view]));
    const server = createServer((request, response) => {
      const view = byId.get(request.url ?? '');
      response.writeHead(view ? 200 : 404, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(view ?? { code: 'AGGREGATE.NOT_FOUND', message: 'no such charity' }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new AggregatorPeer(server, `http://127.0.0.1:${port}`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
