import { Inject, Injectable, Logger } from '@nestjs/common';
import { DonationEventV1, TOPICS } from '@donations/contracts';
import { ConsumedBatch, deadLetterOf, DeadLetterPublisher, ParsedBatch } from '@donations/kafka';
import { StatsChanges } from '../publish/stats-changes';
import { RebuildService } from '../rebuild/rebuild.service';
import { StateGoneError } from '../rebuild/state-gone.error';
import { TopicOffsetsReader } from '../rebuild/topic-offsets.reader';
import { AppliedStats, StatsRepository } from '../stats/stats.repository';

type Normalized = typeof TOPICS.donationsNormalized;

/** Where the service's dead letters go: donations.dlq (DeadLetterPublisher). */
export type DeadLetterSink = Pick<DeadLetterPublisher, 'publish'>;

/** Applies a batch of normalized events to the Redis statistics: dead letters first, then one script. */
@Injectable()
export class DonationsService {
  private readonly logger = new Logger(DonationsService.name);

  constructor(
    @Inject(StatsRepository) private readonly stats: StatsRepository,
    @Inject(DeadLetterPublisher) private readonly deadLetters: DeadLetterSink,
    @Inject(TopicOffsetsReader) private readonly offsets: TopicOffsetsReader,
    @Inject(RebuildService) private readonly rebuild: RebuildService,
    @Inject(StatsChanges) private readonly changes: StatsChanges,
  ) {}

  /**
   * Rejected messages are in donations.dlq before the script that moves the offset past them;
   * a crash in between duplicates dead letters, it never loses one. A rebuild does not publish
   * again those that went out before the state was lost.
   */
  async apply(batch: ConsumedBatch<Normalized>, parsed: ParsedBatch<Normalized>): Promise<void> {
    const fresh = parsed.rejected.filter(
      ({ message }) => !this.rebuild.alreadyDeadLettered(batch.partition, message.offset),
    );
    await Promise.all(
      fresh.map((rejected) => this.deadLetters.publish(deadLetterOf(batch, rejected))),
    );
    const applied = await this.applyScript(
      batch,
      parsed.valid.map((message) => message.value),
    );
    this.changes.record(applied.fresh);
    this.logger.debug({
      msg: 'batch applied',
      partition: batch.partition,
      firstOffset: batch.firstOffset,
      nextOffset: batch.nextOffset,
      newEvents: applied.newEvents,
      duplicates: applied.duplicates,
      rejected: parsed.rejected.length,
    });
  }

  /**
   * The batch's script. Refused because the state is gone (no stored offset, and the batch not
   * at the earliest one): the rebuild check runs at once, and the failed batch makes the
   * consumer go back to the earliest offset.
   */
  private async applyScript(
    batch: ConsumedBatch<Normalized>,
    events: DonationEventV1[],
  ): Promise<AppliedStats> {
    const earliest = await this.offsets.earliestOffset(batch.partition);
    try {
      return await this.stats.applyBatch(batch, events, earliest);
    } catch (error) {
      if (error instanceof StateGoneError) {
        this.offsets.forgetEarliest();
        this.rebuild.stateGone();
      }
      throw error;
    }
  }
}
