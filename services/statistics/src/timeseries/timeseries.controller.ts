import { Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { TimeseriesAnswerSchema } from '@donations/contracts';
import { ApiView } from '@donations/observability';
import { StatsController, StatsQuery } from '../overview/stats-controller.decorator';
import { TimeseriesQuery, TimeseriesQuerySchema } from './dto/timeseries-query.dto';
import { TimeseriesService } from './timeseries.service';
import { MAX_BUCKETS, TimeseriesView } from './timeseries.views';

/** Per-minute and per-hour series by event time, from Redis. */
@StatsController()
export class TimeseriesController {
  constructor(@Inject(TimeseriesService) private readonly timeseries: TimeseriesService) {}

  @Get('timeseries')
  @ApiOperation({ summary: 'Raised and refunded per currency, per minute or hour of event time' })
  @ApiQuery({ name: 'from', description: 'ISO-8601 instant; its bucket is the first one' })
  @ApiQuery({ name: 'to', description: 'ISO-8601 instant, exclusive' })
  @ApiQuery({ name: 'step', required: false, enum: ['minute', 'hour'] })
  @ApiQuery({ name: 'scope', required: false, enum: ['global'] })
  @ApiView(TimeseriesAnswerSchema, {
    description: `every bucket of the range (at most ${MAX_BUCKETS})`,
  })
  series(@StatsQuery(TimeseriesQuerySchema) query: TimeseriesQuery): Promise<TimeseriesView> {
    return this.timeseries.series(query);
  }
}
