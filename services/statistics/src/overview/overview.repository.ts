import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '../connections/connections.tokens';
import { statsMulti, StatsRedis } from '../stats/stats.commands';
import { ActiveGeneration } from '../generations/active-generation';
import { queueOverviewReads } from './overview.reads';
import type { OverviewHashes } from './overview.views';

export interface ScopeState {
  meta: Record<string, string>;
  hashes: OverviewHashes;
}

/** Reads one scope's overview state and the statistics' meta in one pipeline (one round trip). */
@Injectable()
export class OverviewRepository {
  constructor(
    @Inject(REDIS) private readonly redis: StatsRedis,
    @Inject(ActiveGeneration) private readonly active: ActiveGeneration,
  ) {}

  async scopeState(scope: string): Promise<ScopeState> {
    const keys = await this.active.keys();
    const pipeline = statsMulti(this.redis).hGetAll(keys.meta());
    const reads = queueOverviewReads(pipeline, scope, keys);
    const [meta, ...replies] = await pipeline.execAsPipeline();
    return { meta: meta as Record<string, string>, hashes: reads.decode(replies) };
  }
}
