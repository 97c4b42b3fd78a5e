import type { z } from 'zod';
import {
  AggregatorPruneView,
  AggregatorPruneViewSchema,
  RebuildView,
  RebuildViewSchema,
} from '@donations/contracts';
import { operatorCall, OperatorMethod } from './operator-call';
import { RebuildError } from './rebuild-error';

export { RebuildError };

/** The aggregator's answer to POST /rebuilds and GET /rebuilds/:generation (a contract). */
export type { RebuildView };

/** The aggregator's rebuild endpoints; starting one presents the operator token. */
export class RebuildClient {
  private readonly target: { baseUrl: string; operatorToken: string };

  constructor(baseUrl: string, operatorToken: string) {
    this.target = { baseUrl, operatorToken };
  }

  start(): Promise<RebuildView> {
    return this.call('POST', '/rebuilds', RebuildViewSchema);
  }

  get(generation: number): Promise<RebuildView> {
    return this.call('GET', `/rebuilds/${generation}`, RebuildViewSchema);
  }

  list(): Promise<RebuildView[]> {
    return this.call('GET', '/rebuilds', RebuildViewSchema.array());
  }

  /** Prunes a retired generation (presents the operator token). */
  prune(generation: number, dryRun: boolean): Promise<AggregatorPruneView> {
    const query = dryRun ? '?dryRun=true' : '';
    return this.call('DELETE', `/rebuilds/${generation}${query}`, AggregatorPruneViewSchema);
  }

  private call<T>(method: OperatorMethod, path: string, schema: z.ZodType<T>): Promise<T> {
    const target = { ...this.target, unreachable: 'OPS.AGGREGATOR_UNREACHABLE' };
    return operatorCall(target, method, path, schema);
  }
}
