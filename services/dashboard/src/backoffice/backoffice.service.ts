import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type {
  BackofficeAccess,
  BackofficeCharityView,
  CharitySearchView,
  CharityTotalsView,
} from '@donations/contracts';
import { DASHBOARD_CONFIG, DashboardConfig } from '../config/dashboard.config';
import { UpstreamClient } from '../upstream/aggregator.client';
import { UpstreamError } from '../upstream/upstream.error';
import { BackofficeRegistryReader } from './backoffice-registry.reader';
import { BackofficeError } from './backoffice.errors';
import { charityView, TotalsStatus } from './charity-view';
import { mergeCampaignRows } from './registry-campaigns';

/** The back office's clock (the calendar's "today"): a provider, so tests can set the day. */
export const BACKOFFICE_CLOCK = Symbol('BACKOFFICE_CLOCK');

/**
 * The charities' back office: the registry (read-only) and the aggregator's running totals,
 * composed by charityView. The totals are optional to the page: when the aggregator cannot be
 * read, the registry and the calendar are still shown, with the reason.
 */
@Injectable()
export class BackofficeService implements OnModuleDestroy {
  private readonly logger = new Logger(BackofficeService.name);
  private readonly reader?: BackofficeRegistryReader;
  readonly access: BackofficeAccess;

  constructor(
    @Inject(DASHBOARD_CONFIG) config: DashboardConfig,
    @Inject(UpstreamClient) private readonly upstream: UpstreamClient,
    @Inject(BACKOFFICE_CLOCK) private readonly clock: () => Date,
  ) {
    if (config.DATABASE_URL !== undefined) {
      this.reader = new BackofficeRegistryReader(config.DATABASE_URL, config.DATABASE_SCHEMA);
    }
    this.access = config.DASHBOARD_BACKOFFICE_TOKEN === undefined ? 'local-only' : 'token';
  }

  async search(query: string): Promise<CharitySearchView> {
    const found = await this.registry().search(query);
    return { access: this.access, query, ...found };
  }

  async charity(uscc: string): Promise<BackofficeCharityView> {
    const registry = this.registry();
    const [charity, rows, totals] = await Promise.all([
      registry.charity(uscc),
      registry.campaignRows(uscc),
      this.totals(uscc),
    ]);
    if (charity === undefined && rows.length === 0 && totals.view === undefined) {
      throw new BackofficeError(
        'DASHBOARD.CHARITY_NOT_FOUND',
        `no charity ${uscc} registered or counted`,
      );
    }
    const campaigns = mergeCampaignRows(rows);
    const ids = new Set([
      ...campaigns.map((c) => c.campaignId),
      ...(totals.view?.campaigns.map((c) => c.campaignId) ?? []),
    ]);
    const parts = {
      access: this.access,
      charity: charity ?? { uscc, name: null, region: null },
      campaigns,
      totals: totals.view,
      totalsStatus: totals.status,
      records: await registry.disclosures([...ids]),
    };
    return charityView(parts, this.clock());
  }

  async onModuleDestroy(): Promise<void> {
    await this.reader?.close();
  }

  private registry(): BackofficeRegistryReader {
    if (this.reader === undefined) {
      throw new BackofficeError(
        'DASHBOARD.REGISTRY_UNSET',
        'DATABASE_URL is not set: no registry to read',
      );
    }
    return this.reader;
  }

  private async totals(
    uscc: string,
  ): Promise<{ view: CharityTotalsView | undefined; status: TotalsStatus }> {
    try {
      return { view: await this.upstream.charityTotals(uscc), status: 'ok' };
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      this.logger.warn({ err: error, failure: error.failure }, 'charity totals not read');
      return { view: undefined, status: error.failure };
    }
  }
}
