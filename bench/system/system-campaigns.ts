import { RegistryClient } from '@donations/adapter-kit';
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

  /**
   * Registers donations [0, count) through the adapter's operator API, as an operator's
   * `ops registry` does (audited): the charities first, then one campaign per donation, `workers`
   * requests at a time.
   */
  async register(adapterUrl: string, operatorToken: string, count: number, workers = 32) {
    const registry = new RegistryClient(adapterUrl, operatorToken, 'system-bench');
    const charities = Math.ceil(count / this.perCharity);
    await inParallel(charities, workers, (charity) =>
      registry.addCharity({
        uscc: this.charityId(charity * this.perCharity),
        name: `压测基金会${charity}`,
        region: '北京市',
      }),
    );
    await inParallel(count, workers, (index) =>
      registry.addCampaign({
        platform: 'shuidi',
        platformProjectId: this.projectId(index),
        campaignId: this.campaignId(index),
        charityId: this.charityId(index),
      }),
    );
  }
}

/** run(0) .. run(count - 1), at most `workers` at once. */
async function inParallel(
  count: number,
  workers: number,
  run: (index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      await run(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, count) }, worker));
}
