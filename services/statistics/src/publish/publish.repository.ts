import { Inject, Injectable } from '@nestjs/common';
import {
  GLOBAL_SCOPE,
  MinuteCurrencyStats,
  STATS_SCOPE_PATTERN,
  TOPICS,
} from '@donations/contracts';
import { REDIS } from '../connections/connections.tokens';
import { queueOverviewReads } from '../overview/overview.reads';
import type { OverviewHashes } from '../overview/overview.views';
import { StatsChain, statsMulti, StatsRedis } from '../stats/stats.commands';
import { ActiveGeneration } from '../generations/active-generation';
import type { StatsKeys } from '../generations/generation-keys';
import { statsKeys as generationZero } from '../stats/stats.keys';
import { currenciesOf, pointsOf, seriesFields } from '../timeseries/timeseries.views';
import type { PendingChanges } from './stats-changes';

export interface OverviewState {
  scope: string;
  version: number;
  hashes: OverviewHashes;
}

export interface MinuteState {
  scope: string;
  minute: string;
  version: number;
  perCurrency: Record<string, MinuteCurrencyStats>;
}

export interface PublicationState {
  overviews: OverviewState[];
  minutes: MinuteState[];
}

/**
 * Reads what a publication round sends, and allocates its versions, in one MULTI: the versions
 * are in the order of the states they stamp, also with several instances publishing.
 */
@Injectable()
export class PublishRepository {
  constructor(
    @Inject(REDIS) private readonly redis: StatsRedis,
    @Inject(ActiveGeneration) private readonly active: ActiveGeneration,
  ) {}

  /**
   * Every overview scope and minute there is (SCAN of the totals, and the minute series, which
   * only the global scope has), for the full republication after a rebuild. Totals that are no
   * stats scope (the regions) are not published. Keys come back with REDIS_KEY_PREFIX, which SCAN
   * does not add.
   */
  async everything(): Promise<PendingChanges> {
    const prefix = String(this.redis.options.keyPrefix ?? '');
    const statsKeys = await this.active.keys();
    const totalsKey = statsKeys.totals('');
    const overviews: string[] = [];
    for await (const keys of this.redis.scanIterator({
      MATCH: `${prefix}${totalsKey}*`,
      COUNT: 1000,
    })) {
      for (const key of keys) {
        const scope = key.slice(prefix.length + totalsKey.length);
        if (STATS_SCOPE_PATTERN.test(scope)) overviews.push(scope);
      }
    }
    const fields = await this.redis.hKeys(statsKeys.minutes(GLOBAL_SCOPE));
    const buckets = new Set(fields.map((field) => field.slice(0, field.indexOf('|'))));
    const minutes = [...buckets].sort().map((minute) => ({ scope: GLOBAL_SCOPE, minute }));
    return { overviews, minutes };
  }

  async read(pending: PendingChanges, nowMs: number): Promise<PublicationState> {
    const statsKeys = await this.active.keys();
    const series = await this.seriesOf(pending, statsKeys);
    const multi = statsMulti(this.redis);
    const overviewReads = pending.overviews.map((scope) =>
      queueOverviewReads(multi, scope, statsKeys),
    );
    const fields = series.map(({ minutes, currencies }) => seriesFields(minutes, currencies));
    series.forEach(({ scope }, i) => {
      if (fields[i].length > 0) multi.hmGet(statsKeys.minutes(scope), fields[i]);
    });
    allocate(
      multi,
      TOPICS.statsOverview,
      nowMs,
      pending.overviews.map((scope) => [scope, 1]),
    );
    allocate(
      multi,
      TOPICS.statsTimeseries,
      nowMs,
      series.map((s) => [s.scope, s.minutes.length]),
    );
    const replies = await multi.exec();
    let next = 0;
    const overviews = overviewReads.map((reads, i) => {
      const hashes = reads.decode(replies.slice(next, next + reads.commands));
      next += reads.commands;
      return { scope: pending.overviews[i], hashes, version: 0 };
    });
    const values = fields.map((f) => (f.length > 0 ? (replies[next++] as (string | null)[]) : []));
    const overviewVersions = pending.overviews.length > 0 ? (replies[next++] as number[]) : [];
    const seriesVersions = series.length > 0 ? (replies[next++] as number[]) : [];
    overviews.forEach((state, i) => (state.version = overviewVersions[i]));
    const minutes = series.flatMap(({ scope, minutes: buckets, currencies }, i) =>
      pointsOf(buckets, currencies, values[i]).map(({ at, perCurrency }, j) => ({
        scope,
        minute: at,
        version: seriesVersions[i] + j,
        perCurrency,
      })),
    );
    return { overviews, minutes };
  }

  /** The changed minutes per scope, with the scope's currencies (its totals hash fields). */
  private async seriesOf(pending: PendingChanges, statsKeys: StatsKeys) {
    const scopes = [...new Set(pending.minutes.map(({ scope }) => scope))];
    if (scopes.length === 0) return [];
    const pipeline = statsMulti(this.redis);
    for (const scope of scopes) pipeline.hKeys(statsKeys.totals(scope));
    const fields = (await pipeline.execAsPipeline()) as string[][];
    return scopes.map((scope, i) => ({
      scope,
      minutes: pending.minutes.filter((m) => m.scope === scope).map(({ minute }) => minute),
      currencies: currenciesOf(fields[i]),
    }));
  }
}

function allocate(
  multi: StatsChain,
  topic: string,
  nowMs: number,
  counts: [scope: string, count: number][],
): void {
  if (counts.length === 0) return;
  multi.allocateStatsVersions(generationZero.published(topic), nowMs, counts.flat());
}
