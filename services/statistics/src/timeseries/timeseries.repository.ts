import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '../connections/connections.tokens';
import type { StatsRedis } from '../stats/stats.commands';
import { ActiveGeneration } from '../generations/active-generation';
import { currenciesOf, seriesFields, Step } from './timeseries.views';

export interface SeriesValues {
  currencies: string[];
  /** HMGET values of seriesFields(buckets, currencies). */
  values: (string | null)[];
}

/** Reads series buckets: the scope's currencies (from its totals), then one HMGET. */
@Injectable()
export class TimeseriesRepository {
  constructor(
    @Inject(REDIS) private readonly redis: StatsRedis,
    @Inject(ActiveGeneration) private readonly active: ActiveGeneration,
  ) {}

  async values(scope: string, step: Step, buckets: readonly string[]): Promise<SeriesValues> {
    const statsKeys = await this.active.keys();
    const currencies = currenciesOf(await this.redis.hKeys(statsKeys.totals(scope)));
    const fields = seriesFields(buckets, currencies);
    if (fields.length === 0) return { currencies, values: [] };
    const key = step === 'minute' ? statsKeys.minutes(scope) : statsKeys.hours(scope);
    return { currencies, values: await this.redis.hmGet(key, fields) };
  }
}
