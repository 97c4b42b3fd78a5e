import type { z } from 'zod';
import {
  AggregatorPruneView,
  AggregatorPruneViewSchema,
  ErrorBodySchema,
  RebuildView,
  RebuildViewSchema,
} from '@donations/contracts';

/** A failed rebuild request as the CLI reports it: a stable code and a message. */
export class RebuildError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RebuildError';
  }
}

/** The aggregator's answer to POST /rebuilds and GET /rebuilds/:generation (a contract). */
export type { RebuildView };

/** The aggregator's rebuild endpoints; starting one presents the operator token. */
export class RebuildClient {
  constructor(
    private readonly baseUrl: string,
    private readonly operatorToken: string,
  ) {}

  start(): Promise<RebuildView> {
    return this.call('POST', '/rebuilds');
  }

  get(generation: number): Promise<RebuildView> {
    return this.call('GET', `/rebuilds/${generation}`);
  }

  list(): Promise<RebuildView[]> {
    return this.call('GET', '/rebuilds', RebuildViewSchema.array());
  }

  /** Prunes a retired generation (presents the operator token). */
  prune(generation: number, dryRun: boolean): Promise<AggregatorPruneView> {
    const query = dryRun ? '?dryRun=true' : '';
    return this.call('DELETE', `/rebuilds/${generation}${query}`, AggregatorPruneViewSchema);
  }

  private async call(method: 'GET' | 'POST', path: string): Promise<RebuildView>;
  private async call<T>(method: 'GET' | 'DELETE', path: string, schema: z.ZodType<T>): Promise<T>;
  private async call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    schema: z.ZodType<T> = RebuildViewSchema as unknown as z.ZodType<T>,
  ): Promise<T> {
    const url = new URL(path, this.baseUrl);
    let response: Response;
    try {
      const headers = method === 'GET' ? {} : { authorization: `Bearer ${this.operatorToken}` };
      response = await fetch(url, { method, headers });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? String(error);
      throw new RebuildError('OPS.AGGREGATOR_UNREACHABLE', `cannot reach ${url.origin}: ${cause}`);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = ErrorBodySchema.safeParse(body);
      throw error.success
        ? new RebuildError(error.data.code, error.data.message)
        : new RebuildError('OPS.UNEXPECTED_ANSWER', `${method} ${path}: HTTP ${response.status}`);
    }
    const view = schema.safeParse(body);
    if (!view.success) {
      throw new RebuildError('OPS.UNEXPECTED_ANSWER', `${method} ${path}: not the answer expected`);
    }
    return view.data;
  }
}
