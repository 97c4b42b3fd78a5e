import type { Redis } from 'ioredis';
import { APPLY_BATCH_LUA } from './apply-batch.lua';

/** The Redis client with the statistics' scripts loaded (EVALSHA, falling back to EVAL). */
export type StatsRedis = Redis & {
  applyStatsBatch(
    numberOfKeys: number,
    ...keysAndArgs: (string | number)[]
  ): Promise<[number, number]>;
};

export function defineStatsCommands(redis: Redis): StatsRedis {
  redis.defineCommand('applyStatsBatch', { lua: APPLY_BATCH_LUA });
  return redis as StatsRedis;
}
