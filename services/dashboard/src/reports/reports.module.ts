import { Module } from '@nestjs/common';
import { UpstreamClient } from '../upstream/aggregator.client';
import { ReportNamesSource } from './report-names.source';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** GET /backoffice/reports/:scope/<id>.<csv|xlsx|html>?period=: the ledger report's exports. */
@Module({
  controllers: [ReportsController],
  providers: [UpstreamClient, ReportNamesSource, ReportsService],
})
export class ReportsModule {}
