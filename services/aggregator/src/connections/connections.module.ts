import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createDataSource } from '@donations/database';
import {
  BatchingProducer,
  createKafkaClient,
  DeadLetterPublisher,
  TypedProducer,
} from '@donations/kafka';
import { createLogger } from '@donations/observability';
import type { AggregatorConfig } from '../config/aggregator.config';
import { AGGREGATOR_ENTITIES } from '../totals/entities/aggregator.entities';
import { AGGREGATOR_CONFIG, KAFKA_ADMIN, KAFKA_CLIENT } from './connections.tokens';

export const SERVICE = 'aggregator';

class ConnectionsLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(TypedProducer) private readonly producer: TypedProducer,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([
      this.producer.disconnect(),
      this.admin.disconnect(),
      this.dataSource.isInitialized ? this.dataSource.destroy() : Promise.resolve(),
    ]);
  }
}

/** Kafka (client, admin, dead-letter producer) and PostgreSQL for the aggregator. */
@Module({})
export class ConnectionsModule {
  static forRoot(config: AggregatorConfig): DynamicModule {
    return {
      module: ConnectionsModule,
      global: true,
      providers: [
        { provide: AGGREGATOR_CONFIG, useValue: config },
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
          provide: DataSource,
          useFactory: () =>
            createDataSource({
              url: config.DATABASE_URL,
              schema: config.DATABASE_SCHEMA,
              applicationName: SERVICE,
              entities: AGGREGATOR_ENTITIES,
            }).initialize(),
        },
        ConnectionsLifecycle,
      ],
      exports: [AGGREGATOR_CONFIG, KAFKA_CLIENT, KAFKA_ADMIN, DeadLetterPublisher, DataSource],
    };
  }
}
