import { Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { LeaderboardAnswerSchema } from '@donations/contracts';
import { ApiView } from '@donations/observability';
import { StatsController, StatsQuery } from '../overview/stats-controller.decorator';
import { LeaderboardQuery, LeaderboardQuerySchema } from './dto/leaderboard-query.dto';
import { LeaderboardService } from './leaderboard.service';
import type { LeaderboardView } from './leaderboard.views';

/** Campaigns and charities ranked by net amount (per currency) or by unique donors. */
@StatsController()
export class LeaderboardController {
  constructor(@Inject(LeaderboardService) private readonly leaderboards: LeaderboardService) {}

  @Get('leaderboard')
  @ApiOperation({ summary: 'The top campaigns or charities by net amount or unique donors' })
  @ApiQuery({ name: 'kind', enum: ['campaign', 'charity'] })
  @ApiQuery({ name: 'by', enum: ['net', 'donors'] })
  @ApiQuery({ name: 'currency', required: false, description: 'by=net only; CNY by default' })
  @ApiQuery({ name: 'top', required: false, description: '1..100, default 10' })
  @ApiView(LeaderboardAnswerSchema, {
    description: 'highest first; net in minor units, donors as an estimate',
  })
  leaderboard(
    @StatsQuery(LeaderboardQuerySchema) query: LeaderboardQuery,
  ): Promise<LeaderboardView> {
    return this.leaderboards.leaderboard(query);
  }
}
