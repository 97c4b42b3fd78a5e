import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { REPORTS_CLOCK, ReportsService } from './reports.service';

/** Reports from the ledger: a campaign's or a charity's figures for a quarter or all time. */
@Module({
  controllers: [ReportsController],
  providers: [
    ReportsRepository,
    ReportsService,
    { provide: REPORTS_CLOCK, useValue: (): Date => new Date() },
  ],
})
export class ReportsModule {}
