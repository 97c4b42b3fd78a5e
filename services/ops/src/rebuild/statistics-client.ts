import type { z } from 'zod';
import {
  StatsGenerationView,
  StatsGenerationViewSchema,
  StatsPruneView,
  StatsPruneViewSchema,
} from '@donations/contracts';
import { operatorCall, OperatorMethod } from './operator-call';

/** The statistics service's generations endpoints (POST /rebuilds, DELETE need the token). */
export class StatisticsClient {
  private readonly target: { baseUrl: string; operatorToken: string };

  constructor(baseUrl: string, operatorToken: string) {
    this.target = { baseUrl, operatorToken };
  }

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

  private call<T>(method: OperatorMethod, path: string, schema: z.ZodType<T>): Promise<T> {
    const target = { ...this.target, unreachable: 'OPS.STATISTICS_UNREACHABLE' };
    return operatorCall(target, method, path, schema);
  }
}
