import { z } from 'zod';
import {
  StatsGenerationView,
  StatsGenerationViewSchema,
  StatsPruneView,
  StatsPruneViewSchema,
} from '@donations/contracts';
import { RebuildError } from './rebuild-client';

const ErrorBodySchema = z.object({ code: z.string(), message: z.string() });

/** The statistics service's generations endpoints (POST /rebuilds, DELETE need the token). */
export class StatisticsClient {
  constructor(
    private readonly baseUrl: string,
    private readonly operatorToken: string,
  ) {}

  start(): Promise<StatsGenerationView> {
    return this.call('POST', '/rebuilds', StatsGenerationViewSchema);
  }

  get(generation: number): Promise<StatsGenerationView> {
    return this.call('GET', `/rebuilds/${generation}`, StatsGenerationViewSchema);
  }

  list(): Promise<StatsGenerationView[]> {
    return this.call('GET', '/rebuilds', StatsGenerationViewSchema.array());
  }

  prune(generation: number, dryRun: boolean): Promise<StatsPruneView> {
    const query = dryRun ? '?dryRun=true' : '';
    return this.call('DELETE', `/rebuilds/${generation}${query}`, StatsPruneViewSchema);
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    schema: z.ZodType<T>,
  ): Promise<T> {
    const url = new URL(path, this.baseUrl);
    let response: Response;
    try {
      const headers = method === 'GET' ? {} : { authorization: `Bearer ${this.operatorToken}` };
      response = await fetch(url, { method, headers });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? String(error);
      throw new RebuildError('OPS.STATISTICS_UNREACHABLE', `cannot reach ${url.origin}: ${cause}`);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = ErrorBodySchema.safeParse(body);
      throw error.success
        ? new RebuildError(error.data.code, error.data.message)
        : new RebuildError('OPS.UNEXPECTED_ANSWER', `${method} ${path}: HTTP ${response.status}`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new RebuildError('OPS.UNEXPECTED_ANSWER', `${method} ${path}: not a generation view`);
    }
    return parsed.data;
  }
}
