import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource, postgresSslOf } from '@donations/database';
import { KafkaConnectionsModule } from '@donations/kafka';
import type { AggregatorConfig } from '../config/aggregator.config';
import { AGGREGATOR_ENTITIES } from '../totals/entities/aggregator.entities';
import { AGGREGATOR_CONFIG } from './connections.tokens';

export const SERVICE = 'aggregator';

class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Kafka (client, admin, dead-letter producer) and PostgreSQL for the aggregator. */
@Module({})
export class ConnectionsModule {
  static forRoot(config: AggregatorConfig): DynamicModule {
    return {
      module: ConnectionsModule,
      global: true,
      imports: [KafkaConnectionsModule.forService(SERVICE, config)],
      providers: [
        { provide: AGGREGATOR_CONFIG, useValue: config },
        {
          provide: DataSource,
          useFactory: () =>
            createDataSource({
              url: config.DATABASE_URL,
              schema: config.DATABASE_SCHEMA,
              entities: AGGREGATOR_ENTITIES,
              applicationName: SERVICE,
              ssl: postgresSslOf(config),
            }).initialize(),
        },
        DatabaseLifecycle,
      ],
      exports: [AGGREGATOR_CONFIG, DataSource],
    };
  }
}
