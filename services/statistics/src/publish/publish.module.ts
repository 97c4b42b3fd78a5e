import { Module } from '@nestjs/common';
import { BatchingProducer } from '@donations/kafka';
import type { StatisticsConfig } from '../config/statistics.config';
import { STATISTICS_CONFIG } from '../connections/connections.tokens';
import { RebuildModule } from '../rebuild/rebuild.module';
import { RebuildService } from '../rebuild/rebuild.service';
import { PublishRepository } from './publish.repository';
import { StatsChanges } from './stats-changes';
import { StatsChangesModule } from './stats-changes.module';
import { StatsPublisher } from './stats.publisher';

/**
 * Publishes stats.overview.v1 and stats.timeseries.v1. Not global: its shutdown hook runs
 * before the Kafka and Redis connections (global modules) close.
 */
@Module({
  imports: [StatsChangesModule, RebuildModule],
  providers: [
    PublishRepository,
    {
      provide: StatsPublisher,
      inject: [
        StatsChanges,
        PublishRepository,
        BatchingProducer,
        RebuildService,
        STATISTICS_CONFIG,
      ],
      useFactory: (
        changes: StatsChanges,
        repository: PublishRepository,
        producer: BatchingProducer,
        rebuild: RebuildService,
        config: StatisticsConfig,
      ) =>
        new StatsPublisher(
          changes,
          repository,
          producer,
          async () => (await rebuild.state()).status === 'live',
          () => new Date(),
          config.STATISTICS_PUBLISH_INTERVAL_MS,
        ),
    },
  ],
})
export class PublishModule {}
