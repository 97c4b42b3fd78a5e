import { Inject, Injectable } from '@nestjs/common';
import { GLOBAL_SCOPE, PLATFORMS, platformScope } from '@donations/contracts';
import { REDIS } from '../connections/connections.tokens';
import type { StatsRedis } from '../stats/stats.commands';
import { statsKeys } from '../stats/stats.keys';
import type { OverviewHashes } from './overview.views';

/** Reads the global overview's hashes in one pipeline (one round trip). */
@Injectable()
export class OverviewRepository {
  constructor(@Inject(REDIS) private readonly redis: StatsRedis) {}

  async globalHashes(): Promise<OverviewHashes> {
    const pipeline = this.redis
      .pipeline()
      .hgetall(statsKeys.meta())
      .hgetall(statsKeys.totals(GLOBAL_SCOPE))
      .hgetall(statsKeys.amounts(GLOBAL_SCOPE))
      .hgetall(statsKeys.ageBands(GLOBAL_SCOPE))
      .pfcount(statsKeys.donors(GLOBAL_SCOPE));
    for (const platform of PLATFORMS) pipeline.hgetall(statsKeys.totals(platformScope(platform)));
    const results = (await pipeline.exec()) ?? [];
    const values = results.map(([error, value]) => {
      if (error) throw error;
      return value;
    });
    const [meta, totals, amounts, ageBands, uniqueDonors, ...platforms] = values as [
      Record<string, string>,
      Record<string, string>,
      Record<string, string>,
      Record<string, string>,
      number,
      ...Record<string, string>[],
    ];
    return {
      meta,
      totals,
      amounts,
      ageBands,
      uniqueDonors,
      platformTotals: Object.fromEntries(PLATFORMS.map((platform, i) => [platform, platforms[i]])),
    };
  }
}
