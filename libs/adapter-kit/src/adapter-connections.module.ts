import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { Platform } from '@donations/contracts';
import { createDataSource } from '@donations/database';
import {
  BatchingProducer,
  createKafkaClient,
  DeadLetterPublisher,
  TypedProducer,
} from '@donations/kafka';
import { createLogger } from '@donations/observability';
import type { AdapterEnv } from './adapter.config';
import { ADAPTER_OPTIONS, KAFKA_ADMIN, KAFKA_CLIENT, SERVICE_LOGGER } from './adapter-kit.tokens';
import { TransactionLock } from './pipeline/transaction-lock';
import { CampaignRegistryEntry } from './registry/campaign-registry.entity';
import { CampaignRegistryRepository } from './registry/campaign-registry.repository';
import { WebhookReceipt } from './receipts/webhook-receipt.entity';
import { WebhookReceiptsRepository } from './receipts/webhook-receipts.repository';

export interface AdapterOptions {
  service: string;
  platform: Platform;
  config: AdapterEnv;
}

/** Producer retries while the broker is away: ~5 s, then 503 and the platform's retry. */
const PRODUCER_RETRIES = 4;

class ConnectionsLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(TypedProducer) private readonly producer: TypedProducer,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TransactionLock) private readonly lock: TransactionLock,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([
      this.producer.disconnect(),
      this.admin.disconnect(),
      this.lock.close(),
      this.dataSource.isInitialized ? this.dataSource.destroy() : Promise.resolve(),
    ]);
  }
}

/** Kafka, PostgreSQL and the repositories an adapter needs, shared by its modules. */
@Module({})
export class AdapterConnectionsModule {
  static forRoot(options: AdapterOptions): DynamicModule {
    const { config, service } = options;
    return {
      module: AdapterConnectionsModule,
      global: true,
      providers: [
        { provide: ADAPTER_OPTIONS, useValue: options },
        {
          provide: SERVICE_LOGGER,
          useFactory: (): Logger => createLogger({ service, level: config.LOG_LEVEL }),
        },
        {
          provide: KAFKA_CLIENT,
          inject: [SERVICE_LOGGER],
          useFactory: (logger: Logger): Kafka =>
            createKafkaClient({
              brokers: config.KAFKA_BROKERS,
              clientId: config.KAFKA_CLIENT_ID ?? service,
              logger,
            }),
        },
        {
          provide: KAFKA_ADMIN,
          inject: [KAFKA_CLIENT],
          useFactory: (kafka: Kafka): Admin => kafka.admin(),
        },
        {
          provide: TypedProducer,
          inject: [KAFKA_CLIENT],
          useFactory: (kafka: Kafka) =>
            TypedProducer.create(kafka, config.TOPIC_PREFIX, { retries: PRODUCER_RETRIES }),
        },
        {
          provide: BatchingProducer,
          inject: [TypedProducer],
          useFactory: (producer: TypedProducer) =>
            new BatchingProducer(producer, { ackTimeoutMs: config.KAFKA_ACK_TIMEOUT_MS }),
        },
        {
          provide: DeadLetterPublisher,
          inject: [BatchingProducer],
          useFactory: (producer: BatchingProducer) => new DeadLetterPublisher(producer, service),
        },
        {
          provide: DataSource,
          useFactory: () =>
            createDataSource({
              url: config.DATABASE_URL,
              schema: config.DATABASE_SCHEMA,
              entities: [CampaignRegistryEntry, WebhookReceipt],
              applicationName: service,
            }).initialize(),
        },
        {
          provide: TransactionLock,
          useFactory: () => TransactionLock.forUrl(config.DATABASE_URL, service),
        },
        {
          provide: CampaignRegistryRepository,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new CampaignRegistryRepository(dataSource),
        },
        {
          provide: WebhookReceiptsRepository,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new WebhookReceiptsRepository(dataSource),
        },
        ConnectionsLifecycle,
      ],
      exports: [
        ADAPTER_OPTIONS,
        SERVICE_LOGGER,
        KAFKA_CLIENT,
        KAFKA_ADMIN,
        TypedProducer,
        BatchingProducer,
        DeadLetterPublisher,
        DataSource,
        CampaignRegistryRepository,
        WebhookReceiptsRepository,
        TransactionLock,
      ],
    };
  }
}
