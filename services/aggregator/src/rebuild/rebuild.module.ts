import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AggregatorConfig } from '../config/aggregator.config';
import { AGGREGATOR_CONFIG } from '../connections/connections.tokens';
import { GenerationsRepository } from '../generations/generations.repository';
import { RebuildController } from './rebuild.controller';
import { RebuildService } from './rebuild.service';

/** Rebuilds of the totals into a fresh generation while the active one keeps serving. */
@Module({
  controllers: [RebuildController],
  providers: [
    RebuildService,
    {
      provide: GenerationsRepository,
      inject: [DataSource, AGGREGATOR_CONFIG],
      useFactory: (dataSource: DataSource, config: AggregatorConfig) =>
        new GenerationsRepository(dataSource, config.DATABASE_SCHEMA),
    },
  ],
})
export class RebuildModule {}
