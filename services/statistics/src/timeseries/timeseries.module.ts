import { Module } from '@nestjs/common';
import { TimeseriesController } from './timeseries.controller';
import { TimeseriesRepository } from './timeseries.repository';
import { TimeseriesService } from './timeseries.service';

/** HTTP reads of the per-minute and per-hour series. */
@Module({
  controllers: [TimeseriesController],
  providers: [TimeseriesRepository, TimeseriesService],
})
export class TimeseriesModule {}
