import { GLOBAL_SCOPE, isPlatform, Platform, PLATFORMS, platformScope } from '@donations/contracts';
import type { StatsChain } from '../stats/stats.commands';
import { statsKeys as generationZero } from '../stats/stats.keys';
import type { StatsKeys } from '../generations/generation-keys';
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
  chain: StatsChain,
  scope: string,
  statsKeys: StatsKeys = generationZero,
): QueuedReads<OverviewHashes> {
  chain
    .hGetAll(statsKeys.totals(scope))
    .hGetAll(statsKeys.amounts(scope))
    .hGetAll(statsKeys.ageBands(scope))
    .pfCount(statsKeys.donors(scope));
  let commands = 4;
  const own = scope.startsWith('platform:') ? scope.slice('platform:'.length) : undefined;
  if (scope === GLOBAL_SCOPE) {
    for (const platform of PLATFORMS) chain.hGetAll(statsKeys.totals(platformScope(platform)));
    commands += PLATFORMS.length;
  } else if (own === undefined) {
    chain.hGetAll(statsKeys.platforms(scope));
    commands += 1;
  }
  return {
    commands,
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
