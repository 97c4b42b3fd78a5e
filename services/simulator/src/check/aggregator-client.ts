import { CampaignTotalsViewSchema, CharityTotalsViewSchema } from '@donations/contracts';
import { FlatTotals, flatHttp } from './totals-comparison';

/** The aggregator's answers, as the contracts define them. */
const VIEWS = { campaigns: CampaignTotalsViewSchema, charities: CharityTotalsViewSchema } as const;

/** The aggregator's read side: GET /campaigns/:id and GET /charities/:id. */
export class AggregatorClient {
  constructor(private readonly baseUrl: string) {}

  /** A campaign's or charity's totals as flat counters; empty when the aggregator has none (404). */
  async totals(kind: 'campaigns' | 'charities', id: string): Promise<FlatTotals> {
    const url = new URL(`/${kind}/${encodeURIComponent(id)}`, this.baseUrl);
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (response.status === 404) {
      await response.body?.cancel();
      return flatHttp(undefined);
    }
    if (!response.ok) throw new Error(`GET ${url.pathname}: HTTP ${response.status}`);
    const view = VIEWS[kind].safeParse(await response.json());
    if (!view.success) throw new Error(`GET ${url.pathname}: not a totals view`);
    return flatHttp(view.data.totals);
  }
}
