import { DynamicModule, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { redisConnectionOf } from '@donations/config';
import { KafkaConnectionsModule } from '@donations/kafka';
import type { StatisticsConfig } from '../config/statistics.config';
import { ActiveGeneration } from '../generations/active-generation';
import { createStatsRedis, StatsRedis } from '../stats/stats.commands';
import { REDIS, STATISTICS_CONFIG } from './connections.tokens';

export const SERVICE = 'statistics';

/** How long a Redis command waits for a connection before it fails (see createStatsRedis). */
export const REDIS_OFFLINE_TIMEOUT_MS = 5_000;

class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: StatsRedis) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.isOpen) await this.redis.close().catch(() => this.redis.destroy());
  }
}

/**
 * The client, connecting in the background: the service starts (and answers /health/ready with
 * 503) while Redis is down. Connection errors are logged, never thrown:
 * node-redis emits 'error' on each failed attempt and keeps reconnecting.
 */
function connectedRedis(config: StatisticsConfig): StatsRedis {
  const logger = new Logger('Redis');
  const redis = createStatsRedis({
    connection: redisConnectionOf(config),
    keyPrefix: config.REDIS_KEY_PREFIX,
    name: SERVICE,
    offlineTimeoutMs: REDIS_OFFLINE_TIMEOUT_MS,
  });
  let down = false;
  redis.on('error', (err: Error) => {
    if (!down) logger.warn({ msg: 'Redis connection lost; reconnecting', err });
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.log({ msg: 'Redis connection back' });
    down = false;
  });
  redis.connect().catch((err: unknown) => logger.error({ msg: 'Redis client closed', err }));
  return redis;
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
        { provide: REDIS, useFactory: () => connectedRedis(config) },
        RedisLifecycle,
        ActiveGeneration,
      ],
      exports: [STATISTICS_CONFIG, REDIS, ActiveGeneration],
    };
  }
}
