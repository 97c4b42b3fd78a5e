import { z } from 'zod';
import { FlatTotals, flatHttp } from './totals-comparison';

const Counter = z.string().regex(/^-?\d+$/);
const PlatformCounters = z.object({
  raisedMinor: Counter,
  refundedMinor: Counter,
  donationCount: Counter,
  refundCount: Counter,
});
const TotalsViewSchema = z.object({
  totals: z.record(
    z.string(),
    PlatformCounters.extend({
      netMinor: Counter,
      byPlatform: z.record(z.string(), PlatformCounters),
    }),
  ),
});

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
    const view = TotalsViewSchema.safeParse(await response.json());
    if (!view.success) throw new Error(`GET ${url.pathname}: not a totals view`);
    return flatHttp(view.data.totals);
  }
}
