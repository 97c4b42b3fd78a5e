import { Inject, Injectable } from '@nestjs/common';
import type { TimeseriesQuery } from './dto/timeseries-query.dto';
import { TimeseriesRepository } from './timeseries.repository';
import { bucketStarts, pointsOf, TimeseriesView } from './timeseries.views';

@Injectable()
export class TimeseriesService {
  constructor(@Inject(TimeseriesRepository) private readonly repository: TimeseriesRepository) {}

  /** Every bucket of the range, empty ones included (perCurrency {}), oldest first. */
  async series({ scope, step, from, to }: TimeseriesQuery): Promise<TimeseriesView> {
    const buckets = bucketStarts(from, to, step);
    const { currencies, values } = await this.repository.values(scope, step, buckets);
    return {
      scope,
      step,
      from: buckets[0],
      to: to.toISOString(),
      points: pointsOf(buckets, currencies, values),
    };
  }
}
