import { Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { StatsOverviewAnswerSchema, StatsOverviewView } from '@donations/contracts';
import { ApiErrorAnswer, ApiView } from '@donations/observability';
import { OverviewQuery, OverviewQuerySchema } from './dto/overview-query.dto';
import { OverviewService } from './overview.service';
import { StatsController, StatsQuery } from './stats-controller.decorator';

/** Live statistics from Redis, in the shape of stats.overview.v1. */
@StatsController()
export class OverviewController {
  constructor(@Inject(OverviewService) private readonly overview: OverviewService) {}

  @Get('overview')
  @ApiOperation({ summary: 'Totals, unique donors, amount distribution and platform shares' })
  @ApiQuery({
    name: 'scope',
    required: false,
    description: '`global` (default), `platform:<id>`, `charity:<USCC>` or `campaign:<id>`',
  })
  @ApiView(StatsOverviewAnswerSchema, {
    description: 'a stats.overview.v1 value for the scope, and the state',
  })
  @ApiErrorAnswer(404, 'Nothing counted yet: `{code: "STATS.NO_DATA", message}`')
  scope(@StatsQuery(OverviewQuerySchema) query: OverviewQuery): Promise<StatsOverviewView> {
    return this.overview.overview(query.scope);
  }
}
