import type { ChainableCommander } from 'ioredis';
import { GLOBAL_SCOPE, isPlatform, Platform, PLATFORMS, platformScope } from '@donations/contracts';
import { statsKeys } from '../stats/stats.keys';
import { donationCount, OverviewHashes } from './overview.views';

/** Decodes the replies of the commands one queueOverviewReads call queued, in order. */
export interface QueuedReads<T> {
  readonly commands: number;
  decode(replies: readonly unknown[]): T;
}

type Hash = Record<string, string>;

/**
 * Queues the reads of one scope's overview on a pipeline or MULTI: its totals, amount buckets,
 * age bands and unique donors, and its donations per platform (for the global scope, from each
 * platform's totals; for a platform, its own; for a charity or campaign, its platforms hash).
 */
export function queueOverviewReads(
  chain: ChainableCommander,
  scope: string,
): QueuedReads<OverviewHashes> {
  const before = chain.length;
  chain
    .hgetall(statsKeys.totals(scope))
    .hgetall(statsKeys.amounts(scope))
    .hgetall(statsKeys.ageBands(scope))
    .pfcount(statsKeys.donors(scope));
  const own = scope.startsWith('platform:') ? scope.slice('platform:'.length) : undefined;
  if (scope === GLOBAL_SCOPE) {
    for (const platform of PLATFORMS) chain.hgetall(statsKeys.totals(platformScope(platform)));
  } else if (own === undefined) {
    chain.hgetall(statsKeys.platforms(scope));
  }
  return {
    commands: chain.length - before,
    decode: (replies) => {
      const [totals, amounts, ageBands, uniqueDonors, ...rest] = replies as [
        Hash,
        Hash,
        Hash,
        number,
        ...Hash[],
      ];
      return { totals, amounts, ageBands, uniqueDonors, platformCounts: platformCounts() };

      function platformCounts(): Partial<Record<Platform, number>> {
        if (scope === GLOBAL_SCOPE) {
          return Object.fromEntries(PLATFORMS.map((p, i) => [p, donationCount(rest[i])]));
        }
        if (own !== undefined) return isPlatform(own) ? { [own]: donationCount(totals) } : {};
        return Object.fromEntries(
          Object.entries(rest[0]).flatMap(([p, count]) =>
            isPlatform(p) ? [[p, Number(count)]] : [],
          ),
        );
      }
    },
  };
}

/** The replies of an exec, or the first command error it holds. */
export function repliesOf(results: [Error | null, unknown][] | null): unknown[] {
  if (results === null) throw new Error('the Redis transaction was aborted');
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}
