import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { UpstreamClient } from '../upstream/aggregator.client';
import { CheckController } from './check.controller';
import { CheckRateGuard } from './check-rate.guard';
import { CheckService } from './check.service';

/** The public donation check: GET /api/check (the page itself is served by the page module). */
@Module({
  imports: [LiveModule],
  controllers: [CheckController],
  providers: [CheckService, CheckRateGuard, UpstreamClient],
})
export class CheckModule {}
