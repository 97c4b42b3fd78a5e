import { DynamicModule, FactoryProvider, Module, ModuleMetadata } from '@nestjs/common';
import { Admin } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { BatchingProducer, DeadLetterPublisher } from '@donations/kafka';
import {
  kafkaReadiness,
  MetricsService,
  ObservabilityModule,
  postgresReadiness,
} from '@donations/observability';
import { AdapterConnectionsModule, AdapterOptions } from './adapter-connections.module';
import {
  KAFKA_ADMIN,
  PLATFORM_MAPPING,
  SERVICE_LOGGER,
  WEBHOOK_PROTOCOL,
} from './adapter-kit.tokens';
import type { PlatformMapping } from './pipeline/platform-mapping';
import { TransactionLock } from './pipeline/transaction-lock';
import { WebhookPipeline } from './pipeline/webhook-pipeline';
import type { WebhookProtocol } from './pipeline/webhook-protocol';
import { WebhookMetrics } from './pipeline/webhook.metrics';
import { CampaignRegistryRepository } from './registry/campaign-registry.repository';
import { WebhookReceiptsRepository } from './receipts/webhook-receipts.repository';
import { CharityRegistryController } from './operator/charity-registry.controller';
import { DisclosureRegistryController } from './operator/disclosure-registry.controller';
import { OperatorController } from './operator/operator.controller';
import { CharityAdminRepository } from './registry/charity-admin.repository';
import { DisclosureRecordsRepository } from './registry/disclosure-records.repository';
import { RegistryAdminRepository } from './registry/registry-admin.repository';
import { StatementController } from './statements/statement.controller';
import { statementProviders } from './statements/statement.providers';

export interface AdapterKitOptions<P> extends AdapterOptions {
  protocol: Pick<FactoryProvider<WebhookProtocol<P>>, 'useFactory' | 'inject'>;
  mapping: Pick<FactoryProvider<PlatformMapping<P>>, 'useFactory' | 'inject'>;
  /** Modules the protocol and mapping factories inject from. */
  imports?: ModuleMetadata['imports'];
}

/**
 * Everything an adapter service needs but its protocol and mapping: connections, logging,
 * metrics, health, and the WebhookPipeline its controller calls.
 */
@Module({})
export class AdapterKitModule {
  static forRoot<P>(options: AdapterKitOptions<P>): DynamicModule {
    const connections = AdapterConnectionsModule.forRoot(options);
    return {
      module: AdapterKitModule,
      imports: [
        connections,
        ObservabilityModule.forRoot({
          service: options.service,
          logLevel: options.config.LOG_LEVEL,
          readiness: {
            inject: [KAFKA_ADMIN, DataSource],
            useFactory: (admin: Admin, dataSource: DataSource) => [
              kafkaReadiness(admin),
              postgresReadiness(dataSource),
            ],
          },
        }),
        ...(options.imports ?? []),
      ],
      controllers: [
        StatementController,
        OperatorController,
        CharityRegistryController,
        DisclosureRegistryController,
      ],
      providers: [
        {
          provide: RegistryAdminRepository,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new RegistryAdminRepository(dataSource),
        },
        {
          provide: CharityAdminRepository,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new CharityAdminRepository(dataSource),
        },
        {
          provide: DisclosureRecordsRepository,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new DisclosureRecordsRepository(dataSource),
        },
        ...statementProviders(options),
        { provide: WEBHOOK_PROTOCOL, ...options.protocol },
        { provide: PLATFORM_MAPPING, ...options.mapping },
        {
          provide: WebhookMetrics,
          inject: [MetricsService],
          useFactory: (metrics: MetricsService) => new WebhookMetrics(metrics),
        },
        {
          provide: WebhookPipeline,
          inject: [
            WEBHOOK_PROTOCOL,
            PLATFORM_MAPPING,
            BatchingProducer,
            DeadLetterPublisher,
            CampaignRegistryRepository,
            WebhookReceiptsRepository,
            WebhookMetrics,
            SERVICE_LOGGER,
            TransactionLock,
          ],
          useFactory: (
            protocol: WebhookProtocol<P>,
            mapping: PlatformMapping<P>,
            producer: BatchingProducer,
            deadLetters: DeadLetterPublisher,
            registry: CampaignRegistryRepository,
            receipts: WebhookReceiptsRepository,
            metrics: WebhookMetrics,
            logger: Logger,
            lock: TransactionLock,
          ) =>
            new WebhookPipeline<P>({
              protocol,
              mapping,
              producer,
              deadLetters,
              registry,
              receipts,
              metrics,
              logger,
              donorHashKey: options.config.DONOR_HASH_KEY,
              lock,
            }),
        },
      ],
      exports: [WebhookPipeline, WEBHOOK_PROTOCOL, PLATFORM_MAPPING, WebhookMetrics],
    };
  }
}
