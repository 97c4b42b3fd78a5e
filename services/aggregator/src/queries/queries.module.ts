import { Module } from '@nestjs/common';
import { QueriesController } from './queries.controller';
import { QueriesRepository } from './queries.repository';
import { QueriesService } from './queries.service';

/** HTTP reads of the totals and the ledger. */
@Module({
  controllers: [QueriesController],
  providers: [QueriesRepository, QueriesService],
})
export class QueriesModule {}
