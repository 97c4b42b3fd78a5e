import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '../connections/connections.tokens';
import type { StatsRedis } from '../stats/stats.commands';
import { GENERATIONS_KEY, keysOf, StatsKeys } from './generation-keys';

type RedisReader = Pick<StatsRedis, 'hGet'>;

/**
 * The generation the service reads and writes: `active` in the generations hash (0 when missing,
 * as after a flush). Readers ask per request (one HGET), so an answer is never read from a
 * generation retired before the request; the batch script checks the writer's (see
 * apply-batch.lua.ts), so the cached one is enough there.
 */
export class ActiveGenerationReader {
  private cached?: number;

  constructor(private readonly redis: RedisReader) {}

  async current(): Promise<number> {
    const active = await this.redis.hGet(GENERATIONS_KEY, 'active');
    this.cached = active === null || active === undefined ? 0 : Number(active);
    return this.cached;
  }

  /** The last one read (read now if none yet). */
  async last(): Promise<number> {
    return this.cached ?? this.current();
  }

  /** The keys of the active generation. */
  async keys(): Promise<StatsKeys> {
    return keysOf(await this.current());
  }
}

/** The service's reader of the active generation (one per process). */
@Injectable()
export class ActiveGeneration extends ActiveGenerationReader {
  constructor(@Inject(REDIS) redis: StatsRedis) {
    super(redis);
  }
}
