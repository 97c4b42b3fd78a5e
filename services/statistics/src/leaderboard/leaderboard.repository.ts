import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '../connections/connections.tokens';
import type { StatsRedis } from '../stats/stats.commands';
import { ActiveGeneration } from '../generations/active-generation';
import type { LeaderboardQuery } from './dto/leaderboard-query.dto';
import type { ScoredMember } from './leaderboard.views';

/** Reads the top of a leaderboard's sorted set, highest first. */
@Injectable()
export class LeaderboardRepository {
  constructor(
    @Inject(REDIS) private readonly redis: StatsRedis,
    @Inject(ActiveGeneration) private readonly active: ActiveGeneration,
  ) {}

  async top({ kind, currency, top }: LeaderboardQuery): Promise<ScoredMember[]> {
    const statsKeys = await this.active.keys();
    const key = currency === null ? statsKeys.topDonors(kind) : statsKeys.topNet(kind, currency);
    return this.redis.zRangeWithScores(key, 0, top - 1, { REV: true });
  }
}
