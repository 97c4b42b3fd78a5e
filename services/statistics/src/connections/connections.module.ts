import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { KafkaConnectionsModule } from '@donations/kafka';
import type { StatisticsConfig } from '../config/statistics.config';
import { defineStatsCommands } from '../stats/stats.commands';
import { REDIS, STATISTICS_CONFIG } from './connections.tokens';

export const SERVICE = 'statistics';

class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

/** Kafka (client, admin, dead-letter producer) and Redis (keys under REDIS_KEY_PREFIX). */
@Module({})
export class ConnectionsModule {
  static forRoot(config: StatisticsConfig): DynamicModule {
    return {
      module: ConnectionsModule,
      global: true,
      imports: [KafkaConnectionsModule.forService(SERVICE, config)],
      providers: [
        { provide: STATISTICS_CONFIG, useValue: config },
        {
          provide: REDIS,
          useFactory: () =>
            defineStatsCommands(
              new Redis(config.REDIS_URL, {
                keyPrefix: config.REDIS_KEY_PREFIX,
                connectionName: SERVICE,
              }),
            ),
        },
        RedisLifecycle,
      ],
      exports: [STATISTICS_CONFIG, REDIS],
    };
  }
}
