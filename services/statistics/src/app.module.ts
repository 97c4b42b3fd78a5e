import { DynamicModule, Module } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { kafkaReadiness, ObservabilityModule, redisReadiness } from '@donations/observability';
import type { StatisticsConfig } from './config/statistics.config';
import { ConnectionsModule, SERVICE } from './connections/connections.module';
import { KAFKA_ADMIN, REDIS } from './connections/connections.tokens';
import type { StatsRedis } from './stats/stats.commands';
import { DonationsModule } from './donations/donations.module';
import { OverviewModule } from './overview/overview.module';
import { LeaderboardModule } from './leaderboard/leaderboard.module';
import { PublishModule } from './publish/publish.module';
import { TimeseriesModule } from './timeseries/timeseries.module';
import { RebuildModule } from './rebuild/rebuild.module';
import { RebuildService } from './rebuild/rebuild.service';
import { GenerationsModule } from './generations/generations.module';

@Module({})
export class AppModule {
  static register(config: StatisticsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConnectionsModule.forRoot(config),
        ObservabilityModule.forRoot({
          service: SERVICE,
          logLevel: config.LOG_LEVEL,
          // Ready while rebuilding too (dashboards keep reading); the details say how far.
          imports: [RebuildModule],
          readiness: {
            inject: [KAFKA_ADMIN, REDIS, RebuildService],
            useFactory: (admin: Admin, redis: StatsRedis, rebuild: RebuildService) => [
              kafkaReadiness(admin),
              redisReadiness(redis),
              rebuild.readiness(),
            ],
          },
        }),
        DonationsModule,
        OverviewModule,
        TimeseriesModule,
        LeaderboardModule,
        PublishModule,
        RebuildModule,
        GenerationsModule,
      ],
    };
  }
}
