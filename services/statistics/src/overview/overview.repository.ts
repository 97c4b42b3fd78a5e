import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '../connections/connections.tokens';
import { statsMulti, StatsRedis } from '../stats/stats.commands';
import { statsKeys } from '../stats/stats.keys';
import { queueOverviewReads } from './overview.reads';
import type { OverviewHashes } from './overview.views';

export interface ScopeState {
  meta: Record<string, string>;
  hashes: OverviewHashes;
}

/** Reads one scope's overview state and the statistics' meta in one pipeline (one round trip). */
@Injectable()
export class OverviewRepository {
  constructor(@Inject(REDIS) private readonly redis: StatsRedis) {}

  async scopeState(scope: string): Promise<ScopeState> {
    const pipeline = statsMulti(this.redis).hGetAll(statsKeys.meta());
    const reads = queueOverviewReads(pipeline, scope);
    const [meta, ...replies] = await pipeline.execAsPipeline();
    return { meta: meta as Record<string, string>, hashes: reads.decode(replies) };
  }
}
