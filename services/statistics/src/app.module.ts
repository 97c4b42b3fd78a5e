import { DynamicModule, Module } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import type { Redis } from 'ioredis';
import { kafkaReadiness, ObservabilityModule, redisReadiness } from '@donations/observability';
import type { StatisticsConfig } from './config/statistics.config';
import { ConnectionsModule, SERVICE } from './connections/connections.module';
import { KAFKA_ADMIN, REDIS } from './connections/connections.tokens';
import { DonationsModule } from './donations/donations.module';
import { OverviewModule } from './overview/overview.module';

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
          readiness: {
            inject: [KAFKA_ADMIN, REDIS],
            useFactory: (admin: Admin, redis: Redis) => [
              kafkaReadiness(admin),
              redisReadiness(redis),
            ],
          },
        }),
        DonationsModule,
        OverviewModule,
      ],
    };
  }
}
