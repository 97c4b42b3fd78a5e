import { Inject, Injectable } from '@nestjs/common';
import type { LeaderboardQuery } from './dto/leaderboard-query.dto';
import { LeaderboardRepository } from './leaderboard.repository';
import { entriesOf, LeaderboardView } from './leaderboard.views';

@Injectable()
export class LeaderboardService {
  constructor(@Inject(LeaderboardRepository) private readonly repository: LeaderboardRepository) {}

  /** The top campaigns or charities; an empty list before anything was counted. */
  async leaderboard(query: LeaderboardQuery): Promise<LeaderboardView> {
    const { kind, by, currency } = query;
    return { kind, by, currency, entries: entriesOf(await this.repository.top(query)) };
  }
}
