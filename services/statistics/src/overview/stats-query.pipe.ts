import type { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { OverviewError } from './overview.errors';

/** Validates a query string with a zod schema; a bad one is `STATS.INVALID_QUERY` (400). */
export class StatsQueryPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: z.ZodType<T>) {}

  transform(query: unknown): T {
    const parsed = this.schema.safeParse(query);
    if (parsed.success) return parsed.data;
    throw new OverviewError('STATS.INVALID_QUERY', z.prettifyError(parsed.error));
  }
}
