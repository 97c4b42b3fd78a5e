import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '../connections/connections.tokens';
import type { StatsRedis } from '../stats/stats.commands';
import { generationPrefix, isKeyOf } from './generation-keys';

/** Keys measured and unlinked per round trip. */
const CHUNK = 500;

/** Finds, measures and removes a generation's keys (SCAN under its prefix, MEMORY USAGE, UNLINK). */
@Injectable()
export class GenerationKeysPruner {
  constructor(@Inject(REDIS) private readonly redis: StatsRedis) {}

  async prune(generation: number, dryRun: boolean): Promise<{ keys: number; bytes: number }> {
    const keys = await this.keysOf(generation);
    let bytes = 0;
    for (let from = 0; from < keys.length; from += CHUNK) {
      const chunk = keys.slice(from, from + CHUNK);
      const pipeline = this.redis.multi();
      for (const key of chunk) pipeline.memoryUsage(key);
      const sizes = (await pipeline.execAsPipeline()) as unknown as (number | null)[];
      bytes += sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0);
      if (!dryRun) await this.redis.unlink(chunk);
    }
    return { keys: keys.length, bytes };
  }

  /** The generation's keys without REDIS_KEY_PREFIX (the client adds it back). */
  private async keysOf(generation: number): Promise<string[]> {
    const prefix = String(this.redis.options.keyPrefix ?? '');
    const found: string[] = [];
    for await (const keys of this.redis.scanIterator({
      MATCH: `${prefix}${generationPrefix(generation)}*`,
      COUNT: 1000,
    })) {
      for (const key of keys) {
        const own = key.slice(prefix.length);
        if (isKeyOf(own, generation)) found.push(own);
      }
    }
    return found;
  }
}
