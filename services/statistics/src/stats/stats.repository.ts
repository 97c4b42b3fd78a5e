import type { DonationEventV1 } from '@donations/contracts';
import type { ConsumedBatch } from '@donations/kafka';
import type { StatisticsConfig } from '../config/statistics.config';
import { StateGoneError } from '../rebuild/state-gone.error';
import { scriptCall, withEarliestOffset } from './batch-script.args';
import { batchRankings, foldBatch } from './batch.fold';
import { OffsetFenceError } from './offset-fence.error';
import type { BatchReply, StatsRedis } from './stats.commands';
import { statsKeys } from './stats.keys';

export interface AppliedStats {
  newEvents: number;
  duplicates: number;
  /** The events this batch counted (not seen before), in offset order. */
  fresh: DonationEventV1[];
}

/** Writes a batch's statistics and its partition offset to Redis in one script call. */
export class StatsRepository {
  constructor(
    private readonly redis: StatsRedis,
    private readonly config: StatisticsConfig,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * `earliestOffset`: the partition's earliest offset, where a batch may start when the
   * partition has no stored offset (a fresh or rebuilt state); unknown refuses such a batch.
   */
  async applyBatch(
    batch: ConsumedBatch,
    events: readonly DonationEventV1[],
    earliestOffset?: string,
  ): Promise<AppliedStats> {
    const position = {
      offsetsKey: statsKeys.offsets(this.config.STATISTICS_GROUP_ID, batch.topic),
      metaKey: statsKeys.meta(),
      partition: batch.partition,
      firstOffset: batch.firstOffset,
      nextOffset: batch.nextOffset,
    };
    const call = withEarliestOffset(
      scriptCall(
        position,
        foldBatch(events),
        this.config.STATISTICS_DEDUPE_TTL_SECONDS,
        this.clock(),
        batchRankings(events),
      ),
      earliestOffset,
    );
    try {
      // The script's reply (the client's reply typing widens the tuple to an array).
      const [newEvents, duplicates, flags] = (await this.redis.applyStatsBatch(
        call.keys,
        call.args,
      )) as BatchReply;
      const fresh = events.filter((_, index) => flags[index] === '1');
      return { newEvents, duplicates, fresh };
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('STATS.OFFSET_FENCED')) {
        throw new OffsetFenceError(batch.partition, batch.firstOffset, error.message);
      }
      if (error instanceof Error && error.message.startsWith('STATS.STATE_GONE')) {
        throw new StateGoneError(batch.partition, batch.firstOffset, error.message);
      }
      throw error;
    }
  }
}
