import { campaignScope, charityScope, StatsOverviewAnswerSchema } from '@donations/contracts';
import { OpsError } from '../ops-error';
import { KeyFigures, KeyKind } from './figures';
import { statisticsFigures } from './source-figures';

/** How many overview requests are in flight at once. */
const CONCURRENCY = 8;

/** The statistics service's overviews (GET /stats/overview?scope=...), as figures. */
export class StatisticsClient {
  constructor(private readonly baseUrl: string) {}

  /** Whether the service answers at all (any HTTP answer counts); false when nothing listens. */
  async reachable(): Promise<boolean> {
    try {
      const response = await fetch(new URL('/stats/overview', this.baseUrl));
      await response.body?.cancel();
      return true;
    } catch {
      return false;
    }
  }

  /** Each key's overview; a key the statistics have not counted anything for is left out. */
  async figures(
    kind: KeyKind,
    keys: readonly string[],
    advance: () => void,
  ): Promise<Map<string, KeyFigures>> {
    const figures = new Map<string, KeyFigures>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < keys.length) {
        const key = keys[next];
        next += 1;
        const overview = await this.overview(
          kind === 'campaign' ? campaignScope(key) : charityScope(key),
        );
        if (overview !== undefined) figures.set(key, overview);
        advance();
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, keys.length) }, worker));
    return figures;
  }

  private async overview(scope: string): Promise<KeyFigures | undefined> {
    const url = new URL('/stats/overview', this.baseUrl);
    url.searchParams.set('scope', scope);
    let response: Response;
    try {
      response = await fetch(url);
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? String(error);
      throw new OpsError('OPS.STATISTICS_UNREACHABLE', `cannot reach ${url.origin}: ${cause}`);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status === 404) return undefined; // STATS.NO_DATA: nothing counted yet
    const overview = StatsOverviewAnswerSchema.safeParse(body);
    if (!response.ok || !overview.success) {
      throw new OpsError(
        'OPS.UNEXPECTED_ANSWER',
        `GET ${url.pathname}?scope=${scope}: HTTP ${response.status}, not a stats overview`,
      );
    }
    return statisticsFigures(overview.data);
  }
}
