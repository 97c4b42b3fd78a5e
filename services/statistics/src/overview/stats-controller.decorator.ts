import { applyDecorators, Controller, Query, UseFilters } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorAnswer } from '@donations/observability';
import type { z } from 'zod';
import { OverviewErrorFilter } from './overview-error.filter';
import { StatsQueryPipe } from './stats-query.pipe';

/**
 * A controller under /stats: read errors mapped by OverviewErrorFilter, a bad query string a 400
 * `STATS.INVALID_QUERY`.
 */
export function StatsController(): ClassDecorator {
  return applyDecorators(
    ApiTags('statistics'),
    ApiErrorAnswer(400, 'Bad parameter: `{code: "STATS.INVALID_QUERY", message}`'),
    UseFilters(OverviewErrorFilter),
    Controller('stats'),
  );
}

/** The query string, validated by the schema. */
export const StatsQuery = <T>(schema: z.ZodType<T>): ParameterDecorator =>
  Query(new StatsQueryPipe(schema));
