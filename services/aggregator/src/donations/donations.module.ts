import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AggregatorConfig } from '../config/aggregator.config';
import { AGGREGATOR_CONFIG } from '../connections/connections.tokens';
import { ActiveGeneration } from '../generations/generation-scope';
import { PostgresOffsetStore } from '../totals/postgres-offset.store';
import { TotalsRepository } from '../totals/totals.repository';
import { DonationsConsumer } from './donations.consumer';
import { DonationsService } from './donations.service';

/** Consumes donations.normalized.v1 into the PostgreSQL totals. */
@Module({
  controllers: [DonationsConsumer],
  providers: [
    DonationsService,
    {
      provide: TotalsRepository,
      inject: [DataSource, AGGREGATOR_CONFIG],
      useFactory: (dataSource: DataSource, config: AggregatorConfig) =>
        new TotalsRepository(
          dataSource,
          config.AGGREGATOR_GROUP_ID,
          new ActiveGeneration(config.DATABASE_SCHEMA, { lock: true }),
        ),
    },
    {
      provide: PostgresOffsetStore,
      inject: [DataSource, AGGREGATOR_CONFIG],
      useFactory: (dataSource: DataSource, config: AggregatorConfig) =>
        new PostgresOffsetStore(
          dataSource,
          new ActiveGeneration(config.DATABASE_SCHEMA, { lock: false }),
        ),
    },
  ],
  exports: [PostgresOffsetStore],
})
export class DonationsModule {}
