import { Module } from '@nestjs/common';
import { DashboardService } from './dashboard.service';
import { LiveController } from './live.controller';

/** The dashboard's state and its HTTP reads: GET /api/snapshot and GET /events. */
@Module({
  controllers: [LiveController],
  providers: [DashboardService],
  exports: [DashboardService],
})
export class LiveModule {}
