import { Inject, Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { DonationCheckView, isPlatform } from '@donations/contracts';
import { MetricsService } from '@donations/observability';
import { DashboardService } from '../live/dashboard.service';
import { UpstreamClient } from '../upstream/aggregator.client';
import { CheckQuery, checkViewOf, unknownView } from './check-view';
import { couldBeTransaction } from './txn-format';

/** "Was my donation counted?": the aggregator's ledger rows of one transaction, for the public. */
@Injectable()
export class CheckService {
  private readonly answers: Counter<'status'>;

  constructor(
    @Inject(UpstreamClient) private readonly upstream: UpstreamClient,
    @Inject(DashboardService) private readonly dashboard: DashboardService,
    @Inject(MetricsService) metrics: MetricsService,
  ) {
    this.answers = metrics.counter(
      'dashboard_check_answers_total',
      'Public donation checks answered, by status (counted, refunded, not_seen, unknown)',
      ['status'],
    );
  }

  /** A number that cannot be the platform's is `unknown` without asking the ledger. */
  async check(query: CheckQuery): Promise<DonationCheckView> {
    const { platform, txn } = query;
    const view =
      isPlatform(platform) && couldBeTransaction(platform, txn)
        ? checkViewOf(query, await this.upstream.verify(platform, txn), this.dashboard.names())
        : unknownView(query);
    this.answers.inc({ status: view.status });
    return view;
  }
}
