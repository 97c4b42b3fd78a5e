import { DynamicModule, Module } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { DataSource } from 'typeorm';
import { kafkaReadiness, ObservabilityModule, postgresReadiness } from '@donations/observability';
import type { AggregatorConfig } from './config/aggregator.config';
import { ConnectionsModule, SERVICE } from './connections/connections.module';
import { KAFKA_ADMIN } from './connections/connections.tokens';
import { DonationsModule } from './donations/donations.module';
import { OutboxModule } from './outbox/outbox.module';
import { QueriesModule } from './queries/queries.module';
import { RebuildModule } from './rebuild/rebuild.module';
import { ReportsModule } from './reports/reports.module';

@Module({})
export class AppModule {
  static register(config: AggregatorConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConnectionsModule.forRoot(config),
        ObservabilityModule.forRoot({
          service: SERVICE,
          logLevel: config.LOG_LEVEL,
          readiness: {
            inject: [KAFKA_ADMIN, DataSource],
            useFactory: (admin: Admin, dataSource: DataSource) => [
              kafkaReadiness(admin),
              postgresReadiness(dataSource),
            ],
          },
        }),
        DonationsModule,
        OutboxModule,
        QueriesModule,
        RebuildModule,
        ReportsModule,
      ],
    };
  }
}
