import type { Provider } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Logger } from 'pino';
import { BatchingProducer, DeadLetterPublisher } from '@donations/kafka';
import type { AdapterOptions } from '../adapter-connections.module';
import { SERVICE_LOGGER } from '../adapter-kit.tokens';
import { DataSource } from 'typeorm';
import { TransactionLock } from '../pipeline/transaction-lock';
import { CampaignRegistryRepository } from '../registry/campaign-registry.repository';
import { WebhookReceiptsRepository } from '../receipts/webhook-receipts.repository';
import { StatementImporter } from './statement-importer';
import { configureStatementRoute } from './statement-route';
import { StatementStagingRepository } from './statement-staging.repository';

const STATEMENT_ROUTE_CONFIGURED = Symbol('STATEMENT_ROUTE_CONFIGURED');

/** The statement importer and the route set-up, for AdapterKitModule. */
export function statementProviders(options: AdapterOptions): Provider[] {
  return [
    {
      provide: StatementImporter,
      inject: [
        BatchingProducer,
        DeadLetterPublisher,
        CampaignRegistryRepository,
        WebhookReceiptsRepository,
        DataSource,
        TransactionLock,
        SERVICE_LOGGER,
      ],
      useFactory: (
        producer: BatchingProducer,
        deadLetters: DeadLetterPublisher,
        registry: CampaignRegistryRepository,
        receipts: WebhookReceiptsRepository,
        dataSource: DataSource,
        lock: TransactionLock,
        logger: Logger,
      ) =>
        new StatementImporter({
          platform: options.platform,
          producer,
          deadLetters,
          registry,
          receipts,
          staging: new StatementStagingRepository(dataSource),
          lock,
          logger,
          donorHashKey: options.config.DONOR_HASH_KEY,
        }),
    },
    {
      // Runs while the app is built, before Nest registers routes (see configureStatementRoute).
      provide: STATEMENT_ROUTE_CONFIGURED,
      inject: [HttpAdapterHost],
      useFactory: (host: HttpAdapterHost) => {
        configureStatementRoute(host, options.config.STATEMENT_IMPORT_TOKEN);
        return true;
      },
    },
  ];
}
