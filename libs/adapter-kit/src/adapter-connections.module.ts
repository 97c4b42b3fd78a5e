import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Platform } from '@donations/contracts';
import { createDataSource, postgresSslOf } from '@donations/database';
import { kafkaConnectionsOf, KafkaConnectionsModule } from '@donations/kafka';
import { createLogger } from '@donations/observability';
import type { AdapterEnv } from './adapter.config';
import { ADAPTER_OPTIONS, SERVICE_LOGGER } from './adapter-kit.tokens';
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
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TransactionLock) private readonly lock: TransactionLock,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([
      this.lock.close(),
      this.dataSource.isInitialized ? this.dataSource.destroy() : Promise.resolve(),
    ]);
  }
}

/** Kafka (KafkaConnectionsModule), PostgreSQL and the repositories an adapter needs. */
@Module({})
export class AdapterConnectionsModule {
  static forRoot(options: AdapterOptions): DynamicModule {
    const { config, service } = options;
    const logger = createLogger({ service, level: config.LOG_LEVEL });
    return {
      module: AdapterConnectionsModule,
      global: true,
      imports: [
        KafkaConnectionsModule.forRoot({
          ...kafkaConnectionsOf(service, config, logger),
          producerRetries: PRODUCER_RETRIES,
        }),
      ],
      providers: [
        { provide: ADAPTER_OPTIONS, useValue: options },
        { provide: SERVICE_LOGGER, useValue: logger },
        {
          provide: DataSource,
          useFactory: () =>
            createDataSource({
              url: config.DATABASE_URL,
              schema: config.DATABASE_SCHEMA,
              entities: [CampaignRegistryEntry, WebhookReceipt],
              applicationName: service,
              ssl: postgresSslOf(config),
            }).initialize(),
        },
        {
          provide: TransactionLock,
          useFactory: () =>
            TransactionLock.forUrl(config.DATABASE_URL, service, postgresSslOf(config)),
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
        DataSource,
        CampaignRegistryRepository,
        WebhookReceiptsRepository,
        TransactionLock,
      ],
    };
  }
}
