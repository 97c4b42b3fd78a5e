import { Client } from 'pg';
import { makeUscc } from '@donations/contracts';

/**
 * A new campaign per donation: donation `i` names project `p-<run>-<i>`, registered to campaign
 * `c-<run>-<i>`, so its campaign's total reaching 1 is exactly that donation being counted (on
 * the aggregate and on the statistics). Campaigns come `perCharity` to a charity.
 */
export class SystemCampaigns {
  constructor(
    readonly run: string,
    private readonly perCharity: number,
  ) {}

  projectId(index: number): string {
    return `p-${this.run}-${index}`;
  }

  campaignId(index: number): string {
    return `c-${this.run}-${index}`;
  }

  /** The donation index a campaign id names; undefined for any other campaign. */
  indexOf(campaignId: string): number | undefined {
    const prefix = `c-${this.run}-`;
    if (!campaignId.startsWith(prefix)) return undefined;
    const index = Number(campaignId.slice(prefix.length));
    return Number.isInteger(index) ? index : undefined;
  }

  charityId(index: number): string {
    const charity = Math.floor(index / this.perCharity);
    // A valid 统一社会信用代码 per charity (the check character is computed).
    return makeUscc(`531000005${String(charity).padStart(8, '0')}`);
  }

  /** Registers donations [0, count) in the schema's campaign_registry, in bulk. */
  async register(url: string, schema: string, count: number): Promise<void> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const chunk = 20_000;
      for (let from = 0; from < count; from += chunk) {
        const indexes = Array.from({ length: Math.min(chunk, count - from) }, (_, i) => from + i);
        await client.query(
          `INSERT INTO "${schema}".campaign_registry
             (platform, platform_project_id, campaign_id, charity_id)
           SELECT 'shuidi', p, c, ch FROM unnest($1::text[], $2::text[], $3::text[]) AS t(p, c, ch)`,
          [
            indexes.map((i) => this.projectId(i)),
            indexes.map((i) => this.campaignId(i)),
            indexes.map((i) => this.charityId(i)),
          ],
        );
      }
    } finally {
      await client.end();
    }
  }
}
