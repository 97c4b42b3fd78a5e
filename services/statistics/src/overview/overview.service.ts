import { Inject, Injectable } from '@nestjs/common';
import type { StatsOverviewV1 } from '@donations/contracts';
import { OverviewError } from './overview.errors';
import { OverviewRepository } from './overview.repository';
import { overviewOf } from './overview.views';

@Injectable()
export class OverviewService {
  constructor(@Inject(OverviewRepository) private readonly repository: OverviewRepository) {}

  async global(): Promise<StatsOverviewV1> {
    const overview = overviewOf(await this.repository.globalHashes());
    if (!overview) throw new OverviewError('STATS.NO_DATA', 'no donation has been counted yet');
    return overview;
  }
}
