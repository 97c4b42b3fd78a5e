import { Inject, Injectable } from '@nestjs/common';
import {
  CharityTotalsViewSchema,
  LedgerReportView,
  LedgerReportViewSchema,
  StatsOverviewAnswerSchema,
  VerificationView,
  VerificationViewSchema,
} from '@donations/contracts';
import type { z } from 'zod';
import { DASHBOARD_CONFIG, DashboardConfig } from '../config/dashboard.config';
import { getJson } from './upstream.client';

export type CharityTotalsView = z.output<typeof CharityTotalsViewSchema>;
export type StatsOverviewAnswer = z.output<typeof StatsOverviewAnswerSchema>;

/** The aggregator's and the statistics' read APIs, as the back office and the public check use them. */
@Injectable()
export class UpstreamClient {
  constructor(@Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig) {}

  /** The ledger rows of a platform transaction; undefined when the ledger has none. */
  verify(platform: string, txn: string): Promise<VerificationView | undefined> {
    const query = new URLSearchParams({ platform, txn }).toString();
    return this.aggregator(`/donations/verify?${query}`, VerificationViewSchema);
  }

  /** A campaign's or a charity's report from the ledger; undefined when the ledger has no row. */
  report(
    scope: 'campaign' | 'charity',
    id: string,
    period: string,
  ): Promise<LedgerReportView | undefined> {
    const path = `/reports/${scope === 'campaign' ? 'campaigns' : 'charities'}`;
    const query = new URLSearchParams({ period }).toString();
    return this.aggregator(`${path}/${encodeURIComponent(id)}?${query}`, LedgerReportViewSchema);
  }

  /** A charity's running totals with each of its campaigns; undefined when none counted yet. */
  charityTotals(charityId: string): Promise<CharityTotalsView | undefined> {
    return this.aggregator(`/charities/${encodeURIComponent(charityId)}`, CharityTotalsViewSchema);
  }

  /** The statistics of a scope (`campaign:<id>`, `charity:<uscc>`): unique donors among them. */
  statsOverview(scope: string): Promise<StatsOverviewAnswer | undefined> {
    const query = new URLSearchParams({ scope }).toString();
    return getJson(
      this.config.STATISTICS_URL,
      `/stats/overview?${query}`,
      StatsOverviewAnswerSchema,
      this.config.DASHBOARD_UPSTREAM_TIMEOUT_MS,
    );
  }

  private aggregator<S extends z.ZodType>(
    path: string,
    schema: S,
  ): Promise<z.output<S> | undefined> {
    return getJson(
      this.config.AGGREGATOR_URL,
      path,
      schema,
      this.config.DASHBOARD_UPSTREAM_TIMEOUT_MS,
    );
  }
}
