import { Controller, Get, Inject, UseFilters } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StatsOverviewV1 } from '@donations/contracts';
import { OverviewErrorFilter } from './overview-error.filter';
import { OverviewService } from './overview.service';

/** Live statistics from Redis, in the shape of stats.overview.v1. */
@ApiTags('statistics')
@UseFilters(OverviewErrorFilter)
@Controller('stats')
export class OverviewController {
  constructor(@Inject(OverviewService) private readonly overview: OverviewService) {}

  @Get('overview')
  @ApiOperation({ summary: 'Totals, unique donors, amount distribution and platform shares' })
  @ApiOkResponse({ description: 'a stats.overview.v1 value for the global scope' })
  @ApiNotFoundResponse({ description: 'Nothing counted yet: `{code: "STATS.NO_DATA", message}`' })
  global(): Promise<StatsOverviewV1> {
    return this.overview.global();
  }
}
