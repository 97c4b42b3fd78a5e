import { Inject, Injectable } from '@nestjs/common';
import type { TopicName } from '@donations/contracts';
import type { OffsetStore } from '@donations/kafka';
import { REDIS } from '../connections/connections.tokens';
import type { StatsRedis } from './stats.commands';
import { statsKeys } from './stats.keys';

/** The consumer's progress as the batch scripts stored it (offsets hash in Redis). */
@Injectable()
export class RedisOffsetStore implements OffsetStore {
  constructor(@Inject(REDIS) private readonly redis: StatsRedis) {}

  async load(
    groupId: string,
    topic: TopicName,
    partitions: number[],
  ): Promise<Map<number, string>> {
    if (partitions.length === 0) return new Map();
    const stored = await this.redis.hmGet(
      statsKeys.offsets(groupId, topic),
      partitions.map(String),
    );
    return new Map(
      partitions.flatMap((partition, index) => {
        const offset = stored[index];
        return offset === null ? [] : [[partition, offset] as const];
      }),
    );
  }
}
