import { Inject, Injectable } from '@nestjs/common';
import type { TopicName } from '@donations/contracts';
import type { OffsetStore } from '@donations/kafka';
import { REDIS } from '../connections/connections.tokens';
import type { StatsRedis } from './stats.commands';
import { ActiveGeneration } from '../generations/active-generation';

/** The consumer's progress as the batch scripts stored it (the active generation's offsets hash). */
@Injectable()
export class RedisOffsetStore implements OffsetStore {
  constructor(
    @Inject(REDIS) private readonly redis: StatsRedis,
    @Inject(ActiveGeneration) private readonly active: ActiveGeneration,
  ) {}

  async load(
    groupId: string,
    topic: TopicName,
    partitions: number[],
  ): Promise<Map<number, string>> {
    if (partitions.length === 0) return new Map();
    const stored = await this.redis.hmGet(
      (await this.active.keys()).offsets(groupId, topic),
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
