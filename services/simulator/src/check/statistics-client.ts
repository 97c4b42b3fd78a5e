import { campaignScope, charityScope, StatsOverviewAnswerSchema } from '@donations/contracts';
import { FlatTotals, flatOverview } from './totals-comparison';

/** The statistics' read side: GET /stats/overview?scope=campaign:<id>|charity:<USCC>. */
export class StatisticsClient {
  constructor(private readonly baseUrl: string) {}

  /** A campaign's or charity's totals per currency; empty when the statistics have none (404). */
  async totals(kind: 'campaigns' | 'charities', id: string): Promise<FlatTotals> {
    const url = new URL('/stats/overview', this.baseUrl);
    url.searchParams.set('scope', kind === 'campaigns' ? campaignScope(id) : charityScope(id));
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (response.status === 404) {
      await response.body?.cancel();
      return flatOverview(undefined);
    }
    if (!response.ok) throw new Error(`GET ${url.pathname}: HTTP ${response.status}`);
    const view = StatsOverviewAnswerSchema.safeParse(await response.json());
    if (!view.success) throw new Error(`GET ${url.pathname}: not an overview`);
    return flatOverview(view.data.totals);
  }
}
