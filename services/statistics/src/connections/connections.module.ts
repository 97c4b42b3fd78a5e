import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Admin, Kafka } from 'kafkajs';
import {
  BatchingProducer,
  createKafkaClient,
  DeadLetterPublisher,
  TypedProducer,
} from '@donations/kafka';
import { createLogger } from '@donations/observability';
import type { StatisticsConfig } from '../config/statistics.config';
import { defineStatsCommands } from '../stats/stats.commands';
import { KAFKA_ADMIN, KAFKA_CLIENT, REDIS, STATISTICS_CONFIG } from './connections.tokens';

export const SERVICE = 'statistics';

class ConnectionsLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(TypedProducer) private readonly producer: TypedProducer,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([
      this.producer.disconnect(),
      this.admin.disconnect(),
      this.redis.quit(),
    ]);
  }
}

/** Kafka (client, admin, dead-letter producer) and Redis (keys under REDIS_KEY_PREFIX). */
@Module({})
export class ConnectionsModule {
  static forRoot(config: StatisticsConfig): DynamicModule {
    return {
      module: ConnectionsModule,
      global: true,
      providers: [
        { provide: STATISTICS_CONFIG, useValue: config },
        {
          provide: KAFKA_CLIENT,
          useFactory: (): Kafka =>
            createKafkaClient({
              brokers: config.KAFKA_BROKERS,
              clientId: config.KAFKA_CLIENT_ID ?? SERVICE,
              logger: createLogger({ service: SERVICE, level: config.LOG_LEVEL }),
            }),
        },
        {
          provide: KAFKA_ADMIN,
          inject: [KAFKA_CLIENT],
          useFactory: (kafka: Kafka) => kafka.admin(),
        },
        {
          provide: TypedProducer,
          inject: [KAFKA_CLIENT],
          useFactory: (kafka: Kafka) => TypedProducer.create(kafka, config.TOPIC_PREFIX),
        },
        {
          provide: DeadLetterPublisher,
          inject: [TypedProducer],
          useFactory: (producer: TypedProducer) =>
            new DeadLetterPublisher(
              new BatchingProducer(producer, { ackTimeoutMs: config.KAFKA_ACK_TIMEOUT_MS }),
              SERVICE,
            ),
        },
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
        ConnectionsLifecycle,
      ],
      exports: [STATISTICS_CONFIG, KAFKA_CLIENT, KAFKA_ADMIN, DeadLetterPublisher, REDIS],
    };
  }
}
