import { Inject, Injectable } from '@nestjs/common';
import { TOPICS } from '@donations/contracts';
import {
  ConsumedBatch,
  deadLetterOf,
  DeadLetterPublisher,
  OffsetStore,
  parseBatch,
} from '@donations/kafka';
import type { StatisticsConfig } from '../config/statistics.config';
import { REDIS, STATISTICS_CONFIG } from '../connections/connections.tokens';
import { splitBySourcePartition } from '../donations/donations.service';
import { TopicOffsetsReader } from '../rebuild/topic-offsets.reader';
import { shadowTarget } from '../stats/batch-target';
import type { StatsRedis } from '../stats/stats.commands';
import { StatsRepository } from '../stats/stats.repository';
import { keysOf } from './generation-keys';
import { GenerationsRepository } from './generations.repository';

type Counted = typeof TOPICS.donationsCounted;

/** What a shadow rebuild reads and writes: its batches, its offsets, how far behind it is. */
@Injectable()
export class ShadowBatches {
  constructor(
    @Inject(REDIS) private readonly redis: StatsRedis,
    @Inject(STATISTICS_CONFIG) private readonly config: StatisticsConfig,
    @Inject(GenerationsRepository) private readonly generations: GenerationsRepository,
    @Inject(TopicOffsetsReader) private readonly offsets: TopicOffsetsReader,
    @Inject(DeadLetterPublisher) private readonly deadLetters: DeadLetterPublisher,
  ) {}

  /**
   * Applies a batch to the shadow generation. Dead letters go out only for messages the live
   * consumer has not passed yet (it published the others): one read by both goes out twice,
   * none is lost. Nothing is recorded for publication: the topics follow the active generation.
   */
  applier(generation: number): (batch: ConsumedBatch<Counted>) => Promise<void> {
    const repository = new StatsRepository(
      this.redis,
      this.config,
      () => new Date(),
      shadowTarget(generation),
    );
    return async (batch) => {
      const { valid, rejected } = splitBySourcePartition(batch, parseBatch(batch));
      if (rejected.length > 0) {
        const live = await this.redis.hGet(
          this.offsetsKey((await this.generations.pointers()).active),
          String(batch.partition),
        );
        const fresh = rejected.filter(
          ({ message }) => live === null || BigInt(message.offset) >= BigInt(live ?? '0'),
        );
        await Promise.all(fresh.map((r) => this.deadLetters.publish(deadLetterOf(batch, r))));
      }
      const earliest = await this.offsets.earliestOffset(batch.partition);
      await repository.applyBatch(batch, valid, earliest);
    };
  }

  /** The generation's stored offsets (the shadow consumer seeks to them). */
  offsetStore(generation: number): OffsetStore {
    return {
      load: async (_group, topic, partitions) => {
        if (partitions.length === 0) return new Map();
        const key = keysOf(generation).offsets(this.config.STATISTICS_GROUP_ID, topic);
        const stored = await this.redis.hmGet(key, partitions.map(String));
        return new Map(
          partitions.flatMap((p, i) => (stored[i] === null ? [] : [[p, stored[i]] as const])),
        );
      },
    };
  }

  /** Messages the generation is behind the live consumer, summed over the partitions. */
  async behind(generation: number): Promise<number> {
    const { active } = await this.generations.pointers();
    const [live, shadow] = await Promise.all([
      this.redis.hGetAll(this.offsetsKey(active)),
      this.redis.hGetAll(this.offsetsKey(generation)),
    ]);
    return Object.entries(live).reduce(
      (sum, [partition, next]) => sum + Math.max(0, Number(next) - Number(shadow[partition] ?? 0)),
      0,
    );
  }

  private offsetsKey(generation: number): string {
    return keysOf(generation).offsets(this.config.STATISTICS_GROUP_ID, TOPICS.donationsCounted);
  }
}
