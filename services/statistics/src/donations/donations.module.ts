import { Module } from '@nestjs/common';
import type { StatisticsConfig } from '../config/statistics.config';
import { REDIS, STATISTICS_CONFIG } from '../connections/connections.tokens';
import { RebuildModule } from '../rebuild/rebuild.module';
import { ActiveGeneration } from '../generations/active-generation';
import { liveTarget } from '../stats/batch-target';
import { RedisOffsetStore } from '../stats/redis-offset.store';
import type { StatsRedis } from '../stats/stats.commands';
import { StatsRepository } from '../stats/stats.repository';
import { DonationsConsumer } from './donations.consumer';
import { DonationsService } from './donations.service';

/** Consumes donations.counted.v1 into the Redis statistics. */
@Module({
  imports: [RebuildModule],
  controllers: [DonationsConsumer],
  providers: [
    DonationsService,
    RedisOffsetStore,
    {
      provide: StatsRepository,
      inject: [REDIS, STATISTICS_CONFIG, ActiveGeneration],
      useFactory: (redis: StatsRedis, config: StatisticsConfig, active: ActiveGeneration) =>
        new StatsRepository(redis, config, () => new Date(), liveTarget(active)),
    },
  ],
  exports: [RedisOffsetStore],
})
export class DonationsModule {}
