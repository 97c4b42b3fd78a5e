import type { DonationCountedV1, DonationEventV1 } from '@donations/contracts';
import type { ConsumedBatch } from '@donations/kafka';
import type { StatisticsConfig } from '../config/statistics.config';
import { StateGoneError } from '../rebuild/state-gone.error';
import { BatchPosition, scriptCall } from './batch-script.args';
import { foldCounted } from './batch.sums';
import { OffsetFenceError } from './offset-fence.error';
import { selectAboveFence } from './source-fence';
import type { BatchReply, StatsRedis } from './stats.commands';
import { statsKeys } from './stats.keys';

export interface AppliedStats {
  /** Messages above the partition's source fence (counted or not). */
  applied: number;
  /** Messages at or below it: republished by the aggregator's relay, applied before. */
  skipped: number;
  /** The events whose figures moved (counted events, refunds taken back), in offset order. */
  changed: DonationEventV1[];
}

/** A batch selected against a stale fence is selected again; more rounds mean a contest. */
const SELECTIONS = 3;

/**
 * Writes a batch's statistics, its partition position and its source fence to Redis in one
 * script call. The fence each partition had after its last batch is kept in memory as the
 * assumption of the next selection; the script checks it, so a stale one costs a round trip.
 */
export class StatsRepository {
  private readonly fences = new Map<number, string>();

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
    messages: readonly DonationCountedV1[],
    earliestOffset?: string,
  ): Promise<AppliedStats> {
    const position: BatchPosition = {
      offsetsKey: statsKeys.offsets(this.config.STATISTICS_GROUP_ID, batch.topic),
      fenceKey: statsKeys.fences(this.config.STATISTICS_GROUP_ID, batch.topic),
      metaKey: statsKeys.meta(),
      partition: batch.partition,
      firstOffset: batch.firstOffset,
      nextOffset: batch.nextOffset,
      earliestOffset,
    };
    let floor = this.fences.get(batch.partition) ?? '';
    for (let round = 0; round < SELECTIONS; round += 1) {
      const selection = selectAboveFence(messages, floor);
      const { sums, rankings, changed } = foldCounted(selection.kept);
      const call = scriptCall(position, selection, sums, rankings, this.clock());
      const [done, fence] = (await this.run(batch, call.keys, call.args)) as BatchReply;
      if (done === 1) {
        this.fences.set(batch.partition, fence);
        const applied = selection.kept.length;
        return { applied, skipped: messages.length - applied, changed };
      }
      floor = fence;
    }
    throw new OffsetFenceError(batch.partition, batch.firstOffset, 'source fence contested');
  }

  private async run(
    batch: ConsumedBatch,
    keys: string[],
    args: (string | number)[],
  ): Promise<unknown> {
    try {
      return await this.redis.applyStatsBatch(keys, args);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('STATS.OFFSET_FENCED')) {
        throw new OffsetFenceError(batch.partition, batch.firstOffset, error.message);
      }
      if (error instanceof Error && error.message.startsWith('STATS.STATE_GONE')) {
        this.fences.delete(batch.partition);
        throw new StateGoneError(batch.partition, batch.firstOffset, error.message);
      }
      throw error;
    }
  }
}
