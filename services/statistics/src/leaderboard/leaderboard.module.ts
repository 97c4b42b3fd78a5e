import { Module } from '@nestjs/common';
import { LeaderboardController } from './leaderboard.controller';
import { LeaderboardRepository } from './leaderboard.repository';
import { LeaderboardService } from './leaderboard.service';

/** HTTP reads of the campaign and charity leaderboards. */
@Module({
  controllers: [LeaderboardController],
  providers: [LeaderboardRepository, LeaderboardService],
})
export class LeaderboardModule {}
