import { Module } from '@nestjs/common';
import { BatchingProducer } from '@donations/kafka';
import type { StatisticsConfig } from '../config/statistics.config';
import { STATISTICS_CONFIG } from '../connections/connections.tokens';
import { RebuildModule } from '../rebuild/rebuild.module';
import { ActiveGeneration } from '../generations/active-generation';
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
        ActiveGeneration,
      ],
      useFactory: (
        changes: StatsChanges,
        repository: PublishRepository,
        producer: BatchingProducer,
        rebuild: RebuildService,
        config: StatisticsConfig,
        active: ActiveGeneration,
      ) =>
        new StatsPublisher(
          changes,
          repository,
          producer,
          liveAndSameGeneration(rebuild, active),
          () => new Date(),
          config.STATISTICS_PUBLISH_INTERVAL_MS,
        ),
    },
  ],
})
export class PublishModule {}

/**
 * Whether the figures are live, and in the generation of the last round: a round that finds
 * another generation switched in is skipped like a rebuilding one, so the next republishes every
 * scope and minute of the new generation (versions keep growing: they are shared).
 */
function liveAndSameGeneration(
  rebuild: RebuildService,
  active: ActiveGeneration,
): () => Promise<boolean> {
  let seen: number | undefined;
  return async () => {
    const live = (await rebuild.state()).status === 'live';
    const generation = await active.current();
    const switched = seen !== undefined && generation !== seen;
    seen = generation;
    return live && !switched;
  };
}
