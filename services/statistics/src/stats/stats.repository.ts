import type { DonationCountedV1, DonationEventV1 } from '@donations/contracts';
import type { ConsumedBatch } from '@donations/kafka';
import { setTimeout as delay } from 'node:timers/promises';
import type { StatisticsConfig } from '../config/statistics.config';
import { ActiveGenerationReader } from '../generations/active-generation';
import { keysOf } from '../generations/generation-keys';
import { StateGoneError } from '../rebuild/state-gone.error';
import { BatchPosition, scriptCall } from './batch-script.args';
import { foldCounted } from './batch.sums';
import { BatchTarget, GenerationMovedError, liveTarget, SwitchingError } from './batch-target';
import { OffsetFenceError } from './offset-fence.error';
import { selectAboveFence } from './source-fence';
import type { BatchReply, StatsRedis } from './stats.commands';

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
/** How often a live batch held back by a switch tries again, and for how long at most. */
const SWITCH_POLL_MS = 20;
const SWITCH_WAIT_MS = 10_000;

/**
 * Writes a batch's statistics, its partition position and its source fence to Redis in one
 * script call. The fence each partition had after its last batch is kept in memory as the
 * assumption of the next selection; the script checks it, so a stale one costs a round trip.
 * `target`: the generation written (by default the active one, followed across a switch).
 */
export class StatsRepository {
  private readonly fences = new Map<number, string>();
  private fencesOf = -1;

  constructor(
    private readonly redis: StatsRedis,
    private readonly config: StatisticsConfig,
    private readonly clock: () => Date = () => new Date(),
    private readonly target: BatchTarget = liveTarget(new ActiveGenerationReader(redis)),
  ) {}

  /**
   * Applies the batch to the target's generation. A live batch follows the active generation
   * when a switch moved it, and waits while a switch holds the live writers (at most 10 s).
   */
  async applyBatch(
    batch: ConsumedBatch,
    messages: readonly DonationCountedV1[],
    earliestOffset?: string,
  ): Promise<AppliedStats> {
    const waitUntil = Date.now() + SWITCH_WAIT_MS;
    for (let moves = 0; ;) {
      const generation = await this.target.generation();
      if (generation !== this.fencesOf) {
        this.fences.clear();
        this.fencesOf = generation;
      }
      try {
        return await this.applyTo(generation, batch, messages, earliestOffset);
      } catch (error) {
        if (error instanceof GenerationMovedError && moves < SELECTIONS) {
          moves += 1;
          await this.target.moved();
        } else if (error instanceof SwitchingError && Date.now() < waitUntil) {
          await delay(SWITCH_POLL_MS);
        } else throw error;
      }
    }
  }

  /**
   * `earliestOffset`: the partition's earliest offset, where a batch may start when the
   * partition has no stored offset (a fresh or rebuilt state); unknown refuses such a batch.
   */
  private async applyTo(
    generation: number,
    batch: ConsumedBatch,
    messages: readonly DonationCountedV1[],
    earliestOffset?: string,
  ): Promise<AppliedStats> {
    const keys = keysOf(generation);
    const position: BatchPosition = {
      offsetsKey: keys.offsets(this.config.STATISTICS_GROUP_ID, batch.topic),
      fenceKey: keys.fences(this.config.STATISTICS_GROUP_ID, batch.topic),
      metaKey: keys.meta(),
      partition: batch.partition,
      firstOffset: batch.firstOffset,
      nextOffset: batch.nextOffset,
      earliestOffset,
      generation,
      mode: this.target.mode,
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
      if (error instanceof Error && error.message.startsWith('STATS.GENERATION_MOVED')) {
        throw new GenerationMovedError(error.message);
      }
      if (error instanceof Error && error.message.startsWith('STATS.SWITCHING')) {
        throw new SwitchingError(error.message);
      }
      if (error instanceof Error && error.message.startsWith('STATS.STATE_GONE')) {
        this.fences.delete(batch.partition);
        throw new StateGoneError(batch.partition, batch.firstOffset, error.message);
      }
      throw error;
    }
  }
}
