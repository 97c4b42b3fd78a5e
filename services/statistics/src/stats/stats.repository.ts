import type { DonationEventV1 } from '@donations/contracts';
import type { ConsumedBatch } from '@donations/kafka';
import type { StatisticsConfig } from '../config/statistics.config';
import { scriptCall } from './batch-script.args';
import { foldBatch } from './batch.fold';
import { OffsetFenceError } from './offset-fence.error';
import type { StatsRedis } from './stats.commands';
import { statsKeys } from './stats.keys';

export interface AppliedStats {
  newEvents: number;
  duplicates: number;
}

/** Writes a batch's statistics and its partition offset to Redis in one script call. */
export class StatsRepository {
  constructor(
    private readonly redis: StatsRedis,
    private readonly config: StatisticsConfig,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async applyBatch(
    batch: ConsumedBatch,
    events: readonly DonationEventV1[],
  ): Promise<AppliedStats> {
    const position = {
      offsetsKey: statsKeys.offsets(this.config.STATISTICS_GROUP_ID, batch.topic),
      metaKey: statsKeys.meta(),
      partition: batch.partition,
      firstOffset: batch.firstOffset,
      nextOffset: batch.nextOffset,
    };
    const call = scriptCall(
      position,
      foldBatch(events),
      this.config.STATISTICS_DEDUPE_TTL_SECONDS,
      this.clock(),
    );
    try {
      const [newEvents, duplicates] = await this.redis.applyStatsBatch(
        call.keys.length,
        ...call.keys,
        ...call.args,
      );
      return { newEvents, duplicates };
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('STATS.OFFSET_FENCED')) {
        throw new OffsetFenceError(batch.partition, batch.firstOffset, error.message);
      }
      throw error;
    }
  }
}
