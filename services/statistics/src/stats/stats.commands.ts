import type { ChainableCommander, Redis } from 'ioredis';
import { ALLOCATE_VERSIONS_LUA } from '../publish/allocate-versions.lua';
import { APPLY_BATCH_LUA } from './apply-batch.lua';

/** The Redis client with the statistics' scripts loaded (EVALSHA, falling back to EVAL). */
export type StatsRedis = Redis & {
  /** KEYS and ARGV as arrays: ioredis flattens them (a rebuild's batch is too long to spread). */
  applyStatsBatch(
    numberOfKeys: number,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<[newEvents: number, duplicates: number, newFlags: string]>;
};

/** A MULTI or pipeline of StatsRedis, with the scripts queueable. */
export type StatsChain = ChainableCommander & {
  allocateStatsVersions(
    numberOfKeys: 1,
    publishedKey: string,
    nowMs: number,
    ...scopesAndCounts: (string | number)[]
  ): StatsChain;
};

export function defineStatsCommands(redis: Redis): StatsRedis {
  redis.defineCommand('applyStatsBatch', { lua: APPLY_BATCH_LUA });
  redis.defineCommand('allocateStatsVersions', { lua: ALLOCATE_VERSIONS_LUA });
  return redis as StatsRedis;
}

/** A MULTI on the client: its commands run as one atomic step. */
export const statsMulti = (redis: StatsRedis): StatsChain => redis.multi() as StatsChain;
