import { Inject, Injectable } from '@nestjs/common';
import type { StatsOverviewV1 } from '@donations/contracts';
import { OverviewError } from './overview.errors';
import { OverviewRepository } from './overview.repository';
import { liveStamp, overviewOf } from './overview.views';

@Injectable()
export class OverviewService {
  constructor(@Inject(OverviewRepository) private readonly repository: OverviewRepository) {}

  /** The live overview of a scope, versioned by the batch counter (not the topic's version). */
  async overview(scope: string): Promise<StatsOverviewV1> {
    const { meta, hashes } = await this.repository.scopeState(scope);
    const stamp = liveStamp(meta);
    const overview = stamp && overviewOf(scope, hashes, stamp);
    if (!overview) throw new OverviewError('STATS.NO_DATA', `nothing counted yet in ${scope}`);
    return overview;
  }
}
